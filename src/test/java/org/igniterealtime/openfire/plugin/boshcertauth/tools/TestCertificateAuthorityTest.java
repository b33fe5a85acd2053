package org.igniterealtime.openfire.plugin.boshcertauth.tools;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.SubjectAltNameReader;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.SubjectAltNames;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class TestCertificateAuthorityTest {

    private static final char[] PASSWORD = "ca-secret".toCharArray();
    private static RevocationService revocation;
    private static TestCertificateAuthority ecCa;

    @BeforeAll
    static void setUp() throws Exception {
        revocation = new RevocationService();
        ecCa = TestCertificateAuthority.create(TestCertificateAuthority.Options.defaults());
    }

    @AfterAll
    static void tearDown() {
        revocation.close();
    }

    static Stream<Arguments> keyCombinations() {
        return Stream.of(
            Arguments.of(KeySpec.ec(), KeySpec.ec()),
            Arguments.of(KeySpec.ec(), KeySpec.rsa(2048)),
            Arguments.of(KeySpec.rsa(2048), KeySpec.ec()),
            Arguments.of(KeySpec.rsa(3072), KeySpec.rsa(2048)));
    }

    @ParameterizedTest(name = "CA {0}, user {1}")
    @MethodSource("keyCombinations")
    void issuedCertificateIsAcceptedByThePluginsVerifierAsExactlyItsJid(KeySpec caKey, KeySpec userKey) throws Exception {
        // Setup: the plugin's default (strict) policy with the test CA as the only trust anchor
        final TestCertificateAuthority ca = TestCertificateAuthority.create(TestCertificateAuthority.Options.defaults().withKey(caKey));
        final IssuedCertificate alice = ca.issue(UserCertificateRequest.of("alice@example.org").withKey(userKey));
        final CertificateVerifier verifier = new CertificateVerifier(CertificatePolicy.builder()
            .trust(Set.of(ca.certificate())).domains(Set.of("example.org")).build(), revocation, Clock.systemUTC());

        // Execute: as a browser sends it (leaf alone) and with the CA
        final Verdict leafOnly = verifier.authenticate(List.of(alice.certificate()), null);
        final Verdict fullChain = verifier.authenticate(alice.chain(), "alice@example.org");

        // Verify
        assertTrue(leafOnly.isSuccess(), leafOnly::toString);
        assertEquals("alice@example.org", leafOnly.jid().toString());
        assertTrue(fullChain.isSuccess(), fullChain::toString);
        assertEquals("alice@example.org", fullChain.jid().toString());
        assertEquals(userKey.type().name(), alice.certificate().getPublicKey().getAlgorithm());
    }

    @Test
    void issuedCertificateIsRefusedUnderAnotherCa() throws Exception {
        // Setup
        final TestCertificateAuthority other = TestCertificateAuthority.create(TestCertificateAuthority.Options.defaults());
        final IssuedCertificate alice = ecCa.issue(UserCertificateRequest.of("alice@example.org"));
        final CertificateVerifier verifier = new CertificateVerifier(CertificatePolicy.builder()
            .trust(Set.of(other.certificate())).domains(Set.of("example.org")).build(), revocation, Clock.systemUTC());

        // Execute
        final Verdict verdict = verifier.authenticate(List.of(alice.certificate()), null);

        // Verify
        assertEquals(FailureReason.UNTRUSTED, verdict.reason());
    }

    @Test
    void userCertificateHasWhatThePluginRequires() throws Exception {
        // Execute
        final IssuedCertificate bob = ecCa.issue(UserCertificateRequest.of("Bob@Example.org").withEmail("bob@example.org"));
        final X509Certificate certificate = bob.certificate();
        final SubjectAltNames names = SubjectAltNameReader.read(certificate);

        // Verify
        assertEquals(List.of("bob@example.org"), names.xmppAddrs());
        assertEquals(List.of("bob@example.org"), names.emails());
        assertTrue(certificate.getKeyUsage()[0], "digitalSignature");
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), certificate.getExtendedKeyUsage());
        assertEquals(-1, certificate.getBasicConstraints());
        assertEquals("SHA256withECDSA", certificate.getSigAlgName());
        assertTrue(certificate.getSubjectX500Principal().getName().contains("for testing"));
        assertTrue(ecCa.issued(certificate));
        assertEquals(List.of(certificate, ecCa.certificate()), bob.chain());
    }

    @Test
    void caCertificateIsACaForTesting() {
        // Execute
        final X509Certificate certificate = ecCa.certificate();

        // Verify
        assertEquals(0, certificate.getBasicConstraints());
        assertTrue(certificate.getKeyUsage()[5], "keyCertSign");
        assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
        assertTrue(certificate.getSubjectX500Principal().getName().contains("Certificate Login for Web Clients Test CA (for testing)"));
        assertTrue(certificate.getSubjectX500Principal().getName().contains("For testing only"));
    }

    @Test
    void caRoundTripsThroughItsPkcs12File(@TempDir Path dir) throws Exception {
        // Setup
        final Path file = dir.resolve("ca.p12");

        // Execute
        ecCa.save(file, PASSWORD);
        final TestCertificateAuthority loaded = TestCertificateAuthority.load(file, PASSWORD);
        final IssuedCertificate issued = loaded.issue(UserCertificateRequest.of("carol@example.org"));

        // Verify: same certificate, and the loaded key signs what the original certificate verifies
        assertEquals(ecCa.certificate(), loaded.certificate());
        assertTrue(ecCa.issued(issued.certificate()));
    }

    @Test
    void loadingWithTheWrongPasswordSaysSo(@TempDir Path dir) throws Exception {
        // Setup
        final Path file = dir.resolve("ca.p12");
        ecCa.save(file, PASSWORD);

        // Execute
        final Pkcs12.WrongPasswordException e = assertThrows(Pkcs12.WrongPasswordException.class,
            () -> TestCertificateAuthority.load(file, "wrong".toCharArray()));

        // Verify
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void aUserCertificateFileIsNotTakenForTheCa() throws Exception {
        // Setup
        final byte[] userP12 = ecCa.issue(UserCertificateRequest.of("alice@example.org")).toPkcs12(PASSWORD);

        // Execute
        final GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
            () -> TestCertificateAuthority.fromPkcs12(userP12, PASSWORD));

        // Verify
        assertTrue(e.getMessage().contains("not a CA"), e.getMessage());
    }

    @Test
    void userCertificateEndsWithItsCa() throws Exception {
        // Setup: a CA valid for ten days, asked for a user certificate of a year
        final Clock clock = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
        final TestCertificateAuthority shortCa = TestCertificateAuthority.create(
            TestCertificateAuthority.Options.defaults().withValidity(Duration.ofDays(10)), clock);

        // Execute
        final IssuedCertificate issued = shortCa.issue(UserCertificateRequest.of("alice@example.org"));

        // Verify
        assertEquals(shortCa.certificate().getNotAfter(), issued.certificate().getNotAfter());
        assertEquals(Instant.parse("2030-01-01T00:00:00Z").minus(TestCertificateAuthority.BACKDATING),
            issued.certificate().getNotBefore().toInstant());
    }

    @Test
    void requestsThatCouldNotLogInAreRefused() {
        // Verify: full JID, domain-only, no JID, unsupported key sizes
        assertThrows(IllegalArgumentException.class, () -> UserCertificateRequest.of("alice@example.org/browser"));
        assertThrows(IllegalArgumentException.class, () -> UserCertificateRequest.of("example.org"));
        assertThrows(IllegalArgumentException.class, () -> UserCertificateRequest.of(" "));
        assertThrows(IllegalArgumentException.class, () -> UserCertificateRequest.of("a b@example.org"));
        assertThrows(IllegalArgumentException.class, () -> KeySpec.rsa(1024));
        assertThrows(IllegalArgumentException.class, () -> KeySpec.parse("dsa", 2048));
    }

    @Test
    void textFormsNeverShowTheKey() throws Exception {
        // Setup
        final IssuedCertificate alice = ecCa.issue(UserCertificateRequest.of("alice@example.org").withKey(KeySpec.rsa(2048)));
        final String privateExponent = ((java.security.interfaces.RSAPrivateKey) alice.privateKey()).getPrivateExponent().toString(16);

        // Execute
        final String texts = alice + " " + ecCa + " " + Pkcs12.read(alice.toPkcs12(PASSWORD), PASSWORD);

        // Verify
        assertFalse(texts.contains(privateExponent.substring(0, 16)), texts);
        assertFalse(texts.contains("PRIVATE"), texts);
    }
}
