package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.GatedRevocationFetcher;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.MutableClock;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.SimultaneousLogins;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestRevocationServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Single flight of revocation requests (issue 13, finding 7): 150 simultaneous logins with one uncached certificate
 * used to make 150 OCSP requests, each holding a thread for the whole timeout. Each login here has a verifier of its
 * own (no shared verdict), so only the revocation service can make them share the request.
 */
class RevocationSingleFlightTest {

    private static final int LOGINS = 150;

    private TestPki.Issued root;
    private TestRevocationServer server;
    private GatedRevocationFetcher gate;
    private RevocationService revocation;
    private MutableClock clock;

    @BeforeEach
    void start() {
        root = TestPki.rootCa("Single Flight Root");
        server = TestRevocationServer.start();
        gate = new GatedRevocationFetcher();
        revocation = new RevocationService(gate, RevocationService.DEFAULT_CACHE_ENTRIES);
        clock = MutableClock.now();
    }

    @AfterEach
    void stop() {
        revocation.close();
        gate.close();
        server.close();
    }

    private Verdict loginWithOwnVerifier(TestPki.Issued client) {
        // A budget far above what the threads need to line up, so that no waiter gives up before the gate opens.
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(root.certificate())).domains(Set.of("localhost"))
            .revocationMode(RevocationMode.HARD_FAIL).revocationTimeout(Duration.ofSeconds(60)).build();
        return new CertificateVerifier(policy, revocation, clock).verifyChain(client.chainWithoutRoot());
    }

    @Test
    void simultaneousLoginsWithOneUncachedCertificateMakeOneOcspRequest() throws Exception {
        // Setup
        final TestPki.Issued alice = TestPki.certificate("alice").issuedBy(root).ocspResponder(server.ocspUrl(root)).build();
        // Execute
        final List<Verdict> verdicts = SimultaneousLogins.run(LOGINS, gate, i -> loginWithOwnVerifier(alice));
        // Verify
        verdicts.forEach(v -> assertTrue(v.isSuccess(), v::toString));
        assertEquals(1, server.ocspRequests());
        assertEquals(LOGINS - 1, revocation.stats().sharedQueries() + revocation.stats().ocspCacheHits(),
            "every other login used the one answer");
    }

    @Test
    void simultaneousLoginsShareOneRevokedAnswer() throws Exception {
        // Setup
        final TestPki.Issued mallory = TestPki.certificate("mallory").issuedBy(root).ocspResponder(server.ocspUrl(root)).build();
        server.revoke(mallory.certificate());
        // Execute
        final List<Verdict> verdicts = SimultaneousLogins.run(LOGINS, gate, i -> loginWithOwnVerifier(mallory));
        // Verify
        verdicts.forEach(v -> assertEquals(FailureReason.REVOKED, v.reason(), v::toString));
        assertEquals(1, server.ocspRequests());
    }

    @Test
    void simultaneousLoginsWithOneUncachedCrlMakeOneDownload() throws Exception {
        // Setup
        final TestPki.Issued alice = TestPki.certificate("alice").issuedBy(root).crlDistributionPoint(server.crlUrl(root)).build();
        // Execute
        final List<Verdict> verdicts = SimultaneousLogins.run(LOGINS, gate, i -> loginWithOwnVerifier(alice));
        // Verify
        verdicts.forEach(v -> assertTrue(v.isSuccess(), v::toString));
        assertEquals(1, server.crlRequests());
    }

    @Test
    void differentCertificatesAreNotLumpedTogether() throws Exception {
        // Setup: two certificates of one CA, asked about at the same time: one answer each, each its own status
        final TestPki.Issued alice = TestPki.certificate("alice").issuedBy(root).ocspResponder(server.ocspUrl(root)).build();
        final TestPki.Issued mallory = TestPki.certificate("mallory").issuedBy(root).ocspResponder(server.ocspUrl(root)).build();
        server.revoke(mallory.certificate());
        // Execute
        final List<Verdict> verdicts = SimultaneousLogins.run(LOGINS, gate, i -> loginWithOwnVerifier(i % 2 == 0 ? alice : mallory));
        // Verify
        for (int i = 0; i < LOGINS; i++) {
            final Verdict verdict = verdicts.get(i);
            assertEquals(i % 2 == 0, verdict.isSuccess(), verdict::toString);
        }
        assertEquals(2, server.ocspRequests());
    }
}
