package org.igniterealtime.openfire.plugin.boshcertauth.audit;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What reaches Openfire's security audit table, this plugin's log and the admin page's list (issue 13, finding 7;
 * issue 15, item 4): who an event is filed under, values that always fit, the transport, and folding of floods.
 */
class AuditTrailTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String PEER = "192.0.2.7";

    private static CertificateSummary user01;
    private static CertificateSummary other;

    private OpenfireAuditTable table;
    private List<String> logLines;
    private AttemptLog attempts;
    private AuditTrail trail;

    @BeforeAll
    static void certificates() {
        user01 = CertificateSummary.of(TestPki.certificate("admin").xmppAddr("user01@localhost").build().certificate());
        other = CertificateSummary.of(TestPki.certificate("bob").xmppAddr("bob@localhost").build().certificate());
    }

    @BeforeEach
    void setUp() {
        table = new OpenfireAuditTable();
        logLines = new ArrayList<>();
        attempts = new AttemptLog(10);
        trail = new AuditTrail(attempts, table, Duration.ofSeconds(60), 8, logLines::add);
    }

    private static LoginAttempt refusal(Instant time, String peer, CertificateSummary certificate, FailureReason reason, String jid, String detail) {
        return new LoginAttempt(time, "sasl", peer, certificate, "EXTERNAL", jid, reason, detail);
    }

    private static LoginAttempt garbage(Instant time) {
        return new LoginAttempt(time, "bosh", PEER, CertificateSummary.NONE, "", "", FailureReason.MALFORMED_REQUEST, "not a BOSH body");
    }

    private static LoginAttempt success(Instant time, String stage, String jid) {
        return new LoginAttempt(time, stage, PEER, user01, "EXTERNAL", jid, null, "identity from xmppAddr");
    }

    // ------------------------------------------------------------------ who the event is filed under

    @Test
    void theClientsAuthzidIsNeverTheAuditUser() {
        // Setup: user01's certificate asking to be admin
        final LoginAttempt attempt = refusal(T0, PEER, user01, FailureReason.AUTHZID_MISMATCH, "admin@localhost",
            "authzid admin@localhost is not among the certificate's identities [user01@localhost]");

        // Execute
        trail.record(attempt);

        // Verify: filed under no user; the authzid only in the details
        final OpenfireAuditTable.Row row = table.only();
        assertEquals(SecurityAuditColumns.NO_USER, row.username());
        assertFalse(row.username().contains("admin"), row.username());
        assertTrue(row.details().contains("for admin@localhost"), row.details());
    }

    @ParameterizedTest
    @CsvSource({"NO_CERTIFICATE", "UNTRUSTED", "INVALID_AUTHZID_FORMAT", "FOREIGN_DOMAIN", "IDENTITY_NOT_CERTIFICATE_IDENTITY"})
    void refusalsBeforeTheIdentityIsEstablishedAreFiledUnderNoUser(FailureReason reason) {
        // Execute
        trail.record(refusal(T0, PEER, user01, reason, "admin@localhost", ""));

        // Verify
        assertEquals(SecurityAuditColumns.NO_USER, table.only().username());
    }

    @Test
    void aSuccessIsFiledUnderTheUserName() {
        // Execute
        trail.record(success(T0, "sasl", "user01@localhost"));

        // Verify: Openfire files its own events under user names (e.g. the admin console's "admin")
        assertEquals("user01", table.only().username());
    }

    @Test
    void refusalsAfterTheIdentityAreFiledUnderTheCertificatesIdentity() {
        // Execute
        trail.record(refusal(T0, PEER, user01, FailureReason.ACCOUNT_DISABLED, "user01@localhost", ""));
        trail.record(refusal(T0, PEER, other, FailureReason.UNKNOWN_USER, "bob@localhost", "no user 'bob' on this server"));

        // Verify: a locked-out account is a user (its name); an unknown user is only the certificate's JID
        assertEquals(List.of("user01", "bob@localhost"), table.rows.stream().map(OpenfireAuditTable.Row::username).toList());
    }

    // ------------------------------------------------------------------ values that always fit

    @Test
    void anAuthzidLongerThanTheUsernameColumnStillWritesTheRow() {
        // Setup: the review's case: an authzid over 64 characters
        final String authzid = "a".repeat(100) + "@localhost";

        // Execute
        trail.record(refusal(T0, PEER, user01, FailureReason.AUTHZID_MISMATCH, authzid, "authzid is not among the certificate's identities"));

        // Verify
        assertTrue(table.refused.isEmpty(), table.refused::toString);
        assertTrue(table.only().details().contains(authzid), table.only().details());
    }

    @Test
    void aLongIdentityIsNotCutIntoAnotherUsersName() {
        // Setup: an unknown user whose JID does not fit the column
        final String jid = "b".repeat(70) + "@localhost";

        // Execute
        trail.record(refusal(T0, PEER, other, FailureReason.UNKNOWN_USER, jid, ""));

        // Verify: not "bbbb…" (which could be a real user), but no user; the JID is in the details
        assertEquals(SecurityAuditColumns.NO_USER, table.only().username());
        assertTrue(table.only().details().contains(jid));
    }

    @Test
    void hugeValuesAreCutToTheColumns() {
        // Setup: an authzid of 3071 bytes (what SASL accepts) of three-byte characters, and an endless detail
        final String authzid = "€".repeat(1023) + "@x";
        final String detail = "skipped: " + "xmppAddr 'ä' is not a valid JID; ".repeat(500);

        // Execute
        trail.record(refusal(T0, PEER, user01, FailureReason.INVALID_AUTHZID_FORMAT, authzid, detail));

        // Verify
        assertTrue(table.refused.isEmpty(), table.refused::toString);
        final OpenfireAuditTable.Row row = table.only();
        assertTrue(row.details().getBytes(StandardCharsets.UTF_8).length <= SecurityAuditColumns.DETAILS_BYTES);
        assertTrue(row.details().endsWith("…"), row.details());
        assertTrue(row.details().contains("sha256=" + user01.sha256()), "the certificate survives the cut of the authzid");
        assertTrue(logLines.get(0).length() < 3000, "the plugin log line is bounded too: " + logLines.get(0).length());
    }

    @Test
    void markupBidiOverridesAndCharactersOutsideTheBmpAreEscaped() {
        // Setup: hostile text in the authzid, the detail and the certificate's subject
        final CertificateSummary hostileCertificate = new CertificateSummary("CN=<img src=x onerror=alert(1)>\u202Eevil",
            "CN=Root & Co", "1", "ab");
        final LoginAttempt attempt = refusal(T0, PEER, hostileCertificate, FailureReason.UNTRUSTED,
            "<b>x</b>@localhost\uD83D\uDE00", "lone \uD800 surrogate\r\nforged line");

        // Execute
        trail.record(attempt);

        // Verify
        assertTrue(table.refused.isEmpty(), table.refused::toString);
        final String details = table.only().details();
        for (String unsafe : List.of("<", ">", "&", "\u202E", "\r", "\n")) {
            assertFalse(details.contains(unsafe), () -> "'" + unsafe + "' in " + details);
        }
        assertFalse(details.chars().anyMatch(c -> Character.isSurrogate((char) c)), details);
        assertTrue(details.contains("\\u003cimg src=x onerror=alert(1)\\u003e\\u202eevil"), details);
        assertTrue(details.contains("\\ud83d\\ude00"), details);
    }

    @Test
    void aBrokenAuditProviderDoesNotBreakRecording() {
        // Setup
        final AuditTrail broken = new AuditTrail(attempts, (user, summary, details) -> { throw new IllegalStateException("db down"); });

        // Execute
        broken.record(success(T0, "sasl", "user01@localhost"));

        // Verify
        assertEquals(1, attempts.recent().size());
    }

    // ------------------------------------------------------------------ the transport

    @ParameterizedTest
    @CsvSource({"websocket, WebSocket", "sasl, BOSH", "bosh, BOSH"})
    void theSummaryNamesTheTransport(String stage, String transport) {
        // Execute
        trail.record(success(T0, stage, "user01@localhost"));

        // Verify
        assertEquals("Certificate login success over " + transport, table.only().summary());
        assertEquals(transport, attempts.recent().get(0).transport());
    }

    @Test
    void aWebSocketRefusalIsNotCalledBosh() {
        // Execute
        trail.record(new LoginAttempt(T0, "websocket", PEER, user01, "", "", FailureReason.REVOKED, ""));

        // Verify
        final String summary = table.only().summary();
        assertFalse(summary.contains("BOSH"), summary);
        assertEquals("Certificate login failure over WebSocket: " + FailureReason.REVOKED.description(), summary);
    }

    // ------------------------------------------------------------------ folding of repeated refusals

    @Test
    void aFloodOfIdenticalRefusalsIsOneRowOneLineAndOneEntry() {
        // Setup: a real login, then the review's flood: 1,000 garbage POSTs in one second
        trail.record(success(T0, "sasl", "user01@localhost"));

        // Execute
        for (int i = 0; i < 1000; i++) {
            trail.record(garbage(T0.plusMillis(1 + i)));
        }

        // Verify
        assertEquals(2, table.rows.size(), table.rows::toString);
        assertEquals(2, logLines.size());
        final List<LoginAttempt> listed = attempts.recent();
        assertEquals(2, listed.size());
        assertEquals(1000, listed.get(0).count());
        assertEquals(999, listed.get(0).folded());
        assertTrue(listed.get(1).success(), "the real login is still listed");
    }

    @Test
    void theNextWindowsRowCarriesTheFoldedCount() {
        // Setup: 1,000 refusals in the first window
        for (int i = 0; i < 1000; i++) {
            trail.record(garbage(T0.plusMillis(i)));
        }

        // Execute: the same again after the window
        trail.record(garbage(T0.plusSeconds(61)));

        // Verify: one row per window, the second telling how many the first window folded
        assertEquals(2, table.rows.size(), table.rows::toString);
        assertTrue(table.rows.get(1).details().contains("999 identical refusals were folded between "
            + T0 + " and " + T0.plusMillis(999)), table.rows.get(1).details());
        assertEquals(table.rows.get(1).details(), logLines.get(1));
        assertEquals(List.of(1, 1000), attempts.recent().stream().map(LoginAttempt::count).toList());
    }

    @Test
    void aWindowWithoutSuccessorIsClosedByTheNextRecordedAttempt() {
        // Setup
        for (int i = 0; i < 5; i++) {
            trail.record(garbage(T0.plusSeconds(i)));
        }

        // Execute: something else, after the window
        trail.record(success(T0.plusSeconds(90), "websocket", "user01@localhost"));

        // Verify: the first refusal, the window's closing row, the success
        assertEquals(3, table.rows.size(), table.rows::toString);
        assertTrue(table.rows.get(1).details().contains("repeated: 4 identical refusals were folded between "
            + T0 + " and " + T0.plusSeconds(4)), table.rows.get(1).details());
        assertEquals("Certificate login success over WebSocket", table.rows.get(2).summary());
    }

    @Test
    void flushWritesTheCountOfOpenWindows() {
        // Setup
        trail.record(garbage(T0));
        trail.record(garbage(T0.plusSeconds(1)));
        trail.record(refusal(T0, "198.51.100.1", user01, FailureReason.REVOKED, "", ""));

        // Execute
        trail.flush();
        trail.flush();

        // Verify: one closing row for the window that folded something, none for the other, nothing twice
        assertEquals(3, table.rows.size(), table.rows::toString);
        assertTrue(table.rows.get(2).details().contains("repeated: 1 identical refusal was folded"), table.rows.get(2).details());
        assertEquals(0, trail.openWindows());
    }

    @Test
    void whatTheClientVariesFreelyDoesNotDefeatFolding() {
        // Execute: the same certificate and peer, a different authzid and detail each time
        for (int i = 0; i < 50; i++) {
            trail.record(refusal(T0.plusMillis(i), PEER, user01, FailureReason.AUTHZID_MISMATCH, "user" + i + "@localhost", "try " + i));
        }

        // Verify
        assertEquals(1, table.rows.size());
        assertEquals(50, attempts.recent().get(0).count());
    }

    @Test
    void differentPeersReasonsOrCertificatesAreNotFolded() {
        // Execute
        trail.record(refusal(T0, PEER, user01, FailureReason.REVOKED, "", ""));
        trail.record(refusal(T0, "198.51.100.1", user01, FailureReason.REVOKED, "", ""));
        trail.record(refusal(T0, PEER, user01, FailureReason.EXPIRED, "", ""));
        trail.record(refusal(T0, PEER, other, FailureReason.REVOKED, "", ""));
        trail.record(refusal(T0, PEER, CertificateSummary.NONE, FailureReason.REVOKED, "", ""));

        // Verify
        assertEquals(5, table.rows.size());
        assertTrue(attempts.recent().stream().allMatch(a -> a.count() == 1));
    }

    @Test
    void successesAreNeverFolded() {
        // Execute
        for (int i = 0; i < 3; i++) {
            trail.record(success(T0.plusMillis(i), "sasl", "user01@localhost"));
        }

        // Verify
        assertEquals(3, table.rows.size());
        assertEquals(3, logLines.size());
        assertEquals(3, attempts.recent().size());
    }

    @Test
    void theFoldWindowsAreBounded() {
        // Execute: more distinct peers than windows may be kept, each repeating once
        for (int i = 0; i < 100; i++) {
            final String peer = "2001:db8::" + Integer.toHexString(i);
            trail.record(refusal(T0.plusMillis(i), peer, CertificateSummary.NONE, FailureReason.NO_CERTIFICATE, "", ""));
            trail.record(refusal(T0.plusMillis(i), peer, CertificateSummary.NONE, FailureReason.NO_CERTIFICATE, "", ""));
        }

        // Verify: at most 8 open; each evicted window's repeat is still reported once
        assertTrue(trail.openWindows() <= 8, "open windows: " + trail.openWindows());
        assertEquals(100 + (100 - 8), table.rows.size());
        trail.flush();
        assertEquals(200, table.rows.size());
    }

    @Test
    void aFoldedEntryPushedOutOfTheListComesBackAsTheNewest() {
        // Setup: a refusal, then more other attempts than the list holds
        final LoginAttempt first = garbage(T0);
        trail.record(first);
        for (int i = 0; i < 10; i++) {
            trail.record(success(T0.plusMillis(1 + i), "sasl", "user01@localhost"));
        }

        // Execute: the refusal repeats within its window
        trail.record(garbage(T0.plusSeconds(2)));

        // Verify
        final LoginAttempt newest = attempts.recent().get(0);
        assertEquals(2, newest.count());
        assertSame(first.time(), newest.time());
        assertEquals(10, attempts.recent().size());
    }
}
