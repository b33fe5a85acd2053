package org.igniterealtime.openfire.plugin.boshcertauth.tools;

import org.igniterealtime.openfire.plugin.boshcertauth.blocking.SchemaScripts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test CA in the database (HSQLDB with the plugin's schema script), as two cluster nodes see it. */
class JdbcTestCaStoreTest {

    /** A sealing stand-in: reversible, and visibly not the plain password (production stores it as it is). */
    private static final JdbcTestCaStore.Secrets SEALED = new JdbcTestCaStore.Secrets() {
        @Override public String seal(String secret) { return "sealed:" + new StringBuilder(secret).reverse(); }
        @Override public String open(String sealed) {
            return sealed.startsWith("sealed:") ? new StringBuilder(sealed.substring(7)).reverse().toString() : null;
        }
    };

    private final String url = "jdbc:hsqldb:mem:boshcertauth-testca-" + UUID.randomUUID();
    /** Two nodes: each its own store object, one database. */
    private final JdbcTestCaStore node1 = new JdbcTestCaStore(this::connection, SEALED);
    private final JdbcTestCaStore node2 = new JdbcTestCaStore(this::connection, SEALED);

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

    @Test
    void asStoredOnARealServerThePasswordOpensTheCaOnEveryNode() throws Exception {
        // Setup: what OpenfireAdminEnvironment uses (each node may have its own Openfire encryption key)
        final JdbcTestCaStore first = new JdbcTestCaStore(this::connection, JdbcTestCaStore.Secrets.STORED_AS_IS);
        final JdbcTestCaStore second = new JdbcTestCaStore(this::connection, JdbcTestCaStore.Secrets.STORED_AS_IS);

        // Execute
        final TestCertificateAuthority created = first.ensure(TestCertificateAuthority.Options.defaults());

        // Verify
        assertEquals(created.certificate(), second.load().orElseThrow().certificate());
    }

    @Test
    void theCaCreatedOnOneNodeIsTheCaOfTheOtherNode() throws Exception {
        // Execute
        final TestCertificateAuthority created = node1.ensure(TestCertificateAuthority.Options.defaults());
        final TestCertificateAuthority seen = node2.ensure(TestCertificateAuthority.Options.defaults());

        // Verify: the same certificate, and node 2 can issue with it (it has the key)
        assertEquals(created.certificate(), seen.certificate());
        final X509Certificate user = seen.issue(UserCertificateRequest.of("alice@example.org")).certificate();
        user.verify(created.certificate().getPublicKey());
        assertEquals(1, rows());
    }

    @Test
    void twoNodesCreatingItAtTheSameMomentEndWithOneCa() throws Exception {
        // Setup: both nodes have made their own CA and found none stored (the moment of the race)
        final TestCertificateAuthority ofNode1 = TestCertificateAuthority.create(TestCertificateAuthority.Options.defaults());
        final TestCertificateAuthority ofNode2 = TestCertificateAuthority.create(TestCertificateAuthority.Options.defaults());
        assertNotEquals(ofNode1.certificate(), ofNode2.certificate());

        // Execute
        final TestCertificateAuthority kept1 = node1.insertIfAbsent(ofNode1);
        final TestCertificateAuthority kept2 = node2.insertIfAbsent(ofNode2);

        // Verify: the second insert lost and uses the first one's CA
        assertEquals(ofNode1.certificate(), kept1.certificate());
        assertEquals(ofNode1.certificate(), kept2.certificate());
        assertEquals(ofNode1.certificate(), node2.load().orElseThrow().certificate());
        assertEquals(1, rows());
    }

    @Test
    void manyConcurrentFirstUsesConvergeOnOneCa() throws Exception {
        // Setup
        final int threads = 6;
        final CountDownLatch start = new CountDownLatch(1);
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        final List<Future<X509Certificate>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                final JdbcTestCaStore node = new JdbcTestCaStore(this::connection, SEALED);
                final Callable<X509Certificate> firstUse = () -> {
                    start.await();
                    return node.ensure(TestCertificateAuthority.Options.defaults()).certificate();
                };
                results.add(pool.submit(firstUse));
            }

            // Execute
            start.countDown();
            final Set<X509Certificate> certificates = new HashSet<>();
            for (Future<X509Certificate> result : results) {
                certificates.add(result.get());
            }

            // Verify
            assertEquals(1, certificates.size(), "every node uses the same CA");
            assertEquals(certificates.iterator().next(), node1.load().orElseThrow().certificate());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void thePasswordIsStoredSealedAndTheKeyOnlyInsideThePasswordProtectedKeyStore() throws Exception {
        // Execute
        final TestCertificateAuthority ca = node1.ensure(TestCertificateAuthority.Options.defaults());

        // Verify
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT keyStore, keyStorePassword, fingerprint FROM ofBoshCertTestCa")) {
            assertTrue(r.next());
            assertTrue(r.getString(2).startsWith("sealed:"), "the password went through Secrets");
            final byte[] pkcs12 = Base64.getDecoder().decode(r.getString(1));
            assertThrows(GeneralSecurityException.class, () -> Pkcs12.read(pkcs12, r.getString(2).toCharArray()),
                "the sealed form is not the password");
            assertEquals(JdbcTestCaStore.fingerprint(ca), r.getString(3));
        }
    }

    @Test
    void aNodeThatCannotOpenThePasswordSaysSoAndCreatesNoSecondCa() throws Exception {
        // Setup: node 2 cannot open what node 1 sealed
        node1.ensure(TestCertificateAuthority.Options.defaults());
        final JdbcTestCaStore otherKey = new JdbcTestCaStore(this::connection, new JdbcTestCaStore.Secrets() {
            @Override public String seal(String secret) { return secret; }
            @Override public String open(String sealed) { return null; } // Openfire's decrypt gives null when it fails
        });

        // Execute
        final GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
            () -> otherKey.ensure(TestCertificateAuthority.Options.defaults()));

        // Verify
        assertTrue(e.getMessage().contains("cannot be decrypted on this node"), e.getMessage());
        assertEquals(1, rows());
    }

    @Test
    void deletingOnOneNodeDeletesItForEveryNode() throws Exception {
        // Setup
        node1.ensure(TestCertificateAuthority.Options.defaults());

        // Execute
        final boolean deleted = node2.delete();

        // Verify
        assertTrue(deleted);
        assertTrue(node1.load().isEmpty());
        assertFalse(node1.delete(), "nothing left to delete");
    }

    @Test
    void aCaAnEarlierVersionKeptInTheDirectoryMovesIntoTheDatabase(@TempDir Path home) throws Exception {
        // Setup
        final TestCaStore directory = new TestCaStore(home.resolve("conf/boshcertauth-test-ca"));
        final TestCertificateAuthority earlier = directory.ensure();
        final ImportingTestCaKeeper keeper = new ImportingTestCaKeeper(node1, directory);

        // Execute
        final TestCertificateAuthority loaded = keeper.load().orElseThrow();

        // Verify: the same CA (what it issued keeps working), now in the database only
        assertEquals(earlier.certificate(), loaded.certificate());
        assertEquals(earlier.certificate(), node2.load().orElseThrow().certificate());
        assertFalse(Files.exists(directory.caFile()), "the key is no longer kept in the directory");
        assertTrue(keeper.delete());
        assertTrue(keeper.load().isEmpty(), "a deleted CA does not come back");
    }

    private int rows() throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM ofBoshCertTestCa")) {
            r.next();
            return r.getInt(1);
        }
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(url, "SA", "");
    }
}
