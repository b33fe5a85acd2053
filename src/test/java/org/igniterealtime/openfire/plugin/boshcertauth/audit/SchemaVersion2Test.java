package org.igniterealtime.openfire.plugin.boshcertauth.audit;

import org.igniterealtime.openfire.plugin.boshcertauth.blocking.SchemaScripts;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Schema version 2 (recent attempts, test CA): every database Openfire supports has the tables in its create script and
 * an upgrade script where Openfire's SchemaManager looks for it (database/upgrade/2/boshcertauth_&lt;database&gt;.sql),
 * and the HSQLDB upgrade turns a version 1 database into one the stores work with.
 */
class SchemaVersion2Test {

    private static final List<String> DATABASES = List.of("cockroachdb", "db2", "firebird", "hsqldb", "mariadb", "mysql", "oracle", "postgresql", "sqlserver", "sybase");

    @Test
    void everyDatabaseHasTheTablesAndAnUpgradeScript() throws Exception {
        final List<String> created;
        try (Stream<Path> scripts = Files.list(SchemaScripts.DIRECTORY)) {
            created = scripts.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
        }
        assertEquals(DATABASES.stream().map(d -> "boshcertauth_" + d + ".sql").toList(), created);
        for (String database : DATABASES) {
            final String create = Files.readString(SchemaScripts.DIRECTORY.resolve("boshcertauth_" + database + ".sql"));
            final String upgrade = Files.readString(SchemaScripts.DIRECTORY.resolve("upgrade/2/boshcertauth_" + database + ".sql"));
            for (String script : List.of(create, upgrade)) {
                assertTrue(script.contains("CREATE TABLE ofBoshCertAttempt ("), database);
                assertTrue(script.contains("CREATE TABLE ofBoshCertTestCa ("), database);
            }
            assertTrue(create.contains("INSERT INTO ofVersion (name, version) VALUES ('boshcertauth', " + SchemaScripts.pluginXmlDatabaseVersion() + ");"), database);
            assertTrue(upgrade.contains("UPDATE ofVersion SET version = 2 WHERE name = 'boshcertauth';"), database);
        }
    }

    @Test
    void theUpgradeTurnsAVersion1DatabaseIntoAVersion2One() throws Exception {
        // Setup: what version 1's script left (the block list, ofVersion 1)
        final String url = "jdbc:hsqldb:mem:boshcertauth-upgrade-" + UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(url, "SA", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, version INTEGER NOT NULL, CONSTRAINT ofVersion_pk PRIMARY KEY (name))");
            s.execute("INSERT INTO ofVersion (name, version) VALUES ('boshcertauth', 1)");

            // Execute
            SchemaScripts.run(c, SchemaScripts.DIRECTORY.resolve("upgrade/2/boshcertauth_hsqldb.sql"));

            // Verify
            try (ResultSet r = s.executeQuery("SELECT version FROM ofVersion WHERE name = 'boshcertauth'")) {
                assertTrue(r.next());
                assertEquals(2, r.getInt(1));
            }
            final JdbcAttemptStore store = new JdbcAttemptStore(() -> DriverManager.getConnection(url, "SA", ""));
            store.replace("node-1", JdbcAttemptStoreTest.attempts(3), 200);
            assertEquals(JdbcAttemptStoreTest.attempts(3), store.load("node-1", 200));
            s.execute("SHUTDOWN");
        }
    }
}
