package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A CRL signed by a separate CRL-signing certificate of the CA that is not on the login's path (RFC 5280 §6.3.3 (f),
 * NIST PKITS 4.4.19): the signer's certificate is found among the presented (or trusted) certificates, must allow
 * cRLSign, must have a path of its own to the same trust anchor, and must not be revoked itself. Before, such a CRL
 * was "not signed by the certificate's issuer" and every login under that CA was REVOCATION_UNKNOWN.
 */
class SeparateCrlSignerTest {

    private static final String CA_DN = "CN=Split Key CA,O=boshcertauth tests";
    private final TestPki.Issued root = TestPki.rootCa("Split Key Root");
    /** The CA's certificate-signing key. */
    private final TestPki.Issued ca = TestPki.certificate("ca").subject(CA_DN).ca().issuedBy(root).build();
    /** The CA's CRL-signing key: same name, certified by the root for cRLSign only. */
    private final TestPki.Issued crlSigner = TestPki.certificate("crl").subject(CA_DN).ca().keyUsage(KeyUsage.cRLSign)
        .issuedBy(root).build();
    private final TestPki.Issued alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(ca).build();
    @TempDir
    Path directory;

    private Verdict verify(List<java.security.cert.X509Certificate> presented, java.security.cert.X509CRL... crls) throws Exception {
        return new CrlTestBed(directory).verify(root, presented, crls);
    }

    @Test
    void aCrlSignedByThePresentedCrlSigningCertificateCounts() throws Exception {
        // Setup: alice's CRL is signed with the CA's CRL key, whose certificate the client sends beside the path
        // Execute
        final Verdict verdict = verify(List.of(alice.certificate(), ca.certificate(), crlSigner.certificate()),
            CrlTestBed.clean(root), CrlTestBed.Crl.by(ca, crlSigner).build());
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void aRevocationOnTheSeparatelySignedCrlRevokes() throws Exception {
        // Execute
        final Verdict verdict = verify(List.of(alice.certificate(), ca.certificate(), crlSigner.certificate()),
            CrlTestBed.clean(root), CrlTestBed.Crl.by(ca, crlSigner).revoking(alice.certificate()).build());
        // Verify: the CRL is believed, so its entry counts
        assertEquals(FailureReason.REVOKED, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
    }

    @Test
    void aCrlSignerThatIsNeitherPresentedNorTrustedIsNotBelieved() throws Exception {
        // Execute: the same CRL, but the client does not send the CRL signer's certificate
        final Verdict verdict = verify(List.of(alice.certificate(), ca.certificate()),
            CrlTestBed.clean(root), CrlTestBed.Crl.by(ca, crlSigner).build());
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
    }

    @Test
    void aCrlSignerCertifiedUnderAnotherTrustAnchorIsNotBelieved() throws Exception {
        // Setup: the attacker's root (trusted too) certifies a key with the CA's name and cRLSign, and signs a clean
        // CRL for the CA with it. RFC 5280 requires the signer's path to end at the certificate's own anchor.
        final TestPki.Issued otherRoot = TestPki.rootCa("Other Root");
        final TestPki.Issued impostor = TestPki.certificate("impostor").subject(CA_DN).ca().keyUsage(KeyUsage.cRLSign)
            .issuedBy(otherRoot).build();
        // Execute
        final Verdict verdict = new CrlTestBed(directory).verifyTrusting(List.of(root, otherRoot),
            List.of(alice.certificate(), ca.certificate(), impostor.certificate()),
            CrlTestBed.clean(root), CrlTestBed.clean(otherRoot), CrlTestBed.Crl.by(ca, impostor).build());
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertTrue(verdict.detail().contains("no path to the certificate's trust anchor"), verdict::toString);
    }

    @Test
    void aCrlSignerCertifiedByAnotherCaUnderTheSameAnchorIsNotBelieved() throws Exception {
        // Setup: review2 M3. Another CA under the same root (validly certified, not revoked) certifies a key with the
        // CA's name, cRLSign and the key identifier the CRL names, and signs a clean CRL for the CA with it: alice is
        // revoked on the CA's real CRL, which the attacker withholds. Only the CA's own issuer vouches for its name.
        final TestPki.Issued otherCa = TestPki.certificate("other ca").subject("CN=Other CA,O=boshcertauth tests").ca()
            .issuedBy(root).build();
        final TestPki.Issued impostor = TestPki.certificate("impostor").subject(CA_DN).ca().keyUsage(KeyUsage.cRLSign)
            .issuedBy(otherCa).build();
        // Execute
        final Verdict verdict = verify(List.of(alice.certificate(), ca.certificate(), impostor.certificate(), otherCa.certificate()),
            CrlTestBed.clean(root), CrlTestBed.clean(otherCa), CrlTestBed.Crl.by(ca, impostor).build());
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
        assertTrue(verdict.detail().contains("certified neither by the CA nor by the CA that certified it"), verdict::toString);
    }

    @Test
    void reviewM3ImpostorSignerWithAnIndirectFlagIsNotBelieved() throws Exception {
        // as aCrlSignerCertifiedByAnotherCaUnderTheSameAnchorIsNotBelieved, but the impostor's CRL says indirectCRL
        final TestPki.Issued otherCa = TestPki.certificate("other ca").subject("CN=Other CA,O=boshcertauth tests").ca()
            .issuedBy(root).build();
        final TestPki.Issued impostor = TestPki.certificate("impostor").subject(CA_DN).ca().keyUsage(KeyUsage.cRLSign)
            .issuedBy(otherCa).build();
        final Verdict verdict = verify(List.of(alice.certificate(), ca.certificate(), impostor.certificate(), otherCa.certificate()),
            CrlTestBed.clean(root), CrlTestBed.clean(otherCa), CrlTestBed.Crl.by(ca, impostor).scope(true, null).build());
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
    }

    @Test
    void aCrlSignerCertifiedByTheCaItselfIsBelieved() throws Exception {
        // Setup: the CA certifies its own CRL key (self-issued, same name), whose CRL revokes alice; the signer's own
        // status comes from the CA's CRL signed with the CA's certificate key, which lists nothing
        final TestPki.Issued selfIssued = TestPki.certificate("self crl").subject(CA_DN).ca().keyUsage(KeyUsage.cRLSign)
            .issuedBy(ca).build();
        // Execute
        final Verdict verdict = verify(List.of(alice.certificate(), ca.certificate(), selfIssued.certificate()),
            CrlTestBed.clean(root), CrlTestBed.Crl.by(ca, selfIssued).revoking(alice.certificate()).build(), CrlTestBed.clean(ca));
        // Verify: the self-issued signer's CRL is believed (the clean CRL after it is not reached)
        assertEquals(FailureReason.REVOKED, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
    }

    @Test
    void aCrlSignerWithoutCrlSignIsNotBelieved() throws Exception {
        // Setup: the root certified the second key for digital signatures only
        final TestPki.Issued notForCrls = TestPki.certificate("not for crls").subject(CA_DN).ca()
            .keyUsage(KeyUsage.digitalSignature).issuedBy(root).build();
        // Execute
        final Verdict verdict = verify(List.of(alice.certificate(), ca.certificate(), notForCrls.certificate()),
            CrlTestBed.clean(root), CrlTestBed.Crl.by(ca, notForCrls).build());
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
    }

    @Test
    void aRevokedCrlSignerIsNotBelieved() throws Exception {
        // Setup: the root has revoked the CRL-signing certificate; a clean CRL signed with its key must not clear alice
        // Execute
        final Verdict verdict = verify(List.of(alice.certificate(), ca.certificate(), crlSigner.certificate()),
            CrlTestBed.Crl.by(root).revoking(crlSigner.certificate()).build(), CrlTestBed.Crl.by(ca, crlSigner).build());
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
        assertTrue(verdict.detail().contains("is not valid"), verdict::toString);
    }

    @Test
    void aCrlSignerWhoseOwnStatusIsUnknownIsNotBelieved() throws Exception {
        // Setup: the root's CRL is partitioned; the CA's certificate names the partition the administrator configured,
        // the CRL signer's names one that cannot be fetched, so the signer's own status is unknown
        final String caPartition = "http://127.0.0.1:9/root-cas.crl";
        final TestPki.Issued listedCa = TestPki.certificate("ca").subject(CA_DN).ca().issuedBy(root)
            .crlDistributionPoint(caPartition).build();
        final TestPki.Issued unlistedSigner = TestPki.certificate("crl").subject(CA_DN).ca().keyUsage(KeyUsage.cRLSign)
            .issuedBy(root).crlDistributionPoint("http://127.0.0.1:9/root-other.crl").build();
        final TestPki.Issued bob = TestPki.certificate("bob").xmppAddr("bob@localhost").issuedBy(listedCa).build();
        // Execute
        final Verdict verdict = verify(List.of(bob.certificate(), listedCa.certificate(), unlistedSigner.certificate()),
            CrlTestBed.Crl.by(root).partition(caPartition).build(), CrlTestBed.Crl.by(listedCa, unlistedSigner).build());
        // Verify: the CA is fine (index 1 passed), bob's status is unknown because his CRL's signer's status is
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
        assertTrue(verdict.detail().contains("is not valid"), verdict::toString);
    }

    @Test
    void aSameNamedCertificateWithoutKeyUsageUnderTheSameAnchorCannotSignTheCrl() throws Exception {
        // Setup: review2 M3. The root certified a second key with the CA's name but no keyUsage at all; off the path,
        // only the name ties it to the CA, so it must assert cRLSign. Its CRL revokes nothing and must not clear alice.
        final TestPki.Issued noKeyUsage = TestPki.certificate("no key usage").subject(CA_DN).ca().keyUsage(-1)
            .issuedBy(root).build();
        // Execute
        final Verdict verdict = verify(List.of(alice.certificate(), ca.certificate(), noKeyUsage.certificate()),
            CrlTestBed.clean(root), CrlTestBed.Crl.by(ca, noKeyUsage).build());
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
    }

    @Test
    void aCrlWhoseAuthorityKeyIdentifierNamesAnotherKeyIsNotSignedByASignerWithoutThatIdentifier() throws Exception {
        // Setup: review2 M3. The CRL names the CRL signer's key (authorityKeyIdentifier) but is signed by a same-named
        // cRLSign certificate without a subjectKeyIdentifier: the CRL says it is not that certificate's
        final TestPki.Issued noKeyId = TestPki.certificate("no key id").subject(CA_DN).ca().keyUsage(KeyUsage.cRLSign)
            .omitKeyIdentifiers().issuedBy(root).build();
        final byte[] crlSignerKeyId = org.bouncycastle.asn1.ASN1OctetString.getInstance(
            org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils.parseExtensionValue(crlSigner.certificate()
                .getExtensionValue(org.bouncycastle.asn1.x509.Extension.subjectKeyIdentifier.getId()))).getOctets();
        // Execute
        final Verdict verdict = verify(List.of(alice.certificate(), ca.certificate(), noKeyId.certificate()),
            CrlTestBed.clean(root), CrlTestBed.Crl.by(ca, noKeyId).authorityKeyId(crlSignerKeyId).build());
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
    }

    @Test
    void aCrlWhoseAuthorityKeyIdentifierNamesTheSignerIsBelieved() throws Exception {
        // Setup: the same check passes for the real CRL signer (the test above can fail for the right reason only)
        final byte[] crlSignerKeyId = org.bouncycastle.asn1.ASN1OctetString.getInstance(
            org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils.parseExtensionValue(crlSigner.certificate()
                .getExtensionValue(org.bouncycastle.asn1.x509.Extension.subjectKeyIdentifier.getId()))).getOctets();
        // Execute
        final Verdict verdict = verify(List.of(alice.certificate(), ca.certificate(), crlSigner.certificate()),
            CrlTestBed.clean(root), CrlTestBed.Crl.by(ca, crlSigner).authorityKeyId(crlSignerKeyId).build());
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
    }
}
