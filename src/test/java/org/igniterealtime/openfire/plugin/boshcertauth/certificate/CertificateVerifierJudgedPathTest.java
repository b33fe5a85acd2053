package org.igniterealtime.openfire.plugin.boshcertauth.certificate;

import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.MutableClock;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verdict carries the path it was reached on ({@link PathValidationResult}): the certificates of the path built,
 * the trust anchor, and for a refusal the failing certificate and rule. The identity step and "Test a certificate"
 * use that path instead of building it again.
 */
class CertificateVerifierJudgedPathTest {

    private static TestPki.Issued root;
    private static TestPki.Issued intermediate;
    private static RevocationService revocation;

    @BeforeAll
    static void createPki() {
        root = TestPki.rootCa("Judged Root");
        intermediate = TestPki.certificate("Judged Intermediate").ca().issuedBy(root).build();
        revocation = new RevocationService();
    }

    @AfterAll
    static void closeRevocation() {
        revocation.close();
    }

    private static CertificateVerifier verifier() {
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(root.certificate()))
            .domains(Set.of("localhost")).revocationMode(RevocationMode.OFF).build();
        return new CertificateVerifier(policy, revocation, MutableClock.now());
    }

    @Test
    void aSuccessCarriesThePathBuiltWithTheTrustAnchor() {
        // Setup: out of order, with an unrelated extra certificate, and without the root
        final TestPki.Issued alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(intermediate).build();
        final X509Certificate extra = TestPki.rootCa("Unrelated").certificate();
        final List<X509Certificate> chain = List.of(alice.certificate(), extra, intermediate.certificate());
        // Execute
        final Verdict verdict = verifier().verifyChain(chain);
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
        final PathValidationResult path = verdict.judgedPath().orElseThrow();
        assertTrue(path.isValid(), path::toString);
        assertTrue(path.built(), path::toString);
        assertEquals(List.of(0, 2, PathValidationResult.TRUSTED_TOP), path.positions());
        assertEquals(List.of(alice.certificate(), intermediate.certificate(), root.certificate()), path.certificates(chain));
        assertEquals(Optional.of(2), path.anchor());
        assertEquals(Optional.of(intermediate.certificate()), path.issuerOfLeaf(chain));
        assertEquals(-1, path.failingIndex());
    }

    @Test
    void aRefusalCarriesTheFailingCertificateAndRule() {
        // Setup: the intermediate has expired
        final TestPki.Issued expired = TestPki.certificate("Judged Expired Intermediate").ca().issuedBy(root).expired().build();
        final TestPki.Issued bob = TestPki.certificate("bob").xmppAddr("bob@localhost").issuedBy(expired).build();
        final List<X509Certificate> chain = List.of(bob.certificate(), expired.certificate());
        // Execute
        final Verdict verdict = verifier().verifyChain(chain);
        // Verify
        assertEquals(FailureReason.EXPIRED, verdict.reason(), verdict::toString);
        final PathValidationResult path = verdict.judgedPath().orElseThrow();
        assertFalse(path.isValid());
        assertEquals(FailureReason.EXPIRED, path.reason());
        assertEquals(1, path.failingIndex());
        assertEquals("ValidityRule", path.failingRule());
        assertEquals(expired.certificate(), path.certificates(chain).get(path.failingIndex()));
    }

    @Test
    void anIdentityVerdictCarriesTheChainsValidatedPath() {
        // Setup
        final TestPki.Issued carol = TestPki.certificate("carol").xmppAddr("carol@localhost").issuedBy(intermediate).build();
        final List<X509Certificate> chain = carol.chainWithoutRoot();
        final CertificateVerifier verifier = verifier();
        // Execute
        final Verdict success = verifier.authenticate(chain, null);
        final Verdict mismatch = verifier.authenticate(chain, "dave@localhost");
        // Verify: the identity step refused the second, on a path that passed every chain rule
        assertEquals("carol@localhost", success.jid().toBareJID());
        assertEquals(verifier.verifyChain(chain).judgedPath(), success.judgedPath());
        assertEquals(FailureReason.AUTHZID_MISMATCH, mismatch.reason(), mismatch::toString);
        assertTrue(mismatch.judgedPath().orElseThrow().isValid());
    }

    @Test
    void aChainJudgedAsPresentedNamesNoIssuerForTheCaRestriction() {
        // Setup: no path reaches a trusted certificate
        final TestPki.Issued stranger = TestPki.rootCa("Stranger Root");
        final TestPki.Issued erin = TestPki.certificate("erin").xmppAddr("erin@localhost").issuedBy(stranger).build();
        final List<X509Certificate> chain = erin.chain();
        // Execute
        final Verdict verdict = verifier().verifyChain(chain);
        // Verify
        assertEquals(FailureReason.UNTRUSTED, verdict.reason(), verdict::toString);
        final PathValidationResult path = verdict.judgedPath().orElseThrow();
        assertFalse(path.built());
        assertEquals(List.of(0, 1), path.positions());
        assertEquals(Optional.empty(), path.issuerOfLeaf(chain));
    }

    @Test
    void noPathIsJudgedForAnEmptyChain() {
        // Execute
        final Verdict verdict = verifier().verifyChain(List.of());
        // Verify
        assertEquals(Optional.empty(), verdict.judgedPath());
    }
}
