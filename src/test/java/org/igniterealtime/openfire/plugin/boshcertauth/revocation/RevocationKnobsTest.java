package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.RevocationTestBed;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestRevocationServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The administrator's revocation knobs (issue 14) against real loopback responders and CRL files written at test
 * time: OCSP responder override, designated responder certificate, configured CRL sources, stale CRLs.
 */
class RevocationKnobsTest {

    private RevocationTestBed bed;
    @TempDir
    Path directory;

    @BeforeEach
    void start() {
        bed = RevocationTestBed.start("Knobs Root");
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    /** A fresh verifier each time, so that only the revocation caches (not the verdict cache) carry over. */
    private Verdict verify(RevocationMode mode, RevocationOptions options, TestPki.Issued client) {
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(bed.root().certificate()))
            .domains(Set.of("localhost")).revocationMode(mode).revocationOptions(options).build();
        return new CertificateVerifier(policy, bed.revocation(), bed.clock()).verifyChain(client.chainWithoutRoot());
    }

    private TestPki.Issued client(String name) {
        return TestPki.certificate(name).xmppAddr(name + "@localhost").issuedBy(bed.root()).build();
    }

    private TestPki.Issued clientWithOcsp(String name, String responder) {
        return TestPki.certificate(name).xmppAddr(name + "@localhost").issuedBy(bed.root()).ocspResponder(responder).build();
    }

    private static RevocationOptions crlSources(URI... sources) {
        return RevocationOptions.DEFAULTS.withCrlSources(List.of(sources));
    }

    private Path write(String name, X509CRL crl) throws Exception {
        final Path file = directory.resolve(name);
        Files.write(file, crl.getEncoded());
        return file;
    }

    private static X509CRL currentCrl(TestPki.Issued ca, X509Certificate... revoked) {
        return TestPki.crl(ca, Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)), revoked);
    }

    private static void assertFailure(FailureReason reason, Verdict verdict) {
        assertEquals(reason, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
    }

    // --- OCSP responder override

    @Test
    void theConfiguredResponderIsAskedAndTheCertificatesOwnIsNotContacted() {
        // Setup: the AIA names another (working) responder that does not know of the revocation
        try (TestRevocationServer elsewhere = TestRevocationServer.start()) {
            final TestPki.Issued mallory = clientWithOcsp("mallory", elsewhere.ocspUrl(bed.root()));
            bed.server().revoke(mallory.certificate());
            final RevocationOptions options = RevocationOptions.DEFAULTS.withOcspResponder(URI.create(bed.server().ocspUrl(bed.root())));
            // Execute
            final Verdict verdict = verify(RevocationMode.HARD_FAIL, options, mallory);
            // Verify
            assertFailure(FailureReason.REVOKED, verdict);
            assertEquals(1, bed.server().ocspRequests());
            assertEquals(0, elsewhere.ocspRequests());
        }
    }

    @Test
    void theConfiguredResponderAnswersForCertificatesWithoutAia() {
        // Setup
        final TestPki.Issued alice = client("alice");
        final RevocationOptions options = RevocationOptions.DEFAULTS.withOcspResponder(URI.create(bed.server().ocspUrl(bed.root())));
        // Execute
        final Verdict withOverride = verify(RevocationMode.HARD_FAIL, options, alice);
        final Verdict without = verify(RevocationMode.HARD_FAIL, RevocationOptions.DEFAULTS, alice);
        // Verify
        assertTrue(withOverride.isSuccess(), withOverride::toString);
        assertFailure(FailureReason.REVOCATION_UNKNOWN, without);
    }

    // --- designated responder certificate

    /** A responder certificate the root did not issue, so only designation can make its answers count. */
    private TestPki.Issued independentResponder() {
        final TestPki.Issued otherCa = TestPki.rootCa("Unrelated Responder CA");
        final TestPki.Issued responder = TestPki.certificate("Independent OCSP Responder").issuedBy(otherCa)
            .extendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning).build();
        bed.server().delegateOcsp(bed.root(), responder);
        return responder;
    }

    @Test
    void answersOfTheDesignatedResponderAreAccepted() {
        // Setup
        final TestPki.Issued responder = independentResponder();
        final TestPki.Issued alice = clientWithOcsp("alice", bed.server().ocspUrl(bed.root()));
        final TestPki.Issued mallory = clientWithOcsp("mallory", bed.server().ocspUrl(bed.root()));
        bed.server().revoke(mallory.certificate());
        final RevocationOptions designated = RevocationOptions.DEFAULTS.withDesignatedResponder(responder.certificate());
        // Execute
        final Verdict good = verify(RevocationMode.HARD_FAIL, designated, alice);
        final Verdict revoked = verify(RevocationMode.HARD_FAIL, designated, mallory);
        // Verify
        assertTrue(good.isSuccess(), good::toString);
        assertFailure(FailureReason.REVOKED, revoked);
    }

    @Test
    void answersOfAnUndesignatedResponderAreRefused() {
        // Setup: the same independent responder, but another certificate is designated (or none)
        independentResponder();
        final TestPki.Issued someoneElse = TestPki.certificate("Designated Elsewhere").issuedBy(TestPki.rootCa("Other CA"))
            .extendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning).build();
        final TestPki.Issued mallory = clientWithOcsp("mallory", bed.server().ocspUrl(bed.root()));
        // Execute
        final Verdict otherDesignated = verify(RevocationMode.HARD_FAIL,
            RevocationOptions.DEFAULTS.withDesignatedResponder(someoneElse.certificate()), mallory);
        final Verdict noneDesignated = verify(RevocationMode.HARD_FAIL, RevocationOptions.DEFAULTS, mallory);
        // Verify
        assertFailure(FailureReason.REVOCATION_UNKNOWN, otherDesignated);
        assertTrue(otherDesignated.detail().contains("configured responder certificate"), otherDesignated::toString);
        assertFailure(FailureReason.REVOCATION_UNKNOWN, noneDesignated);
    }

    @Test
    void anExpiredDesignatedResponderIsNotAccepted() {
        // Setup
        final TestPki.Issued otherCa = TestPki.rootCa("Expired Responder CA");
        final TestPki.Issued expired = TestPki.certificate("Expired OCSP Responder").issuedBy(otherCa)
            .extendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning).expired().build();
        bed.server().delegateOcsp(bed.root(), expired);
        final TestPki.Issued alice = clientWithOcsp("alice", bed.server().ocspUrl(bed.root()));
        // Execute
        final Verdict verdict = verify(RevocationMode.HARD_FAIL,
            RevocationOptions.DEFAULTS.withDesignatedResponder(expired.certificate()), alice);
        // Verify
        assertFailure(FailureReason.REVOCATION_UNKNOWN, verdict);
    }

    // --- configured CRL sources

    @Test
    void aCrlFileRevokingTheCertificateRefusesIt() throws Exception {
        // Setup: the certificate names no revocation source at all
        final TestPki.Issued mallory = client("mallory");
        final Path file = write("root.crl", currentCrl(bed.root(), mallory.certificate()));
        // Execute
        final Verdict verdict = verify(RevocationMode.SOFT_FAIL, crlSources(file.toUri()), mallory);
        // Verify
        assertFailure(FailureReason.REVOKED, verdict);
    }

    @Test
    void aCleanCrlFileIsAGoodAnswerUntilItsNextUpdate() throws Exception {
        // Setup
        final TestPki.Issued alice = client("alice");
        final Path file = write("root.crl", currentCrl(bed.root()));
        // Execute
        final Verdict verdict = verify(RevocationMode.HARD_FAIL, crlSources(file.toUri()), alice);
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void aWronglySignedCrlFileIsIgnored() throws Exception {
        // Setup: a CRL with the root's name, signed with another key, revoking the certificate
        final TestPki.Issued impostor = TestPki.rootCa("Knobs Root");
        final TestPki.Issued alice = client("alice");
        final Path file = write("forged.crl", currentCrl(impostor, alice.certificate()));
        // Execute
        final Verdict soft = verify(RevocationMode.SOFT_FAIL, crlSources(file.toUri()), alice);
        final Verdict hard = verify(RevocationMode.HARD_FAIL, crlSources(file.toUri()), alice);
        // Verify: neither believed (not REVOKED) nor cached as an answer (unknown)
        assertTrue(soft.isSuccess(), soft::toString);
        assertFailure(FailureReason.REVOCATION_UNKNOWN, hard);
        assertTrue(hard.detail().contains("not signed by the certificate's issuer"), hard::toString);
    }

    @Test
    void aCrlFileIsReadAgainWhenItChanges() throws Exception {
        // Setup: a clean CRL, used once; then the file is replaced by one revoking the certificate
        final TestPki.Issued alice = client("alice");
        final Path file = write("root.crl", currentCrl(bed.root()));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofMinutes(10))));
        assertTrue(verify(RevocationMode.HARD_FAIL, crlSources(file.toUri()), alice).isSuccess());
        write("root.crl", currentCrl(bed.root(), alice.certificate()));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        // Execute
        final Verdict verdict = verify(RevocationMode.HARD_FAIL, crlSources(file.toUri()), alice);
        // Verify
        assertFailure(FailureReason.REVOKED, verdict);
    }

    @Test
    void anUnchangedCrlFileIsServedFromTheCache() throws Exception {
        // Setup
        final TestPki.Issued alice = client("alice");
        final TestPki.Issued bob = client("bob");
        final Path file = write("root.crl", currentCrl(bed.root()));
        // Execute
        verify(RevocationMode.HARD_FAIL, crlSources(file.toUri()), alice);
        verify(RevocationMode.HARD_FAIL, crlSources(file.toUri()), bob);
        // Verify
        assertEquals(1, bed.revocation().stats().crlCacheHits());
    }

    @Test
    void aConfiguredCrlUrlIsUsedInAdditionToTheDistributionPoints() {
        // Setup: the certificate names no distribution point; the configured URL serves the root's CRL
        final TestPki.Issued mallory = client("mallory");
        bed.server().revoke(mallory.certificate());
        // Execute
        final Verdict verdict = verify(RevocationMode.SOFT_FAIL, crlSources(URI.create(bed.server().crlUrl(bed.root()))), mallory);
        // Verify
        assertFailure(FailureReason.REVOKED, verdict);
        assertEquals(1, bed.server().crlRequests());
    }

    @Test
    void aCrlFileOfAnotherCaDoesNotAnswer() throws Exception {
        // Setup: a correct CRL, but of another CA
        final TestPki.Issued otherCa = TestPki.rootCa("Other Knobs CA");
        final TestPki.Issued alice = client("alice");
        final Path file = write("other.crl", currentCrl(otherCa, alice.certificate()));
        // Execute
        final Verdict verdict = verify(RevocationMode.HARD_FAIL, crlSources(file.toUri()), alice);
        // Verify
        assertFailure(FailureReason.REVOCATION_UNKNOWN, verdict);
    }

    /** A current CRL of the root whose issuingDistributionPoint names {@code scope}, revoking {@code revoked}. */
    private X509CRL partitionedCrl(String scope, X509Certificate revoked) throws Exception {
        final X509v2CRLBuilder builder = new X509v2CRLBuilder(
            X500Name.getInstance(bed.root().certificate().getSubjectX500Principal().getEncoded()),
            Date.from(Instant.now().minus(Duration.ofHours(1))));
        builder.setNextUpdate(Date.from(Instant.now().plus(Duration.ofDays(1))));
        builder.addCRLEntry(revoked.getSerialNumber(), Date.from(Instant.now().minus(Duration.ofHours(1))), CRLReason.keyCompromise);
        builder.addExtension(Extension.issuingDistributionPoint, true, new IssuingDistributionPoint(
            new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, scope))), false, false));
        return new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(bed.root().privateKey())));
    }

    @Test
    void aPartitionedCrlFileCountsOnlyForCertificatesOfItsDistributionPoint() throws Exception {
        // Setup: the file is the CRL of partition 1; mallory names partition 1, eve partition 2 (unreachable URLs)
        final String partition1 = "http://127.0.0.1:9/partition1.crl";
        final TestPki.Issued mallory = TestPki.certificate("mallory").xmppAddr("mallory@localhost").issuedBy(bed.root())
            .crlDistributionPoint(partition1).build();
        final TestPki.Issued eve = TestPki.certificate("eve").xmppAddr("eve@localhost").issuedBy(bed.root())
            .crlDistributionPoint("http://127.0.0.1:9/partition2.crl").build();
        final Path file = directory.resolve("partition1.crl");
        Files.write(file, partitionedCrl(partition1, eve.certificate()).getEncoded());
        Files.write(directory.resolve("partition1-mallory.crl"), partitionedCrl(partition1, mallory.certificate()).getEncoded());
        // Execute
        final Verdict eveVerdict = verify(RevocationMode.HARD_FAIL, crlSources(file.toUri()), eve);
        final Verdict malloryVerdict = verify(RevocationMode.HARD_FAIL,
            crlSources(directory.resolve("partition1-mallory.crl").toUri()), mallory);
        // Verify: eve's serial on partition 1's CRL does not revoke her (not her CRL); mallory's does
        assertFailure(FailureReason.REVOCATION_UNKNOWN, eveVerdict);
        assertTrue(eveVerdict.detail().contains("distribution point the certificate does not name"), eveVerdict::toString);
        assertFailure(FailureReason.REVOKED, malloryVerdict);
    }

    @Test
    void aCrlFileLargerThanTheCapIsUnavailable() throws Exception {
        // Setup
        final TestPki.Issued mallory = client("mallory");
        final Path file = write("root.crl", currentCrl(bed.root(), mallory.certificate()));
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(bed.root().certificate()))
            .domains(Set.of("localhost")).revocationMode(RevocationMode.HARD_FAIL).maxCrlBytes(Files.size(file) - 1)
            .revocationOptions(crlSources(file.toUri())).build();
        // Execute
        final Verdict verdict = new CertificateVerifier(policy, bed.revocation(), bed.clock()).verifyChain(mallory.chainWithoutRoot());
        // Verify
        assertFailure(FailureReason.REVOCATION_UNKNOWN, verdict);
        assertTrue(verdict.detail().contains("larger than"), verdict::toString);
    }

    // --- stale CRLs

    private Path staleCrlFile() throws Exception {
        return write("stale.crl", TestPki.crl(bed.root(), Instant.now().minus(Duration.ofHours(3)), Instant.now().minus(Duration.ofHours(1)), new X509Certificate[0]));
    }

    @Test
    void aStaleCrlUnderUnknownIsDecidedByTheMode() throws Exception {
        // Setup
        final TestPki.Issued alice = client("alice");
        final RevocationOptions options = crlSources(staleCrlFile().toUri()).withStaleCrl(StaleCrlAction.UNKNOWN);
        // Execute
        final Verdict soft = verify(RevocationMode.SOFT_FAIL, options, alice);
        final Verdict hard = verify(RevocationMode.HARD_FAIL, options, alice);
        // Verify
        assertTrue(soft.isSuccess(), soft::toString);
        assertFailure(FailureReason.REVOCATION_UNKNOWN, hard);
        assertTrue(hard.detail().contains("stale"), hard::toString);
    }

    @Test
    void aStaleCrlUnderRefuseIsRefusedEvenInSoftFail() throws Exception {
        // Setup
        final TestPki.Issued alice = client("alice");
        final RevocationOptions options = crlSources(staleCrlFile().toUri()).withStaleCrl(StaleCrlAction.REFUSE);
        // Execute
        final Verdict soft = verify(RevocationMode.SOFT_FAIL, options, alice);
        final Verdict hard = verify(RevocationMode.HARD_FAIL, options, alice);
        final Verdict off = verify(RevocationMode.OFF, options, alice);
        // Verify
        assertFailure(FailureReason.REVOCATION_UNKNOWN, soft);
        assertTrue(soft.detail().contains("stale"), soft::toString);
        assertFailure(FailureReason.REVOCATION_UNKNOWN, hard);
        assertTrue(off.isSuccess(), off::toString);
    }

    @Test
    void aStaleDistributionPointCrlUnderRefuseIsRefusedInSoftFail() {
        // Setup: the CA's distribution point keeps serving an expired CRL
        bed.server().crlValidity(Instant.now().minus(Duration.ofHours(3)), Instant.now().minus(Duration.ofHours(1)));
        final TestPki.Issued alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(bed.root())
            .crlDistributionPoint(bed.server().crlUrl(bed.root())).build();
        // Execute
        final Verdict unknown = verify(RevocationMode.SOFT_FAIL, RevocationOptions.DEFAULTS, alice);
        final Verdict refuse = verify(RevocationMode.SOFT_FAIL, RevocationOptions.DEFAULTS.withStaleCrl(StaleCrlAction.REFUSE), alice);
        // Verify
        assertTrue(unknown.isSuccess(), unknown::toString);
        assertFailure(FailureReason.REVOCATION_UNKNOWN, refuse);
    }

    @Test
    void refuseDoesNotApplyToAWronglySignedOrMissingCrl() throws Exception {
        // Setup: a forged stale CRL and a file that does not exist; under SOFT_FAIL both are merely unknown
        final TestPki.Issued impostor = TestPki.rootCa("Knobs Root");
        final Path forged = write("forged-stale.crl",
            TestPki.crl(impostor, Instant.now().minus(Duration.ofHours(3)), Instant.now().minus(Duration.ofHours(1)), new X509Certificate[0]));
        final TestPki.Issued alice = client("alice");
        final RevocationOptions options = crlSources(forged.toUri(), directory.resolve("missing.crl").toUri())
            .withStaleCrl(StaleCrlAction.REFUSE);
        // Execute
        final Verdict verdict = verify(RevocationMode.SOFT_FAIL, options, alice);
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void aStaleCrlDoesNotMatterWhenOcspAnswered() throws Exception {
        // Setup
        final TestPki.Issued alice = clientWithOcsp("alice", bed.server().ocspUrl(bed.root()));
        final RevocationOptions options = crlSources(staleCrlFile().toUri()).withStaleCrl(StaleCrlAction.REFUSE);
        // Execute
        final Verdict verdict = verify(RevocationMode.SOFT_FAIL, options, alice);
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
    }
}
