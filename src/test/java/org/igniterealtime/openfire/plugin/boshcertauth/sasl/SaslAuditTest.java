package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.SecurityAuditColumns;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.OpenfireSaslDriver.Failed;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.OpenfireSaslDriver.Outcome;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.OpenfireSaslDriver.Success;
import org.jivesoftware.openfire.http.HttpSession;
import org.jivesoftware.openfire.sasl.Failure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/** Every SASL decision leaves exactly one entry in the attempt log and Openfire's security audit log. */
class SaslAuditTest {

    private SaslTestBed bed;

    @BeforeEach
    void setUp() {
        bed = new SaslTestBed(MechanismEnforcement.NONE);
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    @Test
    void successIsRecordedOnceWithJidCertificateAndAddress() {
        // Setup
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());

        // Execute
        final Outcome outcome = bed.driver(session).auth("EXTERNAL", "=");

        // Verify
        assertInstanceOf(Success.class, outcome);
        final List<LoginAttempt> attempts = bed.recorded();
        assertEquals(1, attempts.size());
        final LoginAttempt attempt = attempts.get(0);
        assertTrue(attempt.success());
        assertNull(attempt.reason());
        assertEquals("alice@localhost", attempt.jid());
        assertEquals("sasl", attempt.stage());
        assertEquals("EXTERNAL", attempt.mechanism());
        assertEquals(SaslTestBed.REMOTE_ADDRESS, attempt.remoteAddress());
        assertEquals(CertificateSummary.of(SaslTestBed.ALICE.certificate()), attempt.certificate());
        final ArgumentCaptor<String> summary = ArgumentCaptor.forClass(String.class);
        final ArgumentCaptor<String> details = ArgumentCaptor.forClass(String.class);
        verify(bed.sink, times(1)).logEvent(org.mockito.ArgumentMatchers.eq("alice"), summary.capture(), details.capture());
        assertTrue(summary.getValue().contains("success"), summary.getValue());
        assertEquals("Certificate login success over BOSH", summary.getValue());
        assertEquals(attempt.describe(), details.getValue());
    }

    @Test
    void failureIsRecordedOnceWithReasonAndRequestedJidButNotFiledUnderIt() {
        // Setup
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());

        // Execute
        final Outcome outcome = bed.driver(session).authWithAuthzid("EXTERNAL", "mallory@localhost");

        // Verify
        assertEquals(Failure.INVALID_AUTHZID, assertInstanceOf(Failed.class, outcome).failure());
        final List<LoginAttempt> attempts = bed.recorded();
        assertEquals(1, attempts.size());
        assertEquals(FailureReason.AUTHZID_MISMATCH, attempts.get(0).reason());
        assertEquals("mallory@localhost", attempts.get(0).jid());
        final ArgumentCaptor<String> summary = ArgumentCaptor.forClass(String.class);
        final ArgumentCaptor<String> details = ArgumentCaptor.forClass(String.class);
        verify(bed.sink, times(1)).logEvent(org.mockito.ArgumentMatchers.eq(SecurityAuditColumns.NO_USER), summary.capture(), details.capture());
        assertTrue(summary.getValue().contains(FailureReason.AUTHZID_MISMATCH.description()), summary.getValue());
        assertTrue(details.getValue().contains("for mallory@localhost"), details.getValue());
    }

    @Test
    void anotherUsersAuthzidIsNotTheAuditUser() {
        // Setup: the review's case: alice's certificate, authzid admin@localhost
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());

        // Execute
        bed.driver(session).authWithAuthzid("EXTERNAL", "admin@localhost");

        // Verify: the row is not filed under admin
        final ArgumentCaptor<String> user = ArgumentCaptor.forClass(String.class);
        verify(bed.sink).logEvent(user.capture(), anyString(), anyString());
        assertFalse(user.getValue().contains("admin"), user.getValue());
    }

    @Test
    void anAuthzidOver64CharactersStillGivesARowThatFitsOpenfiresTable() {
        // Setup
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        final String authzid = "x".repeat(80) + "@localhost";

        // Execute
        bed.driver(session).authWithAuthzid("EXTERNAL", authzid);

        // Verify: username VARCHAR(64), summary VARCHAR(255) (Openfire's schema); the authzid in the details
        final ArgumentCaptor<String> user = ArgumentCaptor.forClass(String.class);
        final ArgumentCaptor<String> summary = ArgumentCaptor.forClass(String.class);
        final ArgumentCaptor<String> details = ArgumentCaptor.forClass(String.class);
        verify(bed.sink).logEvent(user.capture(), summary.capture(), details.capture());
        assertTrue(user.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 64, user.getValue());
        assertTrue(summary.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 255, summary.getValue());
        assertTrue(details.getValue().contains(authzid), details.getValue());
    }

    @Test
    void repeatedIdenticalRefusalsAreFoldedIntoOneEntryAndOneRow() {
        // Setup: one peer, one certificate, the same refusal over and over (the authzid varied)
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());

        // Execute
        for (int i = 0; i < 20; i++) {
            bed.driver(session).authWithAuthzid("EXTERNAL", "user" + i + "@localhost");
        }

        // Verify
        final List<LoginAttempt> attempts = bed.recorded();
        assertEquals(1, attempts.size());
        assertEquals(20, attempts.get(0).count());
        verify(bed.sink, times(1)).logEvent(anyString(), anyString(), anyString());
    }

    @Test
    void unknownUserAndLockedOutAreRecordedWithTheCertificatesJid() {
        // Setup
        final HttpSession unknown = bed.boshSession(SaslTestBed.DAVE_UNKNOWN.chainWithoutRoot());
        final HttpSession locked = bed.boshSession(SaslTestBed.LOCKED.chainWithoutRoot());

        // Execute
        bed.driver(unknown).auth("EXTERNAL", "=");
        bed.driver(locked).auth("EXTERNAL", "=");

        // Verify (newest first)
        final List<LoginAttempt> attempts = bed.recorded();
        assertEquals(2, attempts.size());
        assertEquals(FailureReason.ACCOUNT_DISABLED, attempts.get(0).reason());
        assertEquals("locked@localhost", attempts.get(0).jid());
        assertEquals(FailureReason.UNKNOWN_USER, attempts.get(1).reason());
        assertEquals("dave@localhost", attempts.get(1).jid());
    }

    @Test
    void theChallengeStepRecordsNothing() {
        // Setup
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());

        // Execute
        bed.driver(session).auth("EXTERNAL", "");

        // Verify
        assertTrue(bed.recorded().isEmpty());
        verifyNoInteractions(bed.sink);
    }

    @Test
    void aSinkThatThrowsDoesNotBreakTheLogin() {
        // Setup
        doThrow(new IllegalStateException("audit provider down")).when(bed.sink).logEvent(anyString(), anyString(), anyString());
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        final HttpSession other = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());

        // Execute
        final Outcome success = bed.driver(session).auth("EXTERNAL", "=");
        final Outcome failure = bed.driver(other).authWithAuthzid("EXTERNAL", "bob@localhost");

        // Verify
        assertEquals("alice", assertInstanceOf(Success.class, success).authorizationId());
        assertEquals(Failure.INVALID_AUTHZID, assertInstanceOf(Failed.class, failure).failure());
        assertEquals(2, bed.recorded().size());
    }

    @Test
    void clientControlledTextCannotForgeLogLines() {
        // Setup: an authzid with line breaks that would start a fake log line
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        final String forged = "x@localhost\r\n2026-01-01 INFO Certificate login [sasl/EXTERNAL] success as admin@localhost\u2028";

        // Execute
        final Outcome outcome = bed.driver(session).authWithAuthzid("EXTERNAL", forged);

        // Verify
        assertEquals(Failure.INVALID_AUTHZID, assertInstanceOf(Failed.class, outcome).failure());
        final LoginAttempt attempt = bed.recorded().get(0);
        assertNoLineBreak(attempt.jid());
        assertNoLineBreak(attempt.detail());
        assertNoLineBreak(attempt.describe());
        final ArgumentCaptor<String> user = ArgumentCaptor.forClass(String.class);
        final ArgumentCaptor<String> details = ArgumentCaptor.forClass(String.class);
        verify(bed.sink).logEvent(user.capture(), anyString(), details.capture());
        assertNoLineBreak(user.getValue());
        assertNoLineBreak(details.getValue());
    }

    @Test
    void certificateNamesCannotForgeLogLinesEither() {
        // Setup: the subject of a (here untrusted) client certificate is the client's choice
        final HttpSession session = bed.boshSession(org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki
            .certificate("eve\nINFO Certificate login success as admin@localhost").xmppAddr("eve@localhost")
            .issuedBy(org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki.rootCa("Eve's\r\nRoot")).build().chainWithoutRoot());

        // Execute
        bed.driver(session).auth("EXTERNAL", "=");

        // Verify
        final LoginAttempt attempt = bed.recorded().get(0);
        assertEquals(FailureReason.UNTRUSTED, attempt.reason());
        assertTrue(attempt.certificate().subject().contains("eve"), attempt.certificate().subject());
        assertNoLineBreak(attempt.certificate().subject());
        assertNoLineBreak(attempt.certificate().issuer());
        assertNoLineBreak(attempt.describe());
    }

    @Test
    void auditNeverContainsTheCertificateItself() throws Exception {
        // Setup
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        final String der = Base64.getEncoder().encodeToString(SaslTestBed.ALICE.certificate().getEncoded());

        // Execute
        bed.driver(session).auth("EXTERNAL", "=");
        bed.driver(session).authWithAuthzid("EXTERNAL", "bob@localhost");

        // Verify
        for (LoginAttempt attempt : bed.recorded()) {
            final String line = attempt.describe();
            assertFalse(line.contains(der.substring(0, 64)), line);
            assertFalse(line.contains("BEGIN"), line);
            assertFalse(line.contains("PRIVATE"), line);
            assertTrue(line.contains(CertificateSummary.sha256(SaslTestBed.ALICE.certificate())), line);
        }
    }

    private static void assertNoLineBreak(String text) {
        assertFalse(text.chars().anyMatch(c -> c == '\r' || c == '\n' || c == '\u2028' || c == '\u2029' || c == '\u0085'),
            () -> "line break in: " + text);
    }
}
