package org.igniterealtime.openfire.plugin.boshcertauth.blocking;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/** The schema and DAO on HSQLDB (Openfire's embedded database, the version Openfire 5.1.1 ships), in memory. */
class JdbcBlockStoreHsqldbTest extends BlockStoreContract {

    private final String url = "jdbc:hsqldb:mem:boshcertauth-" + UUID.randomUUID();

    @BeforeEach
    void install() throws Exception {
        try (Connection c = connection()) {
            SchemaScripts.install(c, "hsqldb");
        }
    }

    @AfterEach
    void shutdown() throws Exception {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    @Override
    Connection connection() throws Exception {
        return DriverManager.getConnection(url, "SA", "");
    }
}
