package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.SaslCondition;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.RevocationTestBed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Revocation through real CRL distribution points and OCSP responders on loopback HTTP ({@link TestRevocationServer}),
 * fetched by the production HTTP client.
 */
class RevocationCheckingTest {

    private RevocationTestBed bed;

    @BeforeEach
    void start() {
        bed = RevocationTestBed.start("Revocation Root");
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    /** A fresh verifier each time, so that only the revocation caches (not the verdict cache) carry over. */
    private Verdict verify(RevocationMode mode, TestPki.Issued client) {
        return verify(b -> b.revocationMode(mode), client);
    }

    private Verdict verify(UnaryOperator<CertificatePolicy.Builder> settings, TestPki.Issued client) {
        final CertificatePolicy policy = settings.apply(CertificatePolicy.builder().trust(Set.of(bed.root().certificate()))
            .domains(Set.of("localhost"))).build();
        return new CertificateVerifier(policy, bed.revocation(), bed.clock()).verifyChain(client.chainWithoutRoot());
    }

    private TestPki.Issued withCrl(String name) {
        return TestPki.certificate(name).xmppAddr(name + "@localhost").issuedBy(bed.root()).crlDistributionPoint(bed.server().crlUrl(bed.root())).build();
    }

    private TestPki.Issued withOcsp(String name) {
        return TestPki.certificate(name).xmppAddr(name + "@localhost").issuedBy(bed.root()).ocspResponder(bed.server().ocspUrl(bed.root())).build();
    }

    private static void assertFailure(FailureReason reason, int index, Verdict verdict) {
        assertEquals(reason, verdict.reason(), verdict::toString);
        assertEquals(index, verdict.failingIndex(), verdict::toString);
    }

    // --- CRL

    @Test
    void goodCertificateByCrlIsAcceptedUntilTheCrlsNextUpdate() {
        // Setup
        final Instant nextUpdate = Instant.now().plus(Duration.ofHours(6)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        bed.server().crlValidity(Instant.now().minus(Duration.ofHours(1)), nextUpdate);
        final TestPki.Issued alice = withCrl("alice");
        // Execute
        final Verdict verdict = verify(RevocationMode.HARD_FAIL, alice);
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
        assertEquals(nextUpdate, verdict.validUntil());
        assertEquals(1, bed.server().crlRequests());
    }

    @Test
    void revokedByCrlIsRevoked() {
        final TestPki.Issued mallory = withCrl("mallory");
        bed.server().revoke(mallory.certificate());
        assertFailure(FailureReason.REVOKED, 0, verify(RevocationMode.SOFT_FAIL, mallory));
    }

    @Test
    void revokedIntermediateIsReportedAtItsIndex() {
        // Setup: the root's CRL revokes the intermediate; the intermediate's CRL is clean
        final TestPki.Issued intermediate = TestPki.certificate("Revoked Intermediate").ca().issuedBy(bed.root())
            .crlDistributionPoint(bed.server().crlUrl(bed.root())).build();
        final TestPki.Issued bob = TestPki.certificate("bob").xmppAddr("bob@localhost").issuedBy(intermediate)
            .crlDistributionPoint(bed.server().crlUrl(intermediate)).build();
        bed.server().revoke(intermediate.certificate());
        // Execute
        final Verdict verdict = verify(RevocationMode.HARD_FAIL, bob);
        // Verify
        assertFailure(FailureReason.REVOKED, 1, verdict);
    }

    @Test
    void crlIsFetchedOnceAndCachedUntilNextUpdate() {
        final TestPki.Issued alice = withCrl("alice");
        final TestPki.Issued bob = withCrl("bob");
        assertTrue(verify(RevocationMode.HARD_FAIL, alice).isSuccess());
        assertTrue(verify(RevocationMode.HARD_FAIL, bob).isSuccess());
        assertEquals(1, bed.server().crlRequests());
        assertEquals(1, bed.revocation().stats().crlCacheHits());
    }

    @Test
    void staleCrlIsRefetchedAndUsedWhenTheNewOneIsCurrent() {
        // Setup: a CRL valid for one hour, then the clock moves two hours on and the server publishes a fresh one
        bed.server().crlValidity(Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1)));
        final TestPki.Issued alice = withCrl("alice");
        assertTrue(verify(RevocationMode.HARD_FAIL, alice).isSuccess());
        bed.clock().advance(Duration.ofHours(2));
        bed.server().crlValidity(Instant.now().plus(Duration.ofMinutes(90)), Instant.now().plus(Duration.ofHours(5)));
        // Execute
        final Verdict verdict = verify(RevocationMode.HARD_FAIL, alice);
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
        assertEquals(2, bed.server().crlRequests());
    }

    @Test
    void staleCrlThatIsStillStaleAfterRefetchIsUnknown() {
        bed.server().crlValidity(Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1)));
        final TestPki.Issued alice = withCrl("alice");
        assertTrue(verify(RevocationMode.HARD_FAIL, alice).isSuccess());
        bed.clock().advance(Duration.ofHours(2));

        final Verdict verdict = verify(RevocationMode.HARD_FAIL, alice);

        assertFailure(FailureReason.REVOCATION_UNKNOWN, 0, verdict);
        assertEquals(2, bed.server().crlRequests(), "the stale CRL was fetched again");
    }

    @Test
    void staleCrlWhoseRefetchFailsIsUnknown() {
        bed.server().crlValidity(Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1)));
        final TestPki.Issued alice = withCrl("alice");
        assertTrue(verify(RevocationMode.HARD_FAIL, alice).isSuccess());
        bed.clock().advance(Duration.ofHours(2));
        bed.server().goDown();

        final Verdict verdict = verify(RevocationMode.HARD_FAIL, alice);

        assertFailure(FailureReason.REVOCATION_UNKNOWN, 0, verdict);
        assertEquals(SaslCondition.TEMPORARY_AUTH_FAILURE, verdict.condition().orElseThrow());
    }

    @Test
    void oversizedCrlWithContentLengthIsRefused() {
        bed.server().serveOversizedCrl(1_000_000, true);
        final TestPki.Issued alice = withCrl("alice");

        final Verdict verdict = verify(b -> b.revocationMode(RevocationMode.HARD_FAIL).maxCrlBytes(10_000), alice);

        assertFailure(FailureReason.REVOCATION_UNKNOWN, 0, verdict);
        assertTrue(verdict.detail().contains("exceeds the limit"), verdict::toString);
        assertEquals(1, bed.revocation().stats().fetchFailures());
    }

    @Test
    void oversizedCrlWithoutContentLengthIsRefusedWhileReading() {
        bed.server().serveOversizedCrl(1_000_000, false);
        final TestPki.Issued alice = withCrl("alice");

        final Verdict verdict = verify(b -> b.revocationMode(RevocationMode.HARD_FAIL).maxCrlBytes(10_000), alice);

        assertFailure(FailureReason.REVOCATION_UNKNOWN, 0, verdict);
        assertTrue(verdict.detail().contains("exceeds the limit"), verdict::toString);
    }

    @Test
    void crlOfAnotherIssuerIsNotTrusted() {
        // Setup: the distribution point serves the CRL of a different CA
        final TestPki.Issued otherCa = TestPki.rootCa("Other CA");
        final TestPki.Issued alice = TestPki.certificate("alice").issuedBy(bed.root()).crlDistributionPoint(bed.server().crlUrl(otherCa)).build();

        final Verdict verdict = verify(RevocationMode.HARD_FAIL, alice);

        assertFailure(FailureReason.REVOCATION_UNKNOWN, 0, verdict);
    }

    @Test
    void onlyHttpDistributionPointsAreFetched() {
        final TestPki.Issued alice = TestPki.certificate("alice").issuedBy(bed.root())
            .crlDistributionPoint("ldap://127.0.0.1/cn=Revocation%20Root?certificateRevocationList").build();

        final Verdict verdict = verify(RevocationMode.HARD_FAIL, alice);

        assertFailure(FailureReason.REVOCATION_UNKNOWN, 0, verdict);
        assertTrue(verdict.detail().contains("only http"), verdict::toString);
    }

    // --- OCSP

    @Test
    void goodCertificateByOcspIsAcceptedAndTheAnswerCached() {
        final TestPki.Issued alice = withOcsp("alice");

        final Verdict first = verify(RevocationMode.HARD_FAIL, alice);
        final Verdict second = verify(RevocationMode.HARD_FAIL, alice);

        assertTrue(first.isSuccess(), first::toString);
        assertTrue(second.isSuccess(), second::toString);
        assertEquals(1, bed.server().ocspRequests());
        assertEquals(1, bed.revocation().stats().ocspCacheHits());
    }

    @Test
    void revokedByOcspIsRevoked() {
        final TestPki.Issued mallory = withOcsp("mallory");
        bed.server().revoke(mallory.certificate());
        assertFailure(FailureReason.REVOKED, 0, verify(RevocationMode.SOFT_FAIL, mallory));
    }

    @Test
    void ocspWithNonceIsAccepted() {
        final TestPki.Issued alice = withOcsp("alice");
        final Verdict verdict = verify(b -> b.revocationMode(RevocationMode.HARD_FAIL).ocspNonce(true), alice);
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void ocspAnswerWithoutOurNonceIsNotBelievedWhenNoncesAreRequired() {
        bed.server().echoNonce(false);
        final TestPki.Issued alice = withOcsp("alice");
        final Verdict verdict = verify(b -> b.revocationMode(RevocationMode.HARD_FAIL).ocspNonce(true), alice);
        assertFailure(FailureReason.REVOCATION_UNKNOWN, 0, verdict);
        assertTrue(verdict.detail().contains("nonce"), verdict::toString);
    }

    @Test
    void delegatedResponderIssuedByTheCaIsAccepted() {
        final TestPki.Issued responder = TestPki.certificate("OCSP Responder").issuedBy(bed.root())
            .extendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning).build();
        bed.server().delegateOcsp(bed.root(), responder);
        final TestPki.Issued mallory = withOcsp("mallory");
        bed.server().revoke(mallory.certificate());

        assertFailure(FailureReason.REVOKED, 0, verify(RevocationMode.HARD_FAIL, mallory));
    }

    @Test
    void responderWithoutOcspSigningPurposeIsNotBelieved() {
        final TestPki.Issued notAResponder = TestPki.certificate("Not A Responder").issuedBy(bed.root()).build();
        bed.server().delegateOcsp(bed.root(), notAResponder);
        final TestPki.Issued alice = withOcsp("alice");

        assertFailure(FailureReason.REVOCATION_UNKNOWN, 0, verify(RevocationMode.HARD_FAIL, alice));
    }

    @Test
    void responderOfAnotherCaIsNotBelieved() {
        final TestPki.Issued otherRoot = TestPki.rootCa("Other Root");
        final TestPki.Issued foreignResponder = TestPki.certificate("Foreign Responder").issuedBy(otherRoot)
            .extendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning).build();
        bed.server().delegateOcsp(bed.root(), foreignResponder);
        final TestPki.Issued alice = withOcsp("alice");

        assertFailure(FailureReason.REVOCATION_UNKNOWN, 0, verify(RevocationMode.HARD_FAIL, alice));
    }

    @Test
    void responderDownSoftFailProceedsWithANote() {
        final TestPki.Issued alice = withOcsp("alice");
        bed.server().goDown();

        final Verdict verdict = verify(RevocationMode.SOFT_FAIL, alice);

        assertTrue(verdict.isSuccess(), verdict::toString);
        assertTrue(verdict.detail().contains("soft-fail"), verdict::toString);
        assertFalse(verdict.validUntil().isAfter(bed.clock().instant().plus(Duration.ofSeconds(30))), "soft-fail successes are short-lived");
    }

    @Test
    void responderDownHardFailIsTemporaryFailure() {
        final TestPki.Issued alice = withOcsp("alice");
        bed.server().goDown();

        final Verdict verdict = verify(RevocationMode.HARD_FAIL, alice);

        assertFailure(FailureReason.REVOCATION_UNKNOWN, 0, verdict);
        assertEquals(SaslCondition.TEMPORARY_AUTH_FAILURE, verdict.condition().orElseThrow());
    }

    @Test
    void ocspUnknownFallsBackToTheCrl() {
        // Setup: the responder does not know the certificate, the CRL revokes it
        bed.server().ocspAnswersUnknown(true);
        final TestPki.Issued mallory = TestPki.certificate("mallory").issuedBy(bed.root())
            .ocspResponder(bed.server().ocspUrl(bed.root())).crlDistributionPoint(bed.server().crlUrl(bed.root())).build();
        bed.server().revoke(mallory.certificate());

        final Verdict verdict = verify(RevocationMode.HARD_FAIL, mallory);

        assertFailure(FailureReason.REVOKED, 0, verdict);
        assertEquals(1, bed.server().ocspRequests());
        assertEquals(1, bed.server().crlRequests());
    }

    @Test
    void staleOcspAnswerIsNotUsed() {
        // Setup: answers valid for one minute, judged two minutes later
        bed.server().ocspLifetime(Duration.ofMinutes(1));
        bed.clock().advance(Duration.ofMinutes(2));
        final TestPki.Issued alice = withOcsp("alice");

        assertFailure(FailureReason.REVOCATION_UNKNOWN, 0, verify(RevocationMode.HARD_FAIL, alice));
    }

    // --- modes and sources

    @Test
    void noRevocationSourceIsUnknownInHardFailMode() {
        final TestPki.Issued plain = TestPki.certificate("plain").issuedBy(bed.root()).build();
        assertFailure(FailureReason.REVOCATION_UNKNOWN, 0, verify(RevocationMode.HARD_FAIL, plain));
    }

    @Test
    void noRevocationSourceProceedsInSoftFailMode() {
        final TestPki.Issued plain = TestPki.certificate("plain").issuedBy(bed.root()).build();
        final Verdict verdict = verify(RevocationMode.SOFT_FAIL, plain);
        assertTrue(verdict.isSuccess(), verdict::toString);
        assertTrue(verdict.detail().contains("names no OCSP responder"), verdict::toString);
    }

    @Test
    void revocationOffIgnoresRevokedCertificates() {
        final TestPki.Issued mallory = withCrl("mallory");
        bed.server().revoke(mallory.certificate());

        final Verdict verdict = verify(RevocationMode.OFF, mallory);

        assertTrue(verdict.isSuccess(), verdict::toString);
        assertEquals(0, bed.server().crlRequests());
    }
}
