package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.jivesoftware.database.DbConnectionManager;
import org.jivesoftware.util.JiveGlobals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mockStatic;

/**
 * The plugin's settings read straight from Openfire's ofProperty table (a real HSQLDB, Openfire's embedded database;
 * only Openfire's DbConnectionManager singleton is mocked to hand it out).
 */
class DatabasePropertiesTest {

    private MockedStatic<DbConnectionManager> database;
    private String url;

    @BeforeEach
    void createTable() throws Exception {
        url = "jdbc:hsqldb:mem:props" + System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, "SA", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ofProperty (name VARCHAR(100) NOT NULL, propValue VARCHAR(4000) NOT NULL, "
                + "encrypted INTEGER, iv CHAR(24), PRIMARY KEY (name))");
            s.execute("INSERT INTO ofProperty VALUES ('boshcertauth.web.allowed-origins', 'https://chat.example.com', 0, NULL)");
            s.execute("INSERT INTO ofProperty VALUES ('boshcertauth.identity.ca-restrictions', 'Zm9vYmFy', 1, 'aXYxMjM0NTY3ODkwMTIzNA==')");
            s.execute("INSERT INTO ofProperty VALUES ('xmpp.domain', 'localhost', 0, NULL)");
        }
        database = mockStatic(DbConnectionManager.class);
        database.when(DbConnectionManager::getConnection).thenAnswer(invocation -> DriverManager.getConnection(url, "SA", ""));
    }

    @AfterEach
    void close() {
        database.close();
        JiveGlobals.deleteProperty("boshcertauth.identity.ca-restrictions");
    }

    @Test
    void anEncryptedSettingCountsAsThisNodesViewNotAsDeleted() {
        // Setup: this node's decrypted view of the encrypted row
        JiveGlobals.setProperty("boshcertauth.identity.ca-restrictions", "sha256:ab | email | example.com");

        // Execute
        final Optional<Map<String, String>> read = DatabaseProperties.INSTANCE.read(name -> name.startsWith("boshcertauth."));

        // Verify: plain rows as stored, the encrypted one present (before, it was left out, which the reconciler took
        // for "deleted in the database" and deleted on every node)
        assertEquals(Optional.of(Map.of("boshcertauth.web.allowed-origins", "https://chat.example.com",
            "boshcertauth.identity.ca-restrictions", "sha256:ab | email | example.com")), read);
    }
}
