package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.VerdictCache;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.RevocationTestBed;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.util.Date;
import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A CRL or OCSP answer is verified (issuer, signature, validity) before it is cached or used: a bad answer counts as
 * "unknown" for the attempt that received it and leaves nothing behind (issue 13, finding 5: one wrongly signed CRL
 * claiming 100 years of validity used to be cached for those 100 years).
 */
class RevocationAnswerVerificationTest {

    private static final Duration CENTURY = Duration.ofDays(36_525);

    private RevocationTestBed bed;

    @BeforeEach
    void start() {
        bed = RevocationTestBed.start("Answer Root");
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private CertificatePolicy policy(RevocationMode mode) {
        return CertificatePolicy.builder().trust(Set.of(bed.root().certificate())).domains(Set.of("localhost"))
            .revocationMode(mode).build();
    }

    /** A fresh verifier, so that only the revocation caches (not the verdict cache) carry over between attempts. */
    private Verdict verify(RevocationMode mode, TestPki.Issued client) {
        return new CertificateVerifier(policy(mode), bed.revocation(), bed.clock()).verifyChain(client.chainWithoutRoot());
    }

    private TestPki.Issued withCrl(String name) {
        return TestPki.certificate(name).xmppAddr(name + "@localhost").issuedBy(bed.root())
            .crlDistributionPoint(bed.server().crlUrl(bed.root())).build();
    }

    /** Same issuer name as the root, another key: what an attacker on the (plain-http) CRL path can sign with. */
    private TestPki.Issued impostorOfTheRoot() {
        return TestPki.rootCa("Answer Root");
    }

    @Test
    void wronglySignedCenturyCrlIsNotCachedAndTheRevokedCertificateIsRefusedOnTheNextAttempt() {
        // Setup: mallory is revoked; the first CRL download gets a forgery that revokes no one and claims 100 years
        final TestPki.Issued mallory = withCrl("mallory");
        bed.server().revoke(mallory.certificate());
        bed.server().serveCrlOnce(TestPki.crl(impostorOfTheRoot(), Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(CENTURY), new BigInteger[0]));
        final CertificateVerifier verifier = new CertificateVerifier(policy(RevocationMode.SOFT_FAIL), bed.revocation(), bed.clock());
        final Verdict forged = verifier.verifyChain(mallory.chainWithoutRoot());
        // Execute: the soft-failed success has run out, the next login checks again
        bed.clock().advance(VerdictCache.TRANSIENT_FAILURE_LIFETIME.plusSeconds(1));
        final Verdict verdict = verifier.verifyChain(mallory.chainWithoutRoot());
        // Verify: the forgery only made that one attempt "unknown"; the genuine CRL was fetched and revokes mallory
        assertTrue(forged.isSuccess(), forged::toString);
        assertTrue(forged.detail().contains("not signed by the certificate's issuer"), forged::toString);
        assertEquals(FailureReason.REVOKED, verdict.reason(), verdict::toString);
        assertEquals(2, bed.server().crlRequests(), "the genuine CRL was fetched");
    }

    @Test
    void wronglySignedCrlThatRevokesEveryoneLocksNoOneOutUnderHardFail() {
        // Setup: a forgery that revokes alice, valid for 100 years
        final TestPki.Issued alice = withCrl("alice");
        bed.server().serveCrlOnce(TestPki.crl(impostorOfTheRoot(), Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(CENTURY),
            alice.certificate()));
        final Verdict forged = verify(RevocationMode.HARD_FAIL, alice);
        // Execute
        final Verdict verdict = verify(RevocationMode.HARD_FAIL, alice);
        // Verify: unknown (not revoked) for the attempt that got the forgery, then the genuine CRL lets alice in
        assertEquals(FailureReason.REVOCATION_UNKNOWN, forged.reason(), forged::toString);
        assertTrue(verdict.isSuccess(), verdict::toString);
        assertEquals(2, bed.server().crlRequests());
    }

    @Test
    void crlOfAnotherIssuerIsNotCachedEither() {
        // Setup: the first download is another CA's genuine CRL (wrong issuer name, its own valid signature)
        final TestPki.Issued mallory = withCrl("mallory");
        bed.server().revoke(mallory.certificate());
        bed.server().serveCrlOnce(TestPki.crl(TestPki.rootCa("Other Root"), Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(CENTURY), new BigInteger[0]));
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verify(RevocationMode.HARD_FAIL, mallory).reason());
        // Execute
        final Verdict verdict = verify(RevocationMode.HARD_FAIL, mallory);
        // Verify
        assertEquals(FailureReason.REVOKED, verdict.reason(), verdict::toString);
        assertEquals(2, bed.server().crlRequests());
    }

    @Test
    void crlWhoseThisUpdateIsInTheFutureIsNotUsedOrCached() {
        // Setup: a correctly signed CRL that claims to be issued tomorrow (a clock far off, or a pre-signed CRL)
        final TestPki.Issued mallory = withCrl("mallory");
        bed.server().revoke(mallory.certificate());
        bed.server().serveCrlOnce(TestPki.crl(bed.root(), Instant.now().plus(Duration.ofDays(1)), Instant.now().plus(CENTURY), new BigInteger[0]));
        // Execute
        final Verdict premature = verify(RevocationMode.HARD_FAIL, mallory);
        final Verdict verdict = verify(RevocationMode.HARD_FAIL, mallory);
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, premature.reason(), premature::toString);
        assertTrue(premature.detail().contains("thisUpdate"), premature::toString);
        assertEquals(FailureReason.REVOKED, verdict.reason(), verdict::toString);
        assertEquals(2, bed.server().crlRequests());
    }

    @Test
    void crlSignedByAnIssuerWithoutCrlSignKeyUsageIsNotBelieved() {
        // Setup: an intermediate allowed to sign certificates but not CRLs (RFC 5280 §4.2.1.3, §6.3.3 (f))
        final TestPki.Issued intermediate = TestPki.certificate("No CRL Signing").ca().keyUsage(KeyUsage.keyCertSign)
            .issuedBy(bed.root()).crlDistributionPoint(bed.server().crlUrl(bed.root())).build();
        final TestPki.Issued bob = TestPki.certificate("bob").xmppAddr("bob@localhost").issuedBy(intermediate)
            .crlDistributionPoint(bed.server().crlUrl(intermediate)).build();
        // Execute
        final Verdict verdict = new CertificateVerifier(policy(RevocationMode.HARD_FAIL), bed.revocation(), bed.clock())
            .verifyChain(bob.chainWithoutRoot());
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
        assertTrue(verdict.detail().contains("cRLSign"), verdict::toString);
    }

    /** A CRL of the root, valid for a day, revoking nobody, with one extra (critical) extension. */
    private X509CRL rootCrlWith(Extension extension) {
        try {
            final X509v2CRLBuilder builder = new X509v2CRLBuilder(
                X500Name.getInstance(bed.root().certificate().getSubjectX500Principal().getEncoded()), Date.from(Instant.now().minus(Duration.ofHours(1))));
            builder.setNextUpdate(Date.from(Instant.now().plus(Duration.ofDays(1))));
            builder.addExtension(extension);
            final byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(bed.root().privateKey())).getEncoded();
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Extension partition(String distributionPoint, boolean onlyUserCerts, boolean onlyCaCerts) throws Exception {
        final DistributionPointName name = distributionPoint == null ? null : new DistributionPointName(
            new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, distributionPoint)));
        return new Extension(Extension.issuingDistributionPoint, true,
            new IssuingDistributionPoint(name, onlyUserCerts, onlyCaCerts, null, false, false).getEncoded());
    }

    @Test
    void correctlySignedCrlOfAnotherPartitionIsNotBelieved() throws Exception {
        // Setup: the CA partitions its CRLs; the one served at mallory's distribution point is another partition's
        final TestPki.Issued mallory = withCrl("mallory");
        bed.server().revoke(mallory.certificate());
        bed.server().serveCrlOnce(rootCrlWith(partition("http://127.0.0.1:1/crl/another-partition.crl", false, false)));
        // Execute
        final Verdict replayed = verify(RevocationMode.HARD_FAIL, mallory);
        final Verdict verdict = verify(RevocationMode.HARD_FAIL, mallory);
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, replayed.reason(), replayed::toString);
        assertTrue(replayed.detail().contains("another distribution point"), replayed::toString);
        assertEquals(FailureReason.REVOKED, verdict.reason(), verdict::toString);
    }

    @Test
    void partitionedCrlNamingItsOwnDistributionPointIsUsed() throws Exception {
        // Setup: what e.g. AD CS publishes: a critical issuingDistributionPoint naming this URL, user certificates only
        final TestPki.Issued alice = withCrl("alice");
        bed.server().serveCrlOnce(rootCrlWith(partition(bed.server().crlUrl(bed.root()), true, false)));
        // Execute
        final Verdict verdict = verify(RevocationMode.HARD_FAIL, alice);
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
        assertEquals(1, bed.server().crlRequests());
    }

    @Test
    void crlOfUserCertificatesOnlySaysNothingAboutAnIntermediate() throws Exception {
        // Setup: the intermediate's distribution point serves the root's user-certificates-only CRL
        final TestPki.Issued intermediate = TestPki.certificate("Intermediate").ca().issuedBy(bed.root())
            .crlDistributionPoint(bed.server().crlUrl(bed.root())).build();
        final TestPki.Issued bob = TestPki.certificate("bob").xmppAddr("bob@localhost").issuedBy(intermediate)
            .crlDistributionPoint(bed.server().crlUrl(intermediate)).build();
        bed.server().serveCrlOnce(rootCrlWith(partition(null, true, false)));
        // Execute
        final Verdict verdict = new CertificateVerifier(policy(RevocationMode.HARD_FAIL), bed.revocation(), bed.clock())
            .verifyChain(bob.chainWithoutRoot());
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertEquals(1, verdict.failingIndex(), verdict::toString);
        assertTrue(verdict.detail().contains("does not cover CA certificates"), verdict::toString);
    }

    @Test
    void deltaCrlIsNotTakenForACompleteOne() {
        // Setup: a delta CRL lists only what changed since its base: "not listed" does not mean "not revoked"
        final TestPki.Issued mallory = withCrl("mallory");
        bed.server().revoke(mallory.certificate());
        bed.server().serveCrlOnce(rootCrlWith(new Extension(Extension.deltaCRLIndicator, true, encoded(new ASN1Integer(1)))));
        // Execute
        final Verdict delta = verify(RevocationMode.HARD_FAIL, mallory);
        final Verdict verdict = verify(RevocationMode.HARD_FAIL, mallory);
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, delta.reason(), delta::toString);
        assertTrue(delta.detail().contains("delta CRL"), delta::toString);
        assertEquals(FailureReason.REVOKED, verdict.reason(), verdict::toString);
    }

    @Test
    void crlWithAnUnknownCriticalExtensionIsNotUsed() {
        // Setup
        final TestPki.Issued mallory = withCrl("mallory");
        bed.server().revoke(mallory.certificate());
        bed.server().serveCrlOnce(rootCrlWith(new Extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), true,
            encoded(new ASN1Integer(7)))));
        // Execute
        final Verdict verdict = verify(RevocationMode.HARD_FAIL, mallory);
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertTrue(verdict.detail().contains("critical extension"), verdict::toString);
    }

    private static byte[] encoded(ASN1Object value) {
        try {
            return value.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void wronglySignedOcspAnswerIsNotCachedAndTheNextAttemptAsksAgain() {
        // Setup: the responder first signs with a certificate the CA never authorised for OCSP
        final TestPki.Issued mallory = TestPki.certificate("mallory").issuedBy(bed.root())
            .ocspResponder(bed.server().ocspUrl(bed.root())).build();
        bed.server().revoke(mallory.certificate());
        bed.server().delegateOcsp(bed.root(), TestPki.certificate("Not A Responder").issuedBy(bed.root()).build());
        final Verdict unauthorised = verify(RevocationMode.HARD_FAIL, mallory);
        bed.server().delegateOcsp(bed.root(), bed.root());
        // Execute
        final Verdict verdict = verify(RevocationMode.HARD_FAIL, mallory);
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, unauthorised.reason(), unauthorised::toString);
        assertEquals(FailureReason.REVOKED, verdict.reason(), verdict::toString);
        assertEquals(2, bed.server().ocspRequests());
        assertEquals(0, bed.revocation().stats().ocspCacheHits());
    }

    @Test
    void delegatedResponderOfTheCaIsStillBelieved() {
        // Setup: guards the other side: verification before caching must not refuse an authorised responder
        final TestPki.Issued responder = TestPki.certificate("OCSP Responder").issuedBy(bed.root())
            .extendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning).build();
        bed.server().delegateOcsp(bed.root(), responder);
        final TestPki.Issued alice = TestPki.certificate("alice").issuedBy(bed.root())
            .ocspResponder(bed.server().ocspUrl(bed.root())).build();
        // Execute
        final Verdict first = verify(RevocationMode.HARD_FAIL, alice);
        final Verdict second = verify(RevocationMode.HARD_FAIL, alice);
        // Verify
        assertTrue(first.isSuccess(), first::toString);
        assertTrue(second.isSuccess(), second::toString);
        assertEquals(1, bed.server().ocspRequests(), "the verified answer is cached");
    }
}
