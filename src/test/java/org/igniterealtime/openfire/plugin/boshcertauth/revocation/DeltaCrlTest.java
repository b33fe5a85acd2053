package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
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

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delta CRLs (RFC 5280 §5.2.4, §6.3.3 (c)): a certificate revoked after the CA's last complete CRL is listed only in
 * its delta CRL, so a validator that reads the complete CRL alone lets it in until the next complete CRL (NIST PKITS
 * 4.15.4 found this). Real CRLs signed at test time, given as configured CRL files.
 */
class DeltaCrlTest {

    private static final Instant NOW = Instant.now();
    private final TestPki.Issued ca = TestPki.rootCa("Delta Root");
    private final TestPki.Issued alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(ca).build();
    private final RevocationService revocation = new RevocationService();
    @TempDir
    Path directory;

    @AfterEach
    void close() {
        revocation.close();
    }

    /** A CRL of {@code ca} numbered {@code number}; a delta of {@code base} when that is not null. */
    private X509CRL crl(long number, Long base, List<String> freshest, Map<BigInteger, Integer> entries) throws Exception {
        final X509v2CRLBuilder builder = new X509v2CRLBuilder(
            X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), Date.from(NOW.minus(Duration.ofHours(1))));
        builder.setNextUpdate(Date.from(NOW.plus(Duration.ofDays(1))));
        builder.addExtension(Extension.cRLNumber, false, new ASN1Integer(number));
        if (base != null) {
            builder.addExtension(Extension.deltaCRLIndicator, true, new ASN1Integer(base));
        }
        if (!freshest.isEmpty()) {
            final List<DistributionPoint> points = new ArrayList<>();
            for (String uri : freshest) {
                points.add(new DistributionPoint(new DistributionPointName(
                    new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri))), null, null));
            }
            builder.addExtension(Extension.freshestCRL, false, new CRLDistPoint(points.toArray(new DistributionPoint[0])));
        }
        entries.forEach((serial, reason) -> builder.addCRLEntry(serial, Date.from(NOW.minus(Duration.ofMinutes(30))), reason));
        return new JcaX509CRLConverter().getCRL(builder.build(signer(ca)));
    }

    private static org.bouncycastle.operator.ContentSigner signer(TestPki.Issued issuer) throws Exception {
        return new JcaContentSignerBuilder("EC".equals(issuer.privateKey().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA")
            .build(issuer.privateKey());
    }

    private URI write(String name, X509CRL crl) throws Exception {
        final Path file = directory.resolve(name);
        Files.write(file, crl.getEncoded());
        return file.toUri();
    }

    private Verdict verify(URI... sources) {
        return verify(RevocationMode.HARD_FAIL, sources);
    }

    private Verdict verify(RevocationMode mode, URI... sources) {
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(ca.certificate()))
            .domains(Set.of("localhost")).revocationMode(mode)
            .revocationOptions(RevocationOptions.DEFAULTS.withCrlSources(List.of(sources))).build();
        return new CertificateVerifier(policy, revocation, Clock.systemUTC()).verifyChain(alice.chainWithoutRoot());
    }

    private BigInteger serial() {
        return alice.certificate().getSerialNumber();
    }

    @Test
    void aCertificateRevokedOnlyInTheDeltaCrlIsRevoked() throws Exception {
        // Setup: the complete CRL predates the revocation; its delta lists it
        final URI complete = write("complete.crl", crl(10, null, List.of(), Map.of()));
        final URI delta = write("delta.crl", crl(11, 10L, List.of(), Map.of(serial(), CRLReason.keyCompromise)));
        // Execute
        final Verdict verdict = verify(complete, delta);
        // Verify
        assertEquals(FailureReason.REVOKED, verdict.reason(), verdict::toString);
    }

    @Test
    void removeFromCrlInTheDeltaLiftsAHoldOfTheCompleteCrl() throws Exception {
        // Setup
        final URI complete = write("complete.crl", crl(10, null, List.of(), Map.of(serial(), CRLReason.certificateHold)));
        final URI delta = write("delta.crl", crl(11, 10L, List.of(), Map.of(serial(), CRLReason.removeFromCRL)));
        // Execute
        final Verdict onHold = verify(complete);
        revocation.flush();
        final Verdict released = verify(complete, delta);
        // Verify
        assertEquals(FailureReason.REVOKED, onHold.reason(), onHold::toString);
        assertTrue(released.isSuccess(), released::toString);
    }

    @Test
    void aDeltaOfANewerCompleteCrlIsNotApplied() throws Exception {
        // Setup: the delta updates complete CRL 12, but we hold 10 (RFC 5280: base CRL number <= complete CRL number)
        final URI complete = write("complete.crl", crl(10, null, List.of(), Map.of()));
        final URI delta = write("delta.crl", crl(13, 12L, List.of(), Map.of(serial(), CRLReason.removeFromCRL)));
        final URI revokingDelta = write("revoking.crl", crl(13, 12L, List.of(), Map.of(serial(), CRLReason.keyCompromise)));
        // Execute
        final Verdict withRemoval = verify(complete, delta);
        revocation.flush();
        final Verdict withRevocation = verify(complete, revokingDelta);
        // Verify: neither delta counts; the complete CRL says not revoked
        assertTrue(withRemoval.isSuccess(), withRemoval::toString);
        assertTrue(withRevocation.isSuccess(), withRevocation::toString);
    }

    @Test
    void aDeltaCrlAloneDecidesNothing() throws Exception {
        // Setup
        final URI delta = write("delta.crl", crl(11, 10L, List.of(), Map.of()));
        // Execute
        final Verdict verdict = verify(delta);
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertTrue(verdict.detail().contains("delta CRL"), verdict::toString);
    }

    @Test
    void aCompleteCrlWhoseAnnouncedDeltaCannotBeHadLeavesTheStatusUnknown() throws Exception {
        // Setup: the CA publishes deltas (freshestCRL) at a place nobody answers
        final URI complete = write("complete.crl", crl(10, null, List.of("http://127.0.0.1:1/delta.crl"), Map.of()));
        // Execute
        final Verdict verdict = verify(complete);
        // Verify: revocations since the complete CRL are unknown, so HARD_FAIL refuses
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertTrue(verdict.detail().contains("freshestCRL"), verdict::toString);
    }

    @Test
    void aCertificateRevokedInTheCompleteCrlStaysRevokedWhenItsDeltaCannotBeHad() throws Exception {
        // Setup: the complete CRL revokes alice and announces a delta at a place nobody answers (blocked, or an outage)
        final URI complete = write("complete.crl", crl(10, null, List.of("http://127.0.0.1:1/delta.crl"),
            Map.of(serial(), CRLReason.keyCompromise)));
        // Execute: SOFT_FAIL, the default, lets an unknown status through
        final Verdict verdict = verify(RevocationMode.SOFT_FAIL, complete);
        // Verify: before, the missing delta made the status unknown and the revoked certificate logged in
        assertEquals(FailureReason.REVOKED, verdict.reason(), verdict::toString);
    }

    @Test
    void aHoldOfTheCompleteCrlCountsWhenNoDeltaLiftsIt() throws Exception {
        // Setup
        final URI complete = write("complete.crl", crl(10, null, List.of("http://127.0.0.1:1/delta.crl"),
            Map.of(serial(), CRLReason.certificateHold)));
        // Execute
        final Verdict verdict = verify(RevocationMode.SOFT_FAIL, complete);
        // Verify
        assertEquals(FailureReason.REVOKED, verdict.reason(), verdict::toString);
    }

    @Test
    void aDeltaSignedBySomeoneElseIsNotBelieved() throws Exception {
        // Setup: another CA with the same name signs a "delta" that lifts nothing but revokes nothing either: it must
        // simply not count, so the hold of the genuine complete CRL stands
        final TestPki.Issued impostor = TestPki.rootCa("Delta Root");
        final X509v2CRLBuilder builder = new X509v2CRLBuilder(
            X500Name.getInstance(impostor.certificate().getSubjectX500Principal().getEncoded()), Date.from(NOW.minus(Duration.ofHours(1))));
        builder.setNextUpdate(Date.from(NOW.plus(Duration.ofDays(1))));
        builder.addExtension(Extension.cRLNumber, false, new ASN1Integer(11));
        builder.addExtension(Extension.deltaCRLIndicator, true, new ASN1Integer(10));
        builder.addCRLEntry(serial(), Date.from(NOW), CRLReason.removeFromCRL);
        final X509CRL forged = new JcaX509CRLConverter().getCRL(builder.build(signer(impostor)));
        final URI complete = write("complete.crl", crl(10, null, List.of(), Map.of(serial(), CRLReason.certificateHold)));
        final URI delta = write("forged.crl", forged);
        // Execute
        final Verdict verdict = verify(complete, delta);
        // Verify
        assertEquals(FailureReason.REVOKED, verdict.reason(), verdict::toString);
    }

    @Test
    void aFileNamedByACertificateIsNeverRead() throws Exception {
        // Setup: a distribution point "file:" in a certificate (only the administrator's sources are files); the file
        // holds a valid CRL revoking the certificate, so reading it would show as REVOKED
        final TestPki.Issued bob = TestPki.certificate("bob").xmppAddr("bob@localhost").issuedBy(ca).build();
        final Path file = directory.resolve("local.crl");
        Files.write(file, crl(10, null, List.of(), Map.of(bob.certificate().getSerialNumber(), CRLReason.keyCompromise)).getEncoded());
        final TestPki.Issued carol = TestPki.certificate("carol").xmppAddr("carol@localhost").issuedBy(ca)
            .crlDistributionPoint(file.toUri().toString()).build();
        Files.write(file, crl(10, null, List.of(), Map.of(carol.certificate().getSerialNumber(), CRLReason.keyCompromise)).getEncoded());
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(ca.certificate()))
            .domains(Set.of("localhost")).revocationMode(RevocationMode.HARD_FAIL).build();
        // Execute
        final Verdict verdict = new CertificateVerifier(policy, revocation, Clock.systemUTC()).verifyChain(carol.chainWithoutRoot());
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
    }
}
