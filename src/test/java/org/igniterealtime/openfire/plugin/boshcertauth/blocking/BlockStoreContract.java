package org.igniterealtime.openfire.plugin.boshcertauth.blocking;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every database must do with the plugin's schema and {@link JdbcBlockStore}; subclasses give the database. */
abstract class BlockStoreContract {

    private static final TestPki.Issued ROOT = TestPki.rootCa("boshcertauth Block Store Root");
    private static final TestPki.Issued ALICE = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(ROOT).build();
    private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    /** A connection to a database where {@link SchemaScripts#install} has run (each call a new connection). */
    abstract Connection connection() throws Exception;

    private JdbcBlockStore store() {
        return new JdbcBlockStore(() -> {
            try {
                return connection();
            } catch (java.sql.SQLException e) {
                throw e;
            } catch (Exception e) {
                throw new java.sql.SQLException(e);
            }
        });
    }

    @Test
    void theScriptRegistersItsSchemaVersionWhereOpenfireLooksForIt() throws Exception {
        // Execute
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement("SELECT version FROM ofVersion WHERE name=?")) {
            s.setString(1, "boshcertauth");
            try (ResultSet r = s.executeQuery()) {
                // Verify: the same name and version as plugin.xml's databaseKey/databaseVersion
                assertTrue(r.next());
                assertEquals(SchemaScripts.pluginDatabaseVersion(), r.getInt(1));
            }
        }
    }

    @Test
    void entriesOfBothKindsAreStoredReadAndRemovedWithWhoWhenAndWhy() throws Exception {
        // Setup
        final JdbcBlockStore store = store();
        final X509Certificate leaf = ALICE.certificate();
        final BlockedCertificate bySha = BlockedCertificate.bySha256(BlockKey.of(leaf)[0], "laptop stolen; 'quotes' \"too\"", "admin", AT);
        final String longIssuer = "CN=" + "x".repeat(900) + ",O=Example";
        final BlockedCertificate bySerial = BlockedCertificate.byIssuerSerial(BlockKey.ofIssuerSerial(longIssuer, "0a:1B").orElseThrow(),
            longIssuer, "0a:1B", "left the company", "other-admin", AT.plusSeconds(1));

        // Execute
        final boolean addedFirst = store.add(bySha);
        final boolean addedSecond = store.add(bySerial);
        final boolean addedAgain = store.add(BlockedCertificate.bySha256(bySha.key(), "again", "someone", AT));
        final List<BlockedCertificate> all = store.all();

        // Verify
        assertTrue(addedFirst);
        assertTrue(addedSecond);
        assertFalse(addedAgain);
        assertEquals(Set.of(bySha, bySerial), Set.copyOf(all));
        assertEquals("1b", all.stream().filter(e -> !e.key().bySha256()).findFirst().orElseThrow().serial().substring(1));

        // Execute / Verify: removal
        assertTrue(store.remove(bySha.key()));
        assertFalse(store.remove(bySha.key()));
        assertEquals(Set.of(bySerial.key()), store.all().stream().map(BlockedCertificate::key).collect(Collectors.toSet()));
    }

    @Test
    void aBlockListOnTheDatabaseRefusesTheCertificateByEitherKey() throws Exception {
        // Setup
        final BlockList list = new BlockList(store());
        final X509Certificate leaf = ALICE.certificate();
        list.refresh();
        assertFalse(list.match(leaf).blocked());

        // Execute
        list.block(BlockedCertificate.byIssuerSerial(BlockKey.ofIssuerSerial(leaf.getIssuerX500Principal().getName(),
            leaf.getSerialNumber().toString(16)).orElseThrow(), leaf.getIssuerX500Principal().getName(),
            leaf.getSerialNumber().toString(16), "", "admin", AT));

        // Verify
        assertTrue(list.match(leaf).blocked());
        assertEquals("admin", list.match(leaf).entry().blockedBy());
    }
}
