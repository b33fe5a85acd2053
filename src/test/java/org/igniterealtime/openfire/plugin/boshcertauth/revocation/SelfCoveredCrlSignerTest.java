package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code boshcertauth.revocation.crl.self-covered-signer} (issue 14, NIST PKITS 4.14.30): a CRL issuer's certificate
 * whose status only the indirect CRL it signs gives. Off (the default), that CRL is not believed
 * ({@code IndirectCrlTest.aCrlIssuerCoveredOnlyByTheCrlItSignsIsNotBelieved}); on, the CRL — its signature verified
 * with the signer's key, the signer's path validated to the same trust anchor — decides the signer's status as well:
 * a signer it does not list is good, a signer it lists makes it unusable. Any other cycle is still refused.
 */
class SelfCoveredCrlSignerTest {

    private final TestPki.Issued root = TestPki.rootCa("Self-Covered Root");
    private final TestPki.Issued caA = TestPki.certificate("CA A").ca().issuedBy(root).build();
    /** The CRL service, certified by CA A; its own distribution point names itself as cRLIssuer. */
    private final TestPki.Issued service = crlSigner("CRL Service", caA, "CRL Service");
    private final TestPki.Issued dave = TestPki.certificate("dave").xmppAddr("dave@localhost").issuedBy(caA)
        .extension(Extension.cRLDistributionPoints, false, CrlTestBed.crlIssuerPoint(service)).build();
    private final List<X509Certificate> presented = List.of(dave.certificate(), caA.certificate(), service.certificate());
    @TempDir
    Path directory;

    /**
     * A cRLSign-only certificate with the common name {@code name}, issued by {@code issuer}, whose one distribution
     * point names the CRL issuer with the common name {@code crlIssuer} (TestPki's subject: CN, O=boshcertauth tests).
     */
    private static TestPki.Issued crlSigner(String name, TestPki.Issued issuer, String crlIssuer) {
        final GeneralNames crlIssuerName = new GeneralNames(new GeneralName(new X500Name("CN=" + crlIssuer + ",O=boshcertauth tests")));
        return TestPki.certificate(name).keyUsage(KeyUsage.cRLSign).noExtendedKeyUsage().issuedBy(issuer)
            .extension(Extension.cRLDistributionPoints, false,
                new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(null, null, crlIssuerName)})).build();
    }

    private Verdict verifyOptedIn(List<X509Certificate> chain, X509CRL... crls) throws Exception {
        return new CrlTestBed(directory).selfCoveredCrlSigner().verify(root, chain, crls);
    }

    private CrlTestBed.Crl serviceCrl() {
        return CrlTestBed.Crl.by(service).scope(true, null);
    }

    @Test
    void withTheSettingACleanCrlClearsItsSignerAndTheLeaf() throws Exception {
        // Execute
        final Verdict verdict = verifyOptedIn(presented, CrlTestBed.clean(root), serviceCrl().build());
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void withTheSettingASignerCertifiedByAnotherCaIsJudgedByItsCrlToo() throws Exception {
        // Setup: the service is certified by the root itself, not by dave's CA; its entries in its CRL would name the root
        final TestPki.Issued byRoot = crlSigner("CRL Service", root, "CRL Service");
        // Execute
        final Verdict clean = verifyOptedIn(List.of(dave.certificate(), caA.certificate(), byRoot.certificate()),
            CrlTestBed.clean(root), CrlTestBed.Crl.by(byRoot).scope(true, null).build());
        final Verdict revoked = verifyOptedIn(List.of(dave.certificate(), caA.certificate(), byRoot.certificate()),
            CrlTestBed.clean(root), CrlTestBed.Crl.by(byRoot).scope(true, null).revoking(byRoot.certificate().getSerialNumber(), root).build());
        // Verify
        assertTrue(clean.isSuccess(), clean::toString);
        assertEquals(FailureReason.REVOCATION_UNKNOWN, revoked.reason(), revoked::toString);
    }

    @Test
    void withTheSettingTheLeafListedOnThatCrlIsRevoked() throws Exception {
        // Execute
        final Verdict verdict = verifyOptedIn(presented, CrlTestBed.clean(root),
            serviceCrl().revoking(dave.certificate().getSerialNumber(), caA).build());
        // Verify: the CRL is believed, so its entry for dave counts
        assertEquals(FailureReason.REVOKED, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
    }

    @Test
    void withTheSettingACrlThatListsItsOwnSignerIsNotUsed() throws Exception {
        // Setup: the service's CRL revokes the service's own certificate (issued by CA A), not dave's
        final X509CRL revokesItsSigner = serviceCrl().revoking(service.certificate().getSerialNumber(), caA).build();
        // Execute
        final Verdict verdict = verifyOptedIn(presented, CrlTestBed.clean(root), revokesItsSigner);
        // Verify: a revoked signer vouches for nothing: dave's status is unknown (HARD_FAIL refuses), not good
        assertFalse(verdict.isSuccess(), verdict::toString);
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
        assertTrue(verdict.detail().contains("CRL Service") && verdict.detail().contains("revoked"), verdict::toString);
    }

    @Test
    void withTheSettingTwoSignersVouchingForEachOtherAreStillRefused() throws Exception {
        // Setup: dave's CRLs come from signer 1, whose own status only signer 2's CRL gives, and signer 2's only signer 1's
        final TestPki.Issued one = crlSigner("Signer One", caA, "Signer Two");
        final TestPki.Issued two = crlSigner("Signer Two", caA, "Signer One");
        final TestPki.Issued erin = TestPki.certificate("erin").xmppAddr("erin@localhost").issuedBy(caA)
            .extension(Extension.cRLDistributionPoints, false, CrlTestBed.crlIssuerPoint(one)).build();
        // Execute
        final Verdict verdict = verifyOptedIn(List.of(erin.certificate(), caA.certificate(), one.certificate(), two.certificate()),
            CrlTestBed.clean(root), CrlTestBed.Crl.by(one).scope(true, null).build(), CrlTestBed.Crl.by(two).scope(true, null).build());
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
    }

    @Test
    void withTheSettingACrlStillDoesNotVouchForItsSignersIssuer() throws Exception {
        // Setup: the signer is certified by a sub-CA of CA A whose status, like dave's, only the signer's CRL gives: that
        // CRL would vouch for a certificate on its signer's path other than the signer's own
        final TestPki.Issued subCa = TestPki.certificate("Sub CA").ca().issuedBy(caA)
            .extension(Extension.cRLDistributionPoints, false, CrlTestBed.crlIssuerPoint(service)).build();
        final TestPki.Issued signer = TestPki.certificate("CRL Service").keyUsage(KeyUsage.cRLSign).noExtendedKeyUsage()
            .issuedBy(subCa).extension(Extension.cRLDistributionPoints, false, CrlTestBed.crlIssuerPoint(service)).build();
        // Execute
        final Verdict verdict = verifyOptedIn(List.of(dave.certificate(), caA.certificate(), subCa.certificate(), signer.certificate()),
            CrlTestBed.clean(root), CrlTestBed.Crl.by(signer).scope(true, null).build());
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
        assertTrue(verdict.detail().contains("(a cycle)"), verdict::toString);
    }
}
