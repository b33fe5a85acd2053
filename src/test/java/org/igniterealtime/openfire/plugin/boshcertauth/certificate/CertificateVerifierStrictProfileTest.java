package org.igniterealtime.openfire.plugin.boshcertauth.certificate;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.DERSequence;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.MutableClock;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code boshcertauth.certificate.strict-profile} (issue 14 item 4): RFC 5280 profile MUSTs that path validation does
 * not enforce. Each certificate here is accepted by default and refused with the setting on.
 */
class CertificateVerifierStrictProfileTest {

    private static TestPki.Issued root;
    private static TestPki.Issued intermediate;
    private static RevocationService revocation;

    @BeforeAll
    static void createPki() {
        root = TestPki.rootCa("Profile Root");
        intermediate = TestPki.certificate("Profile Intermediate").ca().issuedBy(root).build();
        revocation = new RevocationService();
    }

    @AfterAll
    static void closeRevocation() {
        revocation.close();
    }

    private static Verdict verify(boolean strict, List<X509Certificate> chain) {
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(root.certificate()))
            .domains(Set.of("localhost")).revocationMode(RevocationMode.OFF).strictProfile(strict).build();
        return new CertificateVerifier(policy, revocation, MutableClock.now()).verifyChain(chain);
    }

    private static TestPki.Builder leaf(String name) {
        return TestPki.certificate(name).xmppAddr(name + "@localhost").issuedBy(intermediate);
    }

    private static void assertOnlyStrictRefuses(int index, String detail, List<X509Certificate> chain) {
        final Verdict lenient = verify(false, chain);
        final Verdict strict = verify(true, chain);
        assertTrue(lenient.isSuccess(), lenient::toString);
        assertEquals(FailureReason.PROFILE_VIOLATION, strict.reason(), strict::toString);
        assertEquals(index, strict.failingIndex(), strict::toString);
        assertTrue(strict.detail().contains(detail), strict::toString);
    }

    @Test
    void conformingChainIsAcceptedInStrictMode() {
        final Verdict verdict = verify(true, leaf("alice").build().chainWithoutRoot());
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void serialNumberZeroIsRefused() {
        assertOnlyStrictRefuses(0, "not positive", leaf("zero").serial(BigInteger.ZERO).build().chainWithoutRoot());
    }

    @Test
    void serialNumberOfMoreThanTwentyOctetsIsRefused() {
        // 21 content octets: 2^160 needs a leading zero octet after 20 value octets
        final BigInteger tooLong = BigInteger.ONE.shiftLeft(160);
        assertOnlyStrictRefuses(0, "20 octets", leaf("long").serial(tooLong).build().chainWithoutRoot());
        // exactly 20 octets is fine
        final Verdict twenty = verify(true, leaf("twenty").serial(BigInteger.ONE.shiftLeft(150)).build().chainWithoutRoot());
        assertTrue(twenty.isSuccess(), twenty::toString);
    }

    @Test
    void intermediateWithoutKeyIdentifiersIsRefused() {
        final TestPki.Issued bare = TestPki.certificate("Bare Intermediate").ca().issuedBy(root).omitKeyIdentifiers().build();
        final TestPki.Issued bob = TestPki.certificate("bob").xmppAddr("bob@localhost").issuedBy(bare).build();
        assertOnlyStrictRefuses(1, "subjectKeyIdentifier", bob.chainWithoutRoot());
    }

    @Test
    void leafWithoutAuthorityKeyIdentifierIsRefused() {
        assertOnlyStrictRefuses(0, "authorityKeyIdentifier", leaf("carol").omitKeyIdentifiers().build().chainWithoutRoot());
    }

    @Test
    void endEntityWithKeyCertSignIsRefused() {
        final TestPki.Issued dave = leaf("dave").keyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign).build();
        assertOnlyStrictRefuses(0, "keyCertSign", dave.chainWithoutRoot());
    }

    @Test
    void nameConstraintsInAnEndEntityAreRefused() {
        final NameConstraints constraints = new NameConstraints(
            new GeneralSubtree[] { new GeneralSubtree(new GeneralName(GeneralName.dNSName, "example.org")) }, null);
        final TestPki.Issued erin = leaf("erin").extension(Extension.nameConstraints, false, constraints).build();
        assertOnlyStrictRefuses(0, "nameConstraints in a certificate that is not a CA", erin.chainWithoutRoot());
    }

    @Test
    void emptyNameConstraintsInACaAreRefused() {
        final TestPki.Issued empty = TestPki.certificate("Empty Constraints Intermediate").ca().issuedBy(root)
            .extension(Extension.nameConstraints, true, new DERSequence()).build();
        final TestPki.Issued frank = TestPki.certificate("frank").xmppAddr("frank@localhost").issuedBy(empty).build();
        assertOnlyStrictRefuses(1, "empty nameConstraints", frank.chainWithoutRoot());
    }
}
