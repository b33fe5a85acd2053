package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

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
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Who may sign a CRL (RFC 5280 §6.3.3 (f)): after a key rollover a CA signs its CRL with one key while its newer
 * certificates name another; a CRL signed by a certificate of the CA validated on the same path counts (NIST PKITS
 * 4.5.1, 4.6.15, ...), one signed by a same-named certificate that is not on the path does not.
 */
class CrlSignerTest {

    private static final String CA_DN = "CN=Rollover CA,O=boshcertauth tests";
    private final TestPki.Issued root = TestPki.rootCa("Rollover Root");
    /** The CA's first key, certified by the root. */
    private final TestPki.Issued oldKey = TestPki.certificate("old").subject(CA_DN).ca().issuedBy(root).build();
    /** The CA's new key, certified by its old one (a self-issued certificate, as in a rollover). */
    private final TestPki.Issued newKey = TestPki.certificate("new").subject(CA_DN).ca().issuedBy(oldKey).build();
    private final TestPki.Issued alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(newKey).build();
    private final RevocationService revocation = new RevocationService();
    @TempDir
    Path directory;

    @AfterEach
    void close() {
        revocation.close();
    }

    private Verdict verify(X509CRL... crls) throws Exception {
        final List<java.net.URI> sources = new java.util.ArrayList<>();
        for (int i = 0; i < crls.length; i++) {
            final Path file = directory.resolve("crl" + i + ".crl");
            Files.write(file, crls[i].getEncoded());
            sources.add(file.toUri());
        }
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(root.certificate()))
            .domains(Set.of("localhost")).revocationMode(RevocationMode.HARD_FAIL)
            .revocationOptions(RevocationOptions.DEFAULTS.withCrlSources(sources)).build();
        return new CertificateVerifier(policy, revocation, Clock.systemUTC()).verifyChain(alice.chainWithoutRoot());
    }

    private static X509CRL crl(TestPki.Issued signer, X509Certificate... revoked) {
        return TestPki.crl(signer, Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)), revoked);
    }

    @Test
    void aCrlSignedWithTheCasOtherKeyOnThePathCounts() throws Exception {
        // Setup: the CA keeps signing CRLs with its old key; the root's CRL and the old key's own CRL are clean
        final X509CRL caCrl = crl(oldKey, alice.certificate());
        // Execute
        final Verdict verdict = verify(crl(root), caCrl);
        // Verify: before, this CRL was "not signed by the certificate's issuer", so alice's revocation was unknown
        assertEquals(FailureReason.REVOKED, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
    }

    @Test
    void aCrlSignedByASameNamedCertificateOffThePathIsNotBelieved() throws Exception {
        // Setup: an impostor with the CA's name, under another root, publishes a clean CRL for that name; the CA's
        // genuine CRL is missing
        final TestPki.Issued otherRoot = TestPki.rootCa("Other Root");
        final TestPki.Issued impostor = TestPki.certificate("impostor").subject(CA_DN).ca().issuedBy(otherRoot).build();
        // Execute
        final Verdict verdict = verify(crl(root), crl(impostor));
        // Verify: nothing genuine speaks for the CA's certificates (the first below the old key is the new key's)
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertEquals(1, verdict.failingIndex(), verdict::toString);
    }
}
