package org.igniterealtime.openfire.plugin.boshcertauth.certificate;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.MutableClock;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chain-level rules of {@link CertificateVerifier#verifyChain}, with real certificates and revocation off. */
class CertificateVerifierChainTest {

    private static TestPki.Issued root;
    private static TestPki.Issued intermediate;
    private static RevocationService revocation;

    @BeforeAll
    static void createPki() {
        root = TestPki.rootCa("Chain Root");
        intermediate = TestPki.certificate("Chain Intermediate").ca().issuedBy(root).build();
        revocation = new RevocationService();
    }

    @AfterAll
    static void closeRevocation() {
        revocation.close();
    }

    private static CertificateVerifier verifier(UnaryOperator<CertificatePolicy.Builder> settings) {
        final CertificatePolicy policy = settings.apply(CertificatePolicy.builder()
            .trust(Set.of(root.certificate())).domains(Set.of("localhost")).revocationMode(RevocationMode.OFF)).build();
        return new CertificateVerifier(policy, revocation, MutableClock.now());
    }

    private static CertificateVerifier strictVerifier() {
        return verifier(b -> b);
    }

    private static TestPki.Builder leaf(String name) {
        return TestPki.certificate(name).xmppAddr(name + "@localhost").issuedBy(intermediate);
    }

    private static void assertFailure(FailureReason reason, int index, Verdict verdict) {
        assertEquals(reason, verdict.reason(), () -> "verdict: " + verdict);
        assertEquals(index, verdict.failingIndex(), () -> "verdict: " + verdict);
    }

    @Test
    void leafViaIntermediateIsAccepted() {
        // Setup
        final TestPki.Issued alice = leaf("alice").build();
        // Execute
        final Verdict verdict = strictVerifier().verifyChain(alice.chainWithoutRoot());
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
        assertNull(verdict.jid());
        // the anchor counts too: the root, made first with the same default validity, may expire a second earlier
        final Instant earliestNotAfter = java.util.stream.Stream.concat(alice.chainWithoutRoot().stream(), java.util.stream.Stream.of(root.certificate()))
            .map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo).orElseThrow();
        assertEquals(earliestNotAfter, verdict.validUntil());
    }

    @Test
    void chainIncludingTheTrustedRootIsAccepted() {
        final TestPki.Issued alice = leaf("alice").build();
        final Verdict verdict = strictVerifier().verifyChain(alice.chain());
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void emptyChainIsNoCertificate() {
        assertFailure(FailureReason.NO_CERTIFICATE, -1, strictVerifier().verifyChain(List.of()));
    }

    @Test
    void expiredLeafIsCredentialsExpired() {
        final TestPki.Issued old = leaf("old").expired().build();
        final Verdict verdict = strictVerifier().verifyChain(old.chainWithoutRoot());
        assertFailure(FailureReason.EXPIRED, 0, verdict);
        assertEquals(SaslCondition.CREDENTIALS_EXPIRED, verdict.condition().orElseThrow());
    }

    @Test
    void expiredIntermediateIsReportedAtItsIndex() {
        final TestPki.Issued expiredCa = TestPki.certificate("Expired Intermediate").ca().issuedBy(root).expired().build();
        final TestPki.Issued bob = TestPki.certificate("bob").xmppAddr("bob@localhost").issuedBy(expiredCa).build();
        assertFailure(FailureReason.EXPIRED, 1, strictVerifier().verifyChain(bob.chainWithoutRoot()));
    }

    @Test
    void notYetValidLeafIsRefused() {
        final TestPki.Issued future = leaf("future").notYetValid().build();
        assertFailure(FailureReason.NOT_YET_VALID, 0, strictVerifier().verifyChain(future.chainWithoutRoot()));
    }

    @Test
    void expiredLeafIsAcceptedWithVerifyValidityOff() {
        final TestPki.Issued old = leaf("old").expired().build();
        final Verdict verdict = verifier(b -> b.verifyValidity(false)).verifyChain(old.chainWithoutRoot());
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void validityFollowsTheInjectedClock() {
        // Setup: a valid certificate, judged on a clock set after its notAfter (and well before the root's: with the same
        // default validity the earlier-made root could expire first, and the anchor would rightly be named instead)
        final TestPki.Issued alice = leaf("alice").validity(java.time.Instant.now().minus(java.time.Duration.ofDays(1)),
            java.time.Instant.now().plus(java.time.Duration.ofDays(30))).build();
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(root.certificate()))
            .revocationMode(RevocationMode.OFF).build();
        final MutableClock later = new MutableClock(alice.certificate().getNotAfter().toInstant().plusSeconds(1));
        // Execute
        final Verdict verdict = new CertificateVerifier(policy, revocation, later).verifyChain(alice.chainWithoutRoot());
        // Verify
        assertFailure(FailureReason.EXPIRED, 0, verdict);
    }

    @Test
    void missingIntermediateIsUntrusted() {
        final TestPki.Issued alice = leaf("alice").build();
        assertFailure(FailureReason.UNTRUSTED, 0, strictVerifier().verifyChain(List.of(alice.certificate())));
    }

    @Test
    void unknownRootIsUntrusted() {
        final TestPki.Issued otherRoot = TestPki.rootCa("Other Root");
        final TestPki.Issued mallory = TestPki.certificate("mallory").xmppAddr("mallory@localhost").issuedBy(otherRoot).build();
        final Verdict verdict = strictVerifier().verifyChain(mallory.chain());
        assertEquals(FailureReason.UNTRUSTED, verdict.reason(), verdict::toString);
    }

    @Test
    void unknownRootIsAcceptedWithVerifyRootOffWhenTheChainIsConsistent() {
        final TestPki.Issued otherRoot = TestPki.rootCa("Other Root");
        final TestPki.Issued carol = TestPki.certificate("carol").xmppAddr("carol@localhost").issuedBy(otherRoot).build();
        final Verdict verdict = verifier(b -> b.verifyRoot(false)).verifyChain(carol.chain());
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void brokenChainIsRefusedEvenWithVerifyRootOff() {
        // Setup: the leaf claims the other root as issuer, but the chain ends in a different self-signed certificate
        final TestPki.Issued otherRoot = TestPki.rootCa("Other Root");
        final TestPki.Issued carol = TestPki.certificate("carol").xmppAddr("carol@localhost").issuedBy(otherRoot).build();
        final TestPki.Issued unrelatedRoot = TestPki.rootCa("Unrelated Root");
        // Execute
        final Verdict verdict = verifier(b -> b.verifyRoot(false)).verifyChain(List.of(carol.certificate(), unrelatedRoot.certificate()));
        // Verify
        assertEquals(FailureReason.UNTRUSTED, verdict.reason(), verdict::toString);
    }

    @Test
    void unknownRootIsAcceptedWithVerifyChainOff() {
        final TestPki.Issued otherRoot = TestPki.rootCa("Other Root");
        final TestPki.Issued dave = TestPki.certificate("dave").xmppAddr("dave@localhost").issuedBy(otherRoot).build();
        final Verdict verdict = verifier(b -> b.verifyChain(false)).verifyChain(List.of(dave.certificate()));
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void verifyChainOffStillChecksTheLeafItself() {
        final TestPki.Issued caLeaf = leaf("ca-leaf").caFlagOnLeaf().build();
        assertFailure(FailureReason.CA_CERTIFICATE, 0, verifier(b -> b.verifyChain(false)).verifyChain(caLeaf.chainWithoutRoot()));
    }

    @Test
    void caCertificateAsLeafIsRefused() {
        final TestPki.Issued caLeaf = leaf("ca-leaf").caFlagOnLeaf().build();
        assertFailure(FailureReason.CA_CERTIFICATE, 0, strictVerifier().verifyChain(caLeaf.chainWithoutRoot()));
    }

    @Test
    void keyUsageWithoutDigitalSignatureIsRefused() {
        final TestPki.Issued encipherOnly = leaf("enc").keyUsage(KeyUsage.keyEncipherment).build();
        assertFailure(FailureReason.BAD_KEY_USAGE, 0, strictVerifier().verifyChain(encipherOnly.chainWithoutRoot()));
    }

    @Test
    void keyUsageWithoutDigitalSignatureIsAcceptedWhenNotRequired() {
        final TestPki.Issued encipherOnly = leaf("enc").keyUsage(KeyUsage.keyEncipherment).build();
        assertTrue(verifier(b -> b.requireDigitalSignature(false)).verifyChain(encipherOnly.chainWithoutRoot()).isSuccess());
    }

    @Test
    void missingKeyUsageIsAccepted() {
        final TestPki.Issued noUsage = leaf("nousage").keyUsage(-1).build();
        assertTrue(strictVerifier().verifyChain(noUsage.chainWithoutRoot()).isSuccess());
    }

    @Test
    void serverAuthOnlyEkuIsRefused() {
        final TestPki.Issued server = leaf("server").extendedKeyUsage(KeyPurposeId.id_kp_serverAuth).build();
        assertFailure(FailureReason.BAD_EKU, 0, strictVerifier().verifyChain(server.chainWithoutRoot()));
    }

    @Test
    void serverAuthOnlyEkuIsAcceptedWhenClientAuthIsNotRequired() {
        final TestPki.Issued server = leaf("server").extendedKeyUsage(KeyPurposeId.id_kp_serverAuth).build();
        assertTrue(verifier(b -> b.requireClientAuthEku(false)).verifyChain(server.chainWithoutRoot()).isSuccess());
    }

    @Test
    void anyExtendedKeyUsageIsAccepted() {
        final TestPki.Issued any = leaf("any").extendedKeyUsage(KeyPurposeId.anyExtendedKeyUsage).build();
        assertTrue(strictVerifier().verifyChain(any.chainWithoutRoot()).isSuccess());
    }

    @Test
    void missingEkuIsAccepted() {
        final TestPki.Issued noEku = leaf("noeku").noExtendedKeyUsage().build();
        final Verdict verdict = strictVerifier().verifyChain(noEku.chainWithoutRoot());
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void rsa1024IsRefused() {
        final TestPki.Issued weak = leaf("weak").rsa(1024).build();
        assertFailure(FailureReason.WEAK_ALGORITHM, 0, strictVerifier().verifyChain(weak.chainWithoutRoot()));
    }

    @Test
    void rsa2048IsAccepted() {
        final TestPki.Issued strong = leaf("strong").rsa(2048).build();
        assertTrue(strictVerifier().verifyChain(strong.chainWithoutRoot()).isSuccess());
    }

    @Test
    void sha1SignatureIsRefusedByDefault() {
        final TestPki.Issued sha1 = leaf("sha1").signatureAlgorithm("SHA1withECDSA").build();
        assertFailure(FailureReason.WEAK_ALGORITHM, 0, strictVerifier().verifyChain(sha1.chainWithoutRoot()));
    }

    @Test
    void sha1SignatureIsAcceptedWhenAllowed() {
        final TestPki.Issued sha1 = leaf("sha1").signatureAlgorithm("SHA1withECDSA").build();
        final Verdict verdict = verifier(b -> b.allowSha1Signatures(true)).verifyChain(sha1.chainWithoutRoot());
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void sha1SelfSignatureOfATrustedRootIsExempt() {
        // Setup: an old root signed with SHA-1, sent along by the client
        final TestPki.Issued oldRoot = TestPki.certificate("Old Root").ca().signatureAlgorithm("SHA1withECDSA").build();
        final TestPki.Issued erin = TestPki.certificate("erin").xmppAddr("erin@localhost").issuedBy(oldRoot).build();
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(oldRoot.certificate()))
            .revocationMode(RevocationMode.OFF).build();
        // Execute
        final Verdict verdict = new CertificateVerifier(policy, revocation, MutableClock.now()).verifyChain(erin.chain());
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void chainLongerThanAllowedIsRefused() {
        // Setup: root -> 4 intermediates -> leaf, i.e. 6 certificates with the root against a maximum of 5
        TestPki.Issued issuer = root;
        for (int i = 0; i < 4; i++) {
            issuer = TestPki.certificate("Level " + i).ca().issuedBy(issuer).build();
        }
        final TestPki.Issued deep = TestPki.certificate("deep").xmppAddr("deep@localhost").issuedBy(issuer).build();
        // Execute
        final Verdict verdict = strictVerifier().verifyChain(deep.chain());
        // Verify
        assertFailure(FailureReason.CHAIN_TOO_LONG, 5, verdict);
        assertTrue(strictVerifier().verifyChain(deep.chainWithoutRoot()).isSuccess(), "5 certificates are within the limit");
    }

    /** root -> "Rollover CA" -> self-issued "Rollover CA" (rollovers times) -> leaf: RFC 5280 key rollover certificates. */
    private static TestPki.Issued leafBelowKeyRollovers(String name, int rollovers) {
        TestPki.Issued issuer = TestPki.certificate("Rollover CA").ca().issuedBy(root).build();
        for (int i = 0; i < rollovers; i++) {
            issuer = TestPki.certificate("Rollover CA").ca().issuedBy(issuer).build();
        }
        return TestPki.certificate(name).xmppAddr(name + "@localhost").issuedBy(issuer).build();
    }

    @Test
    void selfIssuedIntermediatesDoNotCountTowardsTheChainLength() {
        // Setup: leaf, 2 self-issued rollover certificates, the CA they roll over, root: 5 certificates, 3 counted
        // (RFC 5280 §6.1.4 (l): self-issued certificates do not count against the path length)
        final TestPki.Issued grace = leafBelowKeyRollovers("grace", 2);
        assertEquals(5, grace.chain().size());
        // Execute
        final Verdict accepted = verifier(b -> b.maxChainLength(3)).verifyChain(grace.chain());
        final Verdict refused = verifier(b -> b.maxChainLength(2)).verifyChain(grace.chain());
        // Verify: the top of the chain (here the root) always counts, as before
        assertTrue(accepted.isSuccess(), accepted::toString);
        assertFailure(FailureReason.CHAIN_TOO_LONG, 4, refused);
    }

    @Test
    void selfIssuedCertificatesStillMeetAHardBoundOfTwiceTheLimit() {
        // Setup: 6 self-issued certificates would count nothing; hostile input must not buy unbounded PKIX work
        final TestPki.Issued heidi = leafBelowKeyRollovers("heidi", 6);
        // Execute
        final Verdict verdict = verifier(b -> b.maxChainLength(3)).verifyChain(heidi.chain());
        // Verify: 9 certificates, 3 counted, but more than 2 x 3 in all
        assertFailure(FailureReason.CHAIN_TOO_LONG, 6, verdict);
    }

    @Test
    void untrustedSelfSignedLeafIsRefused() {
        final TestPki.Issued self = TestPki.certificate("self").xmppAddr("self@localhost").build();
        assertFailure(FailureReason.SELF_SIGNED, 0, strictVerifier().verifyChain(self.chain()));
    }

    @Test
    void trustedSelfSignedLeafIsAccepted() {
        // Setup: the administrator put exactly this certificate into the truststore
        final TestPki.Issued self = TestPki.certificate("self").xmppAddr("self@localhost").build();
        final CertificatePolicy policy = CertificatePolicy.builder()
            .trust(Set.of(root.certificate(), self.certificate())).revocationMode(RevocationMode.OFF).build();
        // Execute
        final Verdict verdict = new CertificateVerifier(policy, revocation, MutableClock.now()).verifyChain(self.chain());
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void trustedSelfSignedLeafMarkedCaLikeOpensslReqX509IsAccepted() {
        // Setup: `openssl req -x509` marks its certificate CA:true; the administrator trusts exactly this one
        final TestPki.Issued self = TestPki.certificate("self").xmppAddr("self@localhost").caFlagOnLeaf().build();
        final CertificatePolicy policy = CertificatePolicy.builder()
            .trust(Set.of(self.certificate())).domains(Set.of("localhost")).revocationMode(RevocationMode.OFF).build();
        // Execute
        final Verdict verdict = new CertificateVerifier(policy, revocation, MutableClock.now()).authenticate(self.chain(), null);
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
        assertEquals("self@localhost", verdict.jid().toBareJID());
    }

    @Test
    void untrustedSelfSignedLeafMarkedCaIsRefusedEvenWithAcceptSelfSigned() {
        final TestPki.Issued self = TestPki.certificate("self").xmppAddr("self@localhost").caFlagOnLeaf().build();
        assertFailure(FailureReason.CA_CERTIFICATE, 0, verifier(b -> b.acceptSelfSigned(true)).verifyChain(self.chain()));
    }

    @Test
    void selfSignedLeafIsAcceptedWithAcceptSelfSigned() {
        final TestPki.Issued self = TestPki.certificate("self").xmppAddr("self@localhost").build();
        assertTrue(verifier(b -> b.acceptSelfSigned(true)).verifyChain(self.chain()).isSuccess());
    }

    @Test
    void forgedSignatureIsUntrusted() {
        // Setup: a leaf naming the intermediate as issuer but signed by another key with the same name
        final TestPki.Issued impostor = TestPki.certificate("Chain Intermediate").ca().issuedBy(root).build();
        final TestPki.Issued forged = TestPki.certificate("forged").xmppAddr("forged@localhost").issuedBy(impostor).build();
        final List<X509Certificate> chain = new ArrayList<>(List.of(forged.certificate(), intermediate.certificate()));
        // Execute
        final Verdict verdict = strictVerifier().verifyChain(chain);
        // Verify
        assertFailure(FailureReason.UNTRUSTED, 0, verdict);
    }

    @Test
    void nullEntryIsMalformed() {
        final TestPki.Issued alice = leaf("alice").build();
        final List<X509Certificate> chain = new ArrayList<>();
        chain.add(alice.certificate());
        chain.add(null);
        assertFailure(FailureReason.MALFORMED, 1, strictVerifier().verifyChain(chain));
    }

    @Test
    void successIsBoundedByTheEarliestNotAfterInTheChain() {
        final Instant soon = Instant.now().plus(Duration.ofDays(3));
        final TestPki.Issued shortCa = TestPki.certificate("Short Intermediate").ca().issuedBy(root)
            .validity(Instant.now().minus(Duration.ofDays(1)), soon).build();
        final TestPki.Issued frank = TestPki.certificate("frank").xmppAddr("frank@localhost").issuedBy(shortCa).build();
        final Verdict verdict = strictVerifier().verifyChain(frank.chainWithoutRoot());
        assertEquals(shortCa.certificate().getNotAfter().toInstant(), verdict.validUntil());
    }
}
