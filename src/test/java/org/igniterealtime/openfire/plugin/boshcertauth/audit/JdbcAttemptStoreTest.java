package org.igniterealtime.openfire.plugin.boshcertauth.audit;

import org.igniterealtime.openfire.plugin.boshcertauth.blocking.SchemaScripts;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recent-attempts table on HSQLDB (Openfire's embedded database) with the plugin's own schema script. */
class JdbcAttemptStoreTest {

    private final String url = "jdbc:hsqldb:mem:boshcertauth-attempts-" + UUID.randomUUID();
    private final JdbcAttemptStore store = new JdbcAttemptStore(this::connection);

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
    void everyFieldOfAnAttemptComesBackNewestFirst() throws Exception {
        // Setup
        final LoginAttempt refused = new LoginAttempt(Instant.ofEpochMilli(2_000), "websocket", "2001:db8::1",
            new CertificateSummary("CN=alice", "CN=Test CA", "1a2b", "ab".repeat(32)), "EXTERNAL", "alice@example.org",
            FailureReason.ORIGIN_NOT_ALLOWED, "from a page of another site", 3, "https://evil.example");
        final LoginAttempt success = new LoginAttempt(Instant.ofEpochMilli(1_000), "sasl", "127.0.0.1",
            CertificateSummary.NONE, "EXTERNAL", "bob@example.org", null, "");

        // Execute
        store.replace("node-1", List.of(refused, success), 200);
        final List<LoginAttempt> loaded = store.load("node-1", 200);

        // Verify
        assertEquals(List.of(refused, success), loaded);
    }

    @Test
    void aNodeKeepsAtMostTheConfiguredCountTheNewest() throws Exception {
        // Setup
        final List<LoginAttempt> newestFirst = attempts(300);

        // Execute
        store.replace("node-1", newestFirst, 200);

        // Verify
        assertEquals(200, rows("node-1"));
        assertEquals(newestFirst.subList(0, 200), store.load("node-1", 1000));
    }

    @Test
    void aWritePrunesTheNodesOlderRowsAndLeavesOtherNodesAlone() throws Exception {
        // Setup
        store.replace("node-1", attempts(50), 200);
        store.replace("node-2", attempts(7), 200);

        // Execute
        store.replace("node-1", attempts(10), 5);

        // Verify
        assertEquals(5, rows("node-1"));
        assertEquals(7, rows("node-2"));
        assertEquals(attempts(10).subList(0, 5), store.load("node-1", 200));
    }

    @Test
    void loadReadsNoMoreThanAsked() throws Exception {
        // Setup
        store.replace("node-1", attempts(30), 200);

        // Execute
        final List<LoginAttempt> loaded = store.load("node-1", 10);

        // Verify
        assertEquals(attempts(30).subList(0, 10), loaded);
    }

    @Test
    void hostileValuesAreStoredEscapedAndCutToTheirColumns() throws Exception {
        // Setup: the client chooses the certificate's names, the authzid and (through a proxy) even the address
        final String forged = "x\n2026-01-01 INFO Certificate login success as admin@example.org\u2028";
        final String huge = "'; DROP TABLE ofBoshCertAttempt; --" + "\uD83D\uDE00".repeat(5_000);
        final LoginAttempt hostile = new LoginAttempt(Instant.ofEpochMilli(5), forged + huge, huge, new CertificateSummary(
            forged + huge, huge, huge, huge), huge, forged + huge, FailureReason.UNTRUSTED, forged + huge, 1, huge);

        // Execute
        store.replace("node-1" + huge, List.of(hostile), 200);
        final List<LoginAttempt> loaded = store.load("node-1" + huge, 200);

        // Verify
        assertEquals(1, loaded.size());
        final LoginAttempt back = loaded.get(0);
        for (String value : List.of(back.stage(), back.remoteAddress(), back.certificate().subject(), back.certificate().issuer(),
            back.certificate().serial(), back.certificate().sha256(), back.mechanism(), back.jid(), back.detail(), back.origin())) {
            assertFalse(value.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028'), value);
            assertTrue(value.length() <= JdbcAttemptStore.DETAIL_CHARS, "cut to its column");
            assertTrue(value.endsWith("…"), "marked as cut: " + value);
            assertFalse(Character.isHighSurrogate(value.charAt(value.length() - 2)), "no half of a surrogate pair");
        }
        assertTrue(back.certificate().subject().startsWith("x\\u000a2026-01-01 INFO"), back.certificate().subject().substring(0, 40));
        // a cut never splits a surrogate pair, so it may end one character short of the column
        assertTrue(back.certificate().subject().length() >= JdbcAttemptStore.NAME_CHARS - 1
            && back.certificate().subject().length() <= JdbcAttemptStore.NAME_CHARS, "subject cut to its column");
        assertTrue(back.stage().length() >= JdbcAttemptStore.STAGE_CHARS - 1 && back.stage().length() <= JdbcAttemptStore.STAGE_CHARS);
        assertEquals(FailureReason.UNTRUSTED, back.reason());
        assertTrue(rowsExist(), "the table is still there");
    }

    @Test
    void aRowWithAReasonThisVersionDoesNotKnowIsSkipped() throws Exception {
        // Setup
        store.replace("node-1", attempts(2), 200);
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(
            "UPDATE ofBoshCertAttempt SET reason = 'SOME_FUTURE_REASON' WHERE listIndex = 0")) {
            s.executeUpdate();
        }

        // Execute
        final List<LoginAttempt> loaded = store.load("node-1", 200);

        // Verify
        assertEquals(List.of(attempts(2).get(1)), loaded);
    }

    /** n refusals, newest first, distinct by time and address. */
    static List<LoginAttempt> attempts(int n) {
        final List<LoginAttempt> list = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) {
            list.add(new LoginAttempt(Instant.ofEpochMilli(1_000_000L + i), "bosh", "192.0.2." + (i % 250),
                new CertificateSummary("CN=user" + i, "CN=CA", Integer.toHexString(i), ""), "EXTERNAL", "user" + i + "@example.org",
                FailureReason.EXPIRED, "attempt " + i));
        }
        return list;
    }

    private int rows(String node) throws SQLException {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM ofBoshCertAttempt WHERE nodeName = ?")) {
            s.setString(1, node);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private boolean rowsExist() throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM ofBoshCertAttempt")) {
            return r.next() && r.getInt(1) == 1;
        }
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(url, "SA", "");
    }
}
