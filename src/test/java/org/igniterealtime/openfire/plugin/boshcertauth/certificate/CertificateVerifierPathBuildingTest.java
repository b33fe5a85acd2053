package org.igniterealtime.openfire.plugin.boshcertauth.certificate;

import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.MutableClock;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The path is built from what the client presented plus the truststore (issue 14 item 2; RFC 8446 §4.4.2: any order,
 * extraneous certificates ignored), and only the certificates on it are judged. Each of these chains was refused
 * before, although TLS itself accepted it.
 */
class CertificateVerifierPathBuildingTest {

    private static TestPki.Issued root;
    private static TestPki.Issued intermediate;
    private static RevocationService revocation;

    @BeforeAll
    static void createPki() {
        root = TestPki.rootCa("Building Root");
        intermediate = TestPki.certificate("Building Intermediate").ca().issuedBy(root).build();
        revocation = new RevocationService();
    }

    @AfterAll
    static void closeRevocation() {
        revocation.close();
    }

    private static CertificateVerifier verifier(Set<TestPki.Issued> trusted, UnaryOperator<CertificatePolicy.Builder> settings) {
        final CertificatePolicy policy = settings.apply(CertificatePolicy.builder()
            .trust(trusted.stream().map(TestPki.Issued::certificate).collect(Collectors.toSet()))
            .domains(Set.of("localhost")).revocationMode(RevocationMode.OFF)).build();
        return new CertificateVerifier(policy, revocation, MutableClock.now());
    }

    private static Verdict verify(Set<TestPki.Issued> trusted, X509Certificate... chain) {
        return verifier(trusted, b -> b).verifyChain(List.of(chain));
    }

    private static TestPki.Issued alice() {
        return TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(intermediate).build();
    }

    @Test
    void trustedIntermediateFollowedByItsRootIsAccepted() {
        // Setup: only the intermediate is trusted; the client also sends the root, which has expired
        final TestPki.Issued expiredRoot = TestPki.certificate("Expired Building Root").ca().expired().build();
        final TestPki.Issued trustedIntermediate = TestPki.certificate("Trusted Intermediate").ca().issuedBy(expiredRoot).build();
        final TestPki.Issued bob = TestPki.certificate("bob").xmppAddr("bob@localhost").issuedBy(trustedIntermediate).build();
        // Execute
        final Verdict verdict = verify(Set.of(trustedIntermediate), bob.chain().toArray(new X509Certificate[0]));
        // Verify: the path ends at the trusted intermediate; the root beyond it is not judged
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void expiredCrossSignedCertificateSentAfterTheTrustedRootIsIgnored() {
        // Setup: the cross-sign pattern. The new root (trusted, self-signed) was cross-signed by an old root; the
        // client still sends that expired cross certificate, after the new root
        final TestPki.Issued oldRoot = TestPki.rootCa("Old Root");
        final TestPki.Issued crossSigned = TestPki.certificate("Building Root").ca().key(root.keyPair()).issuedBy(oldRoot)
            .expired().build();
        final TestPki.Issued alice = alice();
        // Execute
        final Verdict afterTheRoot = verify(Set.of(root), alice.certificate(), intermediate.certificate(), root.certificate(),
            crossSigned.certificate());
        final Verdict insteadOfTheRoot = verify(Set.of(root), alice.certificate(), intermediate.certificate(),
            crossSigned.certificate());
        // Verify
        assertTrue(afterTheRoot.isSuccess(), afterTheRoot::toString);
        assertTrue(insteadOfTheRoot.isSuccess(), insteadOfTheRoot::toString);
    }

    @Test
    void unrelatedExtraCertificatesAreIgnored() {
        // Setup: the client's bundle also holds an expired, unrelated CA and a certificate of someone else
        final TestPki.Issued unrelatedCa = TestPki.certificate("Unrelated CA").ca().expired().build();
        final TestPki.Issued stranger = TestPki.certificate("stranger").xmppAddr("stranger@localhost").issuedBy(unrelatedCa).build();
        final TestPki.Issued alice = alice();
        // Execute
        final Verdict verdict = verify(Set.of(root), alice.certificate(), unrelatedCa.certificate(), stranger.certificate(),
            intermediate.certificate());
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void certificatesInReversedOrderAreAccepted() {
        // Setup: leaf, root, second intermediate, first intermediate (the leaf's issuer comes last)
        final TestPki.Issued second = TestPki.certificate("Second Intermediate").ca().issuedBy(intermediate).build();
        final TestPki.Issued carol = TestPki.certificate("carol").xmppAddr("carol@localhost").issuedBy(second).build();
        // Execute
        final Verdict verdict = verify(Set.of(root), carol.certificate(), root.certificate(), intermediate.certificate(),
            second.certificate());
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void theShortestPathComesFirst() {
        // Setup: the intermediate is trusted too, and the client sends the whole chain
        final CertificationPathBuilder builder = new CertificationPathBuilder(
            Set.of(root.certificate(), intermediate.certificate()), 10);
        final TestPki.Issued alice = alice();
        // Execute
        final List<List<X509Certificate>> paths = builder.build(alice.chain());
        final Verdict verdict = verifier(Set.of(root, intermediate), b -> b).verifyChain(alice.chain());
        // Verify: the path ending at the trusted intermediate first; the one through it to the root is not built,
        // as a trusted certificate the client sends ends a path
        assertEquals(List.of(List.of(alice.certificate(), intermediate.certificate())), paths);
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void aLongerValidPathIsUsedWhenTheShortestFails() {
        // Setup: two trusted certificates named as the intermediate's issuer with the same key: one expired (the
        // path through it fails), one valid
        final TestPki.Issued expiredTwin = TestPki.certificate("Building Root").ca().key(root.keyPair()).expired().build();
        final TestPki.Issued alice = alice();
        // Execute
        final Verdict verdict = verify(Set.of(expiredTwin, root), alice.certificate(), intermediate.certificate());
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void certificatesOnTheBuiltPathAreStillJudged() {
        // Setup: the leaf's real issuer has expired; a valid certificate of another CA with the same name but another
        // key is sent too and must not stand in for it
        final TestPki.Issued expiredIntermediate = TestPki.certificate("Lapsed Intermediate").ca().issuedBy(root).expired().build();
        final TestPki.Issued impostor = TestPki.certificate("Lapsed Intermediate").ca().issuedBy(root).build();
        final TestPki.Issued dave = TestPki.certificate("dave").xmppAddr("dave@localhost").issuedBy(expiredIntermediate).build();
        // Execute
        final Verdict verdict = verify(Set.of(root), dave.certificate(), impostor.certificate(), expiredIntermediate.certificate());
        // Verify: refused at the lapsed intermediate, index 1 of the path built, which the detail shows
        assertEquals(FailureReason.EXPIRED, verdict.reason(), verdict::toString);
        assertEquals(1, verdict.failingIndex(), verdict::toString);
        assertTrue(verdict.detail().contains("on the path built"), verdict::toString);
    }

    @Test
    void withoutAnyPathToATrustedCertificateTheChainIsJudgedAsPresented() {
        final TestPki.Issued otherRoot = TestPki.rootCa("Other Root");
        final Verdict verdict = verify(Set.of(otherRoot), alice().chainWithoutRoot().toArray(new X509Certificate[0]));
        assertEquals(FailureReason.UNTRUSTED, verdict.reason(), verdict::toString);
        assertTrue(!verdict.detail().contains("on the path built"), verdict::toString);
    }

    @Test
    void manyUselessCertificatesWithTheIssuersNameCostBoundedWork() {
        // Setup: up to the chain length limit, certificates that all carry the intermediate's name but were not
        // issued for its key; plus the real intermediate last
        final List<X509Certificate> chain = new ArrayList<>();
        final TestPki.Issued alice = alice();
        chain.add(alice.certificate());
        for (int i = 0; i < 8; i++) {
            chain.add(TestPki.certificate("Building Intermediate").ca().issuedBy(root).build().certificate());
        }
        chain.add(intermediate.certificate());
        // Execute
        final Verdict verdict = verifier(Set.of(root), b -> b).verifyChain(chain);
        // Verify: the real path is found among the decoys
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void hostileCertificatesThatAllSignEachOtherEndTheSearch() {
        // Setup: an attacker's own key signs its leaf and nine CA certificates that all carry the same name and key,
        // so each verifies every other: without bounds, every ordering of them would be a partial path (9! of them)
        final java.security.KeyPair attackerKey = TestPki.ecKey("secp256r1");
        final TestPki.Issued attackerCa = TestPki.certificate("Loop CA").ca().key(attackerKey).build();
        final List<X509Certificate> chain = new ArrayList<>();
        chain.add(TestPki.certificate("eve").xmppAddr("eve@localhost").issuedBy(attackerCa).build().certificate());
        for (int i = 0; i < 9; i++) {
            chain.add(TestPki.certificate("Loop CA").ca().key(attackerKey).issuedBy(attackerCa).build().certificate());
        }
        final CertificationPathBuilder builder = new CertificationPathBuilder(Set.of(root.certificate()), 10);
        // Execute
        final List<List<X509Certificate>> paths = builder.build(chain);
        final Verdict verdict = verifier(Set.of(root), b -> b).verifyChain(chain);
        // Verify: nothing leads to a trusted certificate, and the verdict says so
        assertTrue(paths.isEmpty());
        assertEquals(FailureReason.UNTRUSTED, verdict.reason(), verdict::toString);
    }

    @Test
    void builderReturnsAtMostItsCapOfPathsShortestFirst() {
        // Setup: five trusted twins of the root (same name and key): five complete paths of the same length
        final List<TestPki.Issued> twins = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            twins.add(TestPki.certificate("Building Root").ca().key(root.keyPair()).build());
        }
        final CertificationPathBuilder builder = new CertificationPathBuilder(
            twins.stream().map(TestPki.Issued::certificate).collect(Collectors.toSet()), 10);
        // Execute
        final List<List<X509Certificate>> paths = builder.build(List.of(alice().certificate(), intermediate.certificate()));
        // Verify
        assertEquals(CertificationPathBuilder.MAX_PATHS, paths.size());
        paths.forEach(path -> assertEquals(3, path.size()));
    }
}
