package org.igniterealtime.openfire.plugin.boshcertauth.registration;

import org.igniterealtime.openfire.plugin.boshcertauth.blocking.SchemaScripts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link JdbcRegistrationStore} and table {@code ofBoshCertRegistered} on HSQLDB (Openfire's embedded database), in
 * memory: from the create script, and from version 2 through the upgrade script to version 3 (how an installed
 * plugin gets the table).
 */
class RegistrationStoreHsqldbTest {

    private static final Pattern TABLE = Pattern.compile("CREATE TABLE ofBoshCertRegistered \\(.*?\\);", Pattern.DOTALL);
    private final String url = "jdbc:hsqldb:mem:boshcertauth-registered-" + UUID.randomUUID();

    @AfterEach
    void shutdown() throws Exception {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    @Test
    void entriesAreStoredListedPerUserDisabledAndRemoved() throws Exception {
        // Setup
        install();
        final JdbcRegistrationStore store = new JdbcRegistrationStore(this::connection);
        final RegisteredCertificate phone = entry("a1", "alice", "phone 'quoted' \"too\"", 1);
        final RegisteredCertificate laptop = entry("a2", "alice", "laptop", 2);
        final RegisteredCertificate bobs = entry("b1", "bob", "phone", 3);

        // Execute
        assertTrue(store.add(phone));
        assertTrue(store.add(laptop));
        assertTrue(store.add(bobs));
        assertTrue(store.disable("alice", "laptop"));
        final List<RegisteredCertificate> alices = store.of("alice");
        assertTrue(store.remove("alice", phone.name()));

        // Verify
        assertEquals(List.of(phone, laptop.disabled()), alices);
        assertEquals(List.of(laptop.disabled()), store.of("alice"));
        assertEquals(List.of(bobs), store.of("bob"));
        assertEquals(2, store.all().size());
        assertFalse(store.disable("alice", "phone"), "gone");
        assertFalse(store.remove("bob", "laptop"), "another user's name is no name of bob's");
    }

    @Test
    void aCertificateBelongsToOneUserAndANameIsUniquePerUser() throws Exception {
        // Setup
        install();
        final JdbcRegistrationStore store = new JdbcRegistrationStore(this::connection);
        assertTrue(store.add(entry("a1", "alice", "phone", 1)));

        // Execute / Verify
        assertFalse(store.add(entry("a1", "bob", "phone", 2)), "same certificate, another user");
        assertFalse(store.add(entry("a2", "alice", "phone", 3)), "same name, same user");
        assertTrue(store.add(entry("a3", "bob", "phone", 4)), "same name, another user");
        assertEquals(2, store.all().size());
    }

    @Test
    void theProbeReadsEveryRowAsAllDoesWithoutTheCertificate() throws Exception {
        // Setup
        install();
        final JdbcRegistrationStore store = new JdbcRegistrationStore(this::connection);
        assertTrue(store.add(entry("a1", "alice", "phone", 1)));
        assertTrue(store.add(entry("a2", "alice", "laptop", 2)));
        assertTrue(store.disable("alice", "laptop"));

        // Execute
        final List<RegistrationStore.RowState> states = store.states();

        // Verify
        assertEquals(store.all().stream().map(RegistrationStore.RowState::of).collect(java.util.stream.Collectors.toSet()),
            java.util.Set.copyOf(states));
        assertEquals(2, states.size());
    }

    @Test
    void removeDeletesThatUsersCertificateOfThatNameOnly() throws Exception {
        // Setup: bob has a certificate of the same name
        install();
        final JdbcRegistrationStore store = new JdbcRegistrationStore(this::connection);
        assertTrue(store.add(entry("a1", "alice", "phone", 1)));
        assertTrue(store.add(entry("a2", "alice", "laptop", 2)));
        assertTrue(store.add(entry("b1", "bob", "phone", 3)));

        // Execute
        final boolean removed = store.remove("alice", "phone");
        final boolean again = store.remove("alice", "phone");

        // Verify
        assertTrue(removed);
        assertFalse(again, "gone");
        assertEquals(List.of("laptop"), store.of("alice").stream().map(RegisteredCertificate::name).toList());
        assertEquals(List.of("b1".repeat(32)), store.of("bob").stream().map(RegisteredCertificate::sha256).toList());
    }

    @Test
    void theUpgradeScriptTakesAVersion2SchemaToVersion3() throws Exception {
        // Setup: a database at version 2 (the block list and whatever version 2 added; none of this table)
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, version INTEGER NOT NULL, CONSTRAINT ofVersion_pk PRIMARY KEY (name))");
            s.execute("INSERT INTO ofVersion (name, version) VALUES ('boshcertauth', 2)");
        }

        // Execute
        try (Connection c = connection()) {
            SchemaScripts.run(c, SchemaScripts.DIRECTORY.resolve("upgrade/3/boshcertauth_hsqldb.sql"));
        }

        // Verify: version 3 (plugin.xml's), and the table works
        assertEquals(3, SchemaScripts.pluginXmlDatabaseVersion());
        assertEquals(3, version());
        final JdbcRegistrationStore store = new JdbcRegistrationStore(this::connection);
        assertTrue(store.add(entry("a1", "alice", "phone", 1)));
        assertEquals(1, store.of("alice").size());
    }

    @Test
    void everyDatabaseCreatesTheSameTableOnInstallAndOnUpgrade() throws Exception {
        // Execute
        final List<String> problems = new ArrayList<>();
        final List<Path> scripts;
        try (var files = Files.list(SchemaScripts.DIRECTORY)) {
            scripts = files.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
        for (Path create : scripts) {
            final Path upgrade = SchemaScripts.DIRECTORY.resolve("upgrade/3").resolve(create.getFileName());
            if (!Files.exists(upgrade)) {
                problems.add("no upgrade/3 script for " + create.getFileName());
                continue;
            }
            final String created = table(Files.readString(create, StandardCharsets.UTF_8));
            final String upgraded = table(Files.readString(upgrade, StandardCharsets.UTF_8));
            if (created == null || !created.equals(upgraded)) {
                problems.add(create.getFileName() + ": the create and upgrade scripts differ in ofBoshCertRegistered");
            }
            if (!Files.readString(upgrade, StandardCharsets.UTF_8).contains("UPDATE ofVersion SET version = 3 WHERE name = 'boshcertauth';")) {
                problems.add(upgrade + " does not record version 3");
            }
        }

        // Verify: every database Openfire supports (the eight create scripts)
        assertEquals(10, scripts.size()); // every schema Openfire ships (SchemaScriptCoverageTest)
        assertEquals(List.of(), problems);
    }

    private static String table(String script) {
        final Matcher m = TABLE.matcher(script);
        return m.find() ? m.group() : null;
    }

    private void install() throws Exception {
        try (Connection c = connection()) {
            SchemaScripts.install(c, "hsqldb");
        }
        assertEquals(SchemaScripts.pluginXmlDatabaseVersion(), version());
    }

    private int version() throws Exception {
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT version FROM ofVersion WHERE name = 'boshcertauth'")) {
            assertTrue(r.next());
            return r.getInt(1);
        }
    }

    private static RegisteredCertificate entry(String sha256, String user, String name, long addedAt) {
        return new RegisteredCertificate(sha256.repeat(32), user, name, "MIIB" + "A".repeat(3000), 1_900_000_000_000L, true, addedAt % 2 == 0, addedAt);
    }

    private Connection connection() throws java.sql.SQLException {
        return DriverManager.getConnection(url, "SA", "");
    }
}
