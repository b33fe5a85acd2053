package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Indirect CRLs (RFC 5280 §5.2.5, §5.3.3, §6.3.3 (b)(1), NIST PKITS 4.14.22-33): a CRL service publishes the
 * revocations of several CAs; a certificate whose distribution point names that service as cRLIssuer is judged by
 * the service's CRL, when it is marked indirectCRL and its signer is validated to the same trust anchor. Its entries
 * belong to the issuer named by the last certificateIssuer before them (the CRL's issuer until the first). Before,
 * every such CRL was refused, so the certificate's status was unknown.
 */
class IndirectCrlTest {

    private final TestPki.Issued root = TestPki.rootCa("Indirect Root");
    private final TestPki.Issued caA = TestPki.certificate("CA A").ca().issuedBy(root).build();
    private final TestPki.Issued caB = TestPki.certificate("CA B").ca().issuedBy(root).build();
    /** The CRL service: not a CA, certified by the root for cRLSign. */
    private final TestPki.Issued crlService = TestPki.certificate("CRL Service").keyUsage(KeyUsage.cRLSign)
        .noExtendedKeyUsage().issuedBy(root).build();
    /** Her distribution point: no name, the CRL service as cRLIssuer (as in PKITS 4.14.24). */
    private final TestPki.Issued alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(caA)
        .extension(Extension.cRLDistributionPoints, false, CrlTestBed.crlIssuerPoint(crlService)).build();
    private final List<X509Certificate> presented = List.of(alice.certificate(), caA.certificate(), crlService.certificate());
    @TempDir
    Path directory;

    private Verdict verify(List<X509Certificate> chain, X509CRL... crls) throws Exception {
        return new CrlTestBed(directory).verify(root, chain, crls);
    }

    private CrlTestBed.Crl indirect() {
        return CrlTestBed.Crl.by(crlService).scope(true, null);
    }

    private BigInteger aliceSerial() {
        return alice.certificate().getSerialNumber();
    }

    @Test
    void aCleanIndirectCrlOfTheNamedCrlIssuerCounts() throws Exception {
        // Execute
        final Verdict verdict = verify(presented, CrlTestBed.clean(root), indirect().build());
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void anEntryForHerIssuerRevokesHer() throws Exception {
        // Execute
        final Verdict verdict = verify(presented, CrlTestBed.clean(root), indirect().revoking(aliceSerial(), caA).build());
        // Verify
        assertEquals(FailureReason.REVOKED, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
    }

    @Test
    void anEntryWithHerSerialForAnotherIssuerDoesNotRevokeHer() throws Exception {
        // Setup: CA B's certificate with alice's serial number is revoked; hers is not
        // Execute
        final Verdict verdict = verify(presented, CrlTestBed.clean(root), indirect().revoking(aliceSerial(), caB).build());
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void anEntryWithoutCertificateIssuerBelongsToTheIssuerNamedLast() throws Exception {
        // Setup: after an entry for CA A, an entry without certificateIssuer is CA A's too; after one for CA B, CA B's
        final X509CRL afterA = indirect().revoking(BigInteger.valueOf(7), caA).revoking(aliceSerial(), null).build();
        final X509CRL afterB = indirect().revoking(BigInteger.valueOf(7), caB).revoking(aliceSerial(), null).build();
        // Execute
        final Verdict revoked = verify(presented, CrlTestBed.clean(root), afterA);
        final Verdict notRevoked = verify(presented, CrlTestBed.clean(root), afterB);
        // Verify
        assertEquals(FailureReason.REVOKED, revoked.reason(), revoked::toString);
        assertTrue(notRevoked.isSuccess(), notRevoked::toString);
    }

    @Test
    void anEntryBeforeAnyCertificateIssuerBelongsToTheCrlIssuer() throws Exception {
        // Execute: the service's own certificate with alice's serial, listed first without certificateIssuer
        final Verdict verdict = verify(presented, CrlTestBed.clean(root), indirect().revoking(aliceSerial(), null).build());
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void aCrlOfTheNamedIssuerThatIsNotMarkedIndirectIsNotUsed() throws Exception {
        // Execute
        final Verdict verdict = verify(presented, CrlTestBed.clean(root), CrlTestBed.Crl.by(crlService).build());
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
    }

    @Test
    void anIndirectCrlDoesNotClearACertificateThatDoesNotNameItsIssuer() throws Exception {
        // Setup: bob's CA publishes its own CRLs (bob names no cRLIssuer); the service's clean indirect CRL, which
        // does list CA A's certificates, must not stand in for CA A's missing CRL
        final TestPki.Issued bob = TestPki.certificate("bob").xmppAddr("bob@localhost").issuedBy(caA).build();
        // Execute
        final Verdict verdict = verify(List.of(bob.certificate(), caA.certificate(), crlService.certificate()),
            CrlTestBed.clean(root), indirect().revoking(BigInteger.valueOf(7), caA).build());
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
    }

    @Test
    void anIndirectCrlSignedUnderAnotherTrustAnchorIsNotUsed() throws Exception {
        // Setup: a second trusted root certifies its own "CRL Service"; its clean CRL must not clear alice
        final TestPki.Issued otherRoot = TestPki.rootCa("Other Root");
        final TestPki.Issued impostor = TestPki.certificate("CRL Service").keyUsage(KeyUsage.cRLSign).noExtendedKeyUsage()
            .issuedBy(otherRoot).build();
        // Execute
        final Verdict verdict = new CrlTestBed(directory).verifyTrusting(List.of(root, otherRoot),
            List.of(alice.certificate(), caA.certificate(), impostor.certificate()),
            CrlTestBed.clean(root), CrlTestBed.clean(otherRoot), CrlTestBed.Crl.by(crlService, impostor).scope(true, null).build());
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
    }

    @Test
    void aCrlIssuerCoveredOnlyByTheCrlItSignsIsNotBelieved() throws Exception {
        // Setup: the service's own certificate names the service as its cRLIssuer, so only the service's CRL could
        // say it is not revoked: the CRL would vouch for its own signer (NIST PKITS 4.14.30)
        final TestPki.Issued selfCovered = TestPki.certificate("CRL Service").keyUsage(KeyUsage.cRLSign).noExtendedKeyUsage()
            .issuedBy(caA).extension(Extension.cRLDistributionPoints, false, CrlTestBed.crlIssuerPoint(crlService)).build();
        final TestPki.Issued dave = TestPki.certificate("dave").xmppAddr("dave@localhost").issuedBy(caA)
            .extension(Extension.cRLDistributionPoints, false, CrlTestBed.crlIssuerPoint(crlService)).build();
        // Execute
        final Verdict verdict = verify(List.of(dave.certificate(), caA.certificate(), selfCovered.certificate()),
            CrlTestBed.clean(root), CrlTestBed.Crl.by(selfCovered).scope(true, null).build());
        // Verify: unknown, and because of the cycle (not a timeout waiting for the CRL's own verification)
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
        assertTrue(verdict.detail().contains("(a cycle)"), verdict::toString);
    }

    @Test
    void aCertificateIssuerEntryInACrlThatIsNotIndirectMakesItUnusable() throws Exception {
        // Setup: CA A's own CRL (not indirect) with a critical certificateIssuer entry, which only indirect CRLs may have
        final TestPki.Issued carol = TestPki.certificate("carol").xmppAddr("carol@localhost").issuedBy(caA).build();
        // Execute
        final Verdict verdict = verify(List.of(carol.certificate(), caA.certificate()), CrlTestBed.clean(root),
            CrlTestBed.Crl.by(caA).revoking(BigInteger.valueOf(7), caB).build());
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertTrue(verdict.detail().contains("critical extension"), verdict::toString);
    }
}
