package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz targets for the certificate identity path (corpus in {@code .../SubjectAltNameFuzzTestInputs/<method>/}).
 * Invariants: reading the subjectAltName ends in a result or {@link MalformedSubjectAltNameException}, nothing else;
 * the verifier (revocation OFF, so no network) always answers with a verdict, and never INTERNAL_ERROR — that verdict
 * is how it reports an unexpected exception.
 */
class SubjectAltNameFuzzTest {

    private static final KeyPair KEY = TestPki.ecKey("secp256r1");
    private static final Instant NOW = Instant.now();
    private static final CertificatePolicy POLICY = CertificatePolicy.builder()
        .trust(Set.of(TestPki.rootCa("Fuzz Root").certificate())).domains(Set.of("localhost", "example.org"))
        .revocationMode(RevocationMode.OFF).emailFallback(true).commonNameFallback(true)
        // every identity source, so that hostile input reaches every reader (the UPN otherName, the DN regex, aliases)
        .identitySources(java.util.List.of(IdentitySource.values()))
        .subjectDnPattern(SubjectDnPattern.compile("^CN=([^,+]+)"))
        .domainAliases(DomainAliases.parse("corp.example.org=example.org")).build();

    /** Signs nothing: the parsers under test never check the signature, and real signing would slow fuzzing down. */
    private static final ContentSigner UNSIGNED = new ContentSigner() {
        @Override public AlgorithmIdentifier getAlgorithmIdentifier() { return new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256); }
        @Override public OutputStream getOutputStream() { return OutputStream.nullOutputStream(); }
        @Override public byte[] getSignature() { return new byte[] { 0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01 }; }
    };

    /** A JDK certificate whose subjectAltName extension value (the GeneralNames DER) is exactly {@code extensionValue}. */
    static X509Certificate withSubjectAltName(byte[] extensionValue) throws Exception {
        final X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=fuzz"), BigInteger.ONE,
            Date.from(NOW.minus(Duration.ofDays(1))), Date.from(NOW.plus(Duration.ofDays(1))), new X500Name("CN=fuzz"), KEY.getPublic());
        builder.addExtension(new Extension(Extension.subjectAlternativeName, false, extensionValue));
        return parse(builder.build(UNSIGNED).getEncoded());
    }

    private static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            return null;   // the JDK refuses it: JSSE would never hand it to us
        }
    }

    /** Arbitrary bytes as the subjectAltName extension of an otherwise ordinary certificate. */
    @FuzzTest(maxDuration = "2m")
    void subjectAltNameExtension(byte[] extensionValue) throws Exception {
        final X509Certificate certificate = withSubjectAltName(extensionValue);
        if (certificate == null) {
            return;
        }
        readAndExtract(certificate);
    }

    /** Arbitrary bytes as a whole certificate: what the JDK accepts goes through extraction and every chain rule. */
    @FuzzTest(maxDuration = "2m")
    void certificate(byte[] der) {
        final X509Certificate certificate = parse(der);
        if (certificate == null) {
            return;
        }
        readAndExtract(certificate);
        final CertificateVerifier verifier = new CertificateVerifier(POLICY, new RevocationService(), Clock.systemUTC());
        for (Verdict verdict : List.of(verifier.verifyChain(List.of(certificate)), verifier.authenticate(List.of(certificate), null),
                verifier.authenticate(List.of(certificate), "alice@localhost"))) {
            assertNotNull(verdict);
            assertNotEquals(FailureReason.INTERNAL_ERROR, verdict.reason(), verdict::toString);
        }
    }

    private static void readAndExtract(X509Certificate certificate) {
        try {
            final SubjectAltNames names = SubjectAltNameReader.read(certificate);
            names.xmppAddrs().forEach(a -> assertTrue(a.length() <= SubjectAltNameReader.MAX_JID_BYTES && a.indexOf('\0') < 0));
        } catch (MalformedSubjectAltNameException expected) {
            // documented outcome
        }
        try {
            final CertificateIdentities identities = new IdentityExtractor(POLICY).extract(certificate);
            identities.local().forEach(jid -> assertTrue(jid.getNode() != null && jid.getResource() == null, jid::toString));
        } catch (MalformedSubjectAltNameException expected) {
            // documented outcome
        }
    }
}
