package org.igniterealtime.openfire.plugin.boshcertauth.certificate;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.MutableClock;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.RevocationTestBed;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.PKIXReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PKIX validator's own reason and index ({@link PkixFailure}) kept under the verdict's coarse {@link FailureReason},
 * which (and with it the client's SASL condition) stays what it was.
 */
class CertificateVerifierPkixReasonTest {

    private static TestPki.Issued root;
    private static TestPki.Issued intermediate;
    private static RevocationService revocation;

    @BeforeAll
    static void createPki() {
        root = TestPki.rootCa("Reason Root");
        intermediate = TestPki.certificate("Reason Intermediate").ca().issuedBy(root).build();
        revocation = new RevocationService();
    }

    @AfterAll
    static void closeRevocation() {
        revocation.close();
    }

    private static CertificateVerifier verifier(UnaryOperator<CertificatePolicy.Builder> settings) {
        final CertificatePolicy policy = settings.apply(CertificatePolicy.builder()
            .trust(Set.of(root.certificate())).domains(Set.of("localhost")).revocationMode(RevocationMode.OFF)).build();
        return new CertificateVerifier(policy, revocation, MutableClock.now());
    }

    private static void assertPkixFailure(FailureReason reason, int index, PkixFailure pkix, Verdict verdict) {
        assertEquals(reason, verdict.reason(), verdict::toString);
        assertEquals(index, verdict.failingIndex(), verdict::toString);
        assertEquals(pkix, verdict.pkixFailure(), verdict::toString);
        assertEquals(Optional.of(pkix.reason()), verdict.pkixReason());
    }

    @Test
    void expiredIntermediateIsDecidedBeforePkixSoItHasNoSubReason() {
        // Setup
        final TestPki.Issued expiredCa = TestPki.certificate("Expired Intermediate").ca().issuedBy(root).expired().build();
        final TestPki.Issued bob = TestPki.certificate("bob").xmppAddr("bob@localhost").issuedBy(expiredCa).build();
        // Execute
        final Verdict verdict = verifier(b -> b).verifyChain(bob.chainWithoutRoot());
        // Verify: the validity rule decides, PKIX never ran
        assertEquals(FailureReason.EXPIRED, verdict.reason(), verdict::toString);
        assertEquals(1, verdict.failingIndex());
        assertNull(verdict.pkixFailure());
        assertEquals(Optional.empty(), verdict.pkixReason());
    }

    @Test
    void expiredIntermediateThatPkixRefusesKeepsItsExpiredSubReason() {
        // Setup: verifyValidity off, but the intermediate expired before the leaf became valid, so no instant exists
        // at which the whole path is valid and PKIX is asked about now
        final TestPki.Issued expiredCa = TestPki.certificate("Expired Intermediate").ca().issuedBy(root).expired().build();
        final TestPki.Issued bob = TestPki.certificate("bob").xmppAddr("bob@localhost").issuedBy(expiredCa)
            .validity(Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(30))).build();
        // Execute
        final Verdict verdict = verifier(b -> b.verifyValidity(false)).verifyChain(bob.chainWithoutRoot());
        // Verify
        assertPkixFailure(FailureReason.EXPIRED, 1, new PkixFailure(BasicReason.EXPIRED, 1), verdict);
        assertEquals(SaslCondition.CREDENTIALS_EXPIRED, verdict.condition().orElseThrow());
    }

    @Test
    void unknownRootIsUntrustedWithNoTrustAnchor() {
        // Setup
        final TestPki.Issued otherRoot = TestPki.rootCa("Other Root");
        final TestPki.Issued mallory = TestPki.certificate("mallory").xmppAddr("mallory@localhost").issuedBy(otherRoot).build();
        // Execute
        final Verdict verdict = verifier(b -> b).verifyChain(mallory.chain());
        // Verify: the top-level reason and SASL condition are unchanged; the validator named no certificate
        assertPkixFailure(FailureReason.UNTRUSTED, 1, new PkixFailure(PKIXReason.NO_TRUST_ANCHOR, -1), verdict);
        assertEquals(SaslCondition.NOT_AUTHORIZED, verdict.condition().orElseThrow());
        assertTrue(verdict.toString().contains("(PKIX NO_TRUST_ANCHOR)"), verdict::toString);
    }

    @Test
    void missingIntermediateIsUntrustedWithNoTrustAnchor() {
        final TestPki.Issued alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(intermediate).build();
        final Verdict verdict = verifier(b -> b).verifyChain(List.of(alice.certificate()));
        assertPkixFailure(FailureReason.UNTRUSTED, 0, new PkixFailure(PKIXReason.NO_TRUST_ANCHOR, -1), verdict);
    }

    @Test
    void noConfiguredTrustAnchorIsNoTrustAnchor() {
        final TestPki.Issued alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(intermediate).build();
        final Verdict verdict = verifier(b -> b.trust(Set.of())).verifyChain(alice.chainWithoutRoot());
        assertPkixFailure(FailureReason.UNTRUSTED, 1, new PkixFailure(PKIXReason.NO_TRUST_ANCHOR, -1), verdict);
    }

    @Test
    void forgedSignatureIsUntrustedWithInvalidSignatureAtTheLeaf() {
        // Setup: a leaf naming the intermediate as issuer but signed by another key with the same name
        final TestPki.Issued impostor = TestPki.certificate("Reason Intermediate").ca().issuedBy(root).build();
        final TestPki.Issued forged = TestPki.certificate("forged").xmppAddr("forged@localhost").issuedBy(impostor).build();
        // Execute
        final Verdict verdict = verifier(b -> b).verifyChain(List.of(forged.certificate(), intermediate.certificate()));
        // Verify
        assertPkixFailure(FailureReason.UNTRUSTED, 0, new PkixFailure(BasicReason.INVALID_SIGNATURE, 0), verdict);
        assertTrue(verdict.toString().startsWith("UNTRUSTED at certificate #0 (PKIX INVALID_SIGNATURE at certificate #0): "),
            verdict::toString);
    }

    @Test
    void nameConstraintViolationIsUntrustedWithInvalidName() {
        // Setup: the intermediate may only certify subjects under O=elsewhere; the leaf is O=boshcertauth tests
        final NameConstraints onlyElsewhere = new NameConstraints(
            new GeneralSubtree[] { new GeneralSubtree(new GeneralName(new X500Name("O=elsewhere"))) }, null);
        final TestPki.Issued constrained = TestPki.certificate("Constrained Intermediate").ca().issuedBy(root)
            .extension(Extension.nameConstraints, true, onlyElsewhere).build();
        final TestPki.Issued carol = TestPki.certificate("carol").xmppAddr("carol@localhost").issuedBy(constrained).build();
        // Execute
        final Verdict verdict = verifier(b -> b).verifyChain(carol.chainWithoutRoot());
        // Verify
        assertPkixFailure(FailureReason.UNTRUSTED, 0, new PkixFailure(PKIXReason.INVALID_NAME, 0), verdict);
    }

    @Test
    void successAndNonPkixFailuresHaveNoSubReason() {
        final TestPki.Issued alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(intermediate).build();
        final TestPki.Issued self = TestPki.certificate("self").xmppAddr("self@localhost").build();
        assertNull(verifier(b -> b).verifyChain(alice.chainWithoutRoot()).pkixFailure());
        assertNull(verifier(b -> b).verifyChain(self.chain()).pkixFailure());
    }

    @Test
    void revokedLeafIsRevokedWithTheValidatorsRevokedReasonAndIndex() {
        try (RevocationTestBed bed = RevocationTestBed.start("Revocation Reason Root")) {
            // Setup
            final TestPki.Issued mallory = TestPki.certificate("mallory").xmppAddr("mallory@localhost").issuedBy(bed.root())
                .crlDistributionPoint(bed.server().crlUrl(bed.root())).build();
            bed.server().revoke(mallory.certificate());
            final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(bed.root().certificate()))
                .revocationMode(RevocationMode.SOFT_FAIL).build();
            // Execute
            final Verdict verdict = new CertificateVerifier(policy, bed.revocation(), bed.clock()).verifyChain(mallory.chainWithoutRoot());
            // Verify
            assertPkixFailure(FailureReason.REVOKED, 0, new PkixFailure(BasicReason.REVOKED, 0), verdict);
        }
    }

    @Test
    void revokedIntermediateIsRevokedAtItsIndex() {
        try (RevocationTestBed bed = RevocationTestBed.start("Revocation Reason Root")) {
            // Setup: the root's CRL revokes the intermediate; the intermediate's CRL is clean
            final TestPki.Issued revokedCa = TestPki.certificate("Revoked Intermediate").ca().issuedBy(bed.root())
                .crlDistributionPoint(bed.server().crlUrl(bed.root())).build();
            final TestPki.Issued dave = TestPki.certificate("dave").xmppAddr("dave@localhost").issuedBy(revokedCa)
                .crlDistributionPoint(bed.server().crlUrl(revokedCa)).build();
            bed.server().revoke(revokedCa.certificate());
            final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(bed.root().certificate()))
                .revocationMode(RevocationMode.HARD_FAIL).build();
            // Execute
            final Verdict verdict = new CertificateVerifier(policy, bed.revocation(), bed.clock()).verifyChain(dave.chainWithoutRoot());
            // Verify
            assertPkixFailure(FailureReason.REVOKED, 1, new PkixFailure(BasicReason.REVOKED, 1), verdict);
        }
    }
}
