package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.Test;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Review finding (review2): the CRL signer candidates are the first {@link CrlSigners#MAX_CANDIDATES} pool
 * certificates with the CRL issuer's name, before any signature check, and the pool lists the client's certificates
 * first. A client presenting eight self-made certificates with that name pushes the real (trusted) CRL signer out:
 * the CRL is "not signed", the status unknown, and under SOFT_FAIL (the default) a revoked certificate is accepted.
 */
class CrlSignerCandidateFloodTest {

    @Test
    void clientSuppliedLookAlikesDoNotHideTheTrustedCrlSigner() {
        // Setup: the CA's separate CRL-signing certificate (trusted), and a CRL it signed in the CA's name
        final TestPki.Issued root = TestPki.certificate("Root").ca().build();
        final TestPki.Issued realSigner = TestPki.certificate("Corp CA").keyUsage(KeyUsage.cRLSign).noExtendedKeyUsage().issuedBy(root).build();
        final Instant now = Instant.now();
        final X509CRL crl = TestPki.crl(realSigner, now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(1)), new java.math.BigInteger[0]);
        // the attacker's presented certificates come first in the pool: eight self-signed look-alikes with cRLSign
        final List<X509Certificate> pool = new ArrayList<>();
        for (int i = 0; i < CrlSigners.MAX_CANDIDATES; i++) {
            pool.add(TestPki.certificate("Corp CA").keyUsage(KeyUsage.cRLSign).noExtendedKeyUsage().build().certificate());
        }
        pool.add(realSigner.certificate());
        final CrlSigners signers = new CrlSigners(pool, root.certificate(), path -> Optional.empty(), new CrlSigners.Verifications(false), null);

        // Execute
        final List<X509Certificate> candidates = signers.candidates(crl);

        // Verify: the certificate that really signed the CRL is still tried
        assertTrue(candidates.contains(realSigner.certificate()), "the real CRL signer was pushed out by " + candidates.size() + " look-alikes");
    }
}
