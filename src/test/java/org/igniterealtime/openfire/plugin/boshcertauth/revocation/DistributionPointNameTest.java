package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A partitioned CRL (issuingDistributionPoint) applies to the certificates whose distribution point it names, by a
 * name of any type (RFC 5280 §6.3.3 (b)(2)(i)): directory names too, as PKITS 4.14 and X.500-style CAs use them.
 */
class DistributionPointNameTest {

    private static final GeneralName PARTITION = new GeneralName(new X500Name("CN=CRL1,O=boshcertauth tests"));
    private static final GeneralName OTHER_PARTITION = new GeneralName(new X500Name("CN=CRL2,O=boshcertauth tests"));
    private final TestPki.Issued ca = TestPki.rootCa("Partitioned Root");
    private final TestPki.Issued alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(ca)
        .extension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
            new DistributionPoint(new DistributionPointName(new GeneralNames(PARTITION)), null, null)}))
        .build();
    private final RevocationService revocation = new RevocationService();
    @TempDir
    Path directory;

    @AfterEach
    void close() {
        revocation.close();
    }

    private Verdict verifyWithCrlFor(GeneralName partition) throws Exception {
        final X509v2CRLBuilder builder = new X509v2CRLBuilder(
            X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), Date.from(Instant.now().minus(Duration.ofHours(1))));
        builder.setNextUpdate(Date.from(Instant.now().plus(Duration.ofDays(1))));
        builder.addExtension(Extension.issuingDistributionPoint, true,
            new IssuingDistributionPoint(new DistributionPointName(new GeneralNames(partition)), false, false));
        builder.addCRLEntry(alice.certificate().getSerialNumber(), new Date(), CRLReason.keyCompromise);
        final Path file = directory.resolve("partition.crl");
        Files.write(file, new JcaX509CRLConverter().getCRL(builder.build(
            new JcaContentSignerBuilder("SHA256withECDSA").build(ca.privateKey()))).getEncoded());
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(ca.certificate()))
            .domains(Set.of("localhost")).revocationMode(RevocationMode.HARD_FAIL)
            .revocationOptions(RevocationOptions.DEFAULTS.withCrlSources(List.of(file.toUri()))).build();
        return new CertificateVerifier(policy, revocation, Clock.systemUTC()).verifyChain(alice.chainWithoutRoot());
    }

    @Test
    void theCrlOfTheCertificatesDirectoryNamedPartitionIsUsed() throws Exception {
        // Execute
        final Verdict verdict = verifyWithCrlFor(PARTITION);
        // Verify: before, only URI names were compared, so this CRL "did not apply" and the status was unknown
        assertEquals(FailureReason.REVOKED, verdict.reason(), verdict::toString);
    }

    @Test
    void theCrlOfAnotherPartitionIsNot() throws Exception {
        // Execute
        final Verdict verdict = verifyWithCrlFor(OTHER_PARTITION);
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
    }
}
