package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestRevocationServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OCSP answers shared between cluster nodes (issue 17): two {@link RevocationService}s, "node A" and "node B", share
 * one in-memory {@link MapSharedRevocationAnswers}, against a real {@link TestRevocationServer} OCSP responder. What a
 * node takes from the cache is verified like an answer it has just received; answers to requests with a nonce are
 * never shared.
 */
class SharedOcspAnswersTest {

    private static final int MAX_ENTRIES = 10;
    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final TestPki.Issued root = TestPki.rootCa("Shared OCSP Root");
    private final TestPki.Issued impostor = TestPki.rootCa("Shared OCSP Root"); // same name, another key
    private TestRevocationServer server;
    private MapSharedRevocationAnswers shared;
    private final List<RevocationService> nodes = new ArrayList<>();
    private TestPki.Issued alice;
    private CertificatePolicy policy;

    @BeforeEach
    void start() {
        server = TestRevocationServer.start();
        shared = MapSharedRevocationAnswers.inMemory(MAX_ENTRIES, MAX_ANSWER_BYTES);
        // OCSP only: no CRL distribution point, so every answer below comes from OCSP
        alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(root)
            .ocspResponder(server.ocspUrl(root)).build();
        policy = policy(false);
    }

    @AfterEach
    void stop() {
        nodes.forEach(RevocationService::close);
        server.close();
    }

    private CertificatePolicy policy(boolean nonce) {
        return CertificatePolicy.builder().trust(Set.of(root.certificate())).domains(Set.of("localhost"))
            .revocationMode(RevocationMode.HARD_FAIL).ocspNonce(nonce).build();
    }

    private RevocationService node() {
        return node(new HttpRevocationFetcher(Duration.ofSeconds(10)));
    }

    private RevocationService node(RevocationFetcher fetcher) {
        final RevocationService node = new RevocationService(fetcher, RevocationService.DEFAULT_CACHE_ENTRIES, shared);
        nodes.add(node);
        return node;
    }

    private RevocationStatus check(RevocationService node, Instant at) {
        return node.check(alice.certificate(), root.certificate(), policy, at, RevocationDeadline.after(Duration.ofSeconds(10)));
    }

    private RevocationStatus check(RevocationService node) {
        return check(node, Instant.now());
    }

    private String onlyKey() {
        assertEquals(1, shared.map().size(), shared.map().keySet()::toString);
        return shared.map().keySet().iterator().next();
    }

    private byte[] sharedDer() {
        return SharedRevocationAnswers.Answer.decode(shared.map().get(onlyKey())).orElseThrow().der();
    }

    private void replaceSharedEntry(byte[] der) {
        shared.map().put(onlyKey(), new SharedRevocationAnswers.Answer(der, Instant.now()).encode());
    }

    /** An OCSP answer about alice, signed with {@code signer}'s key. */
    private byte[] answer(TestPki.Issued signer, CertificateStatus status, Instant thisUpdate, Instant nextUpdate) throws Exception {
        final CertificateID id = OcspClient.certificateId(alice.certificate(), root.certificate());
        final JcaBasicOCSPRespBuilder builder = new JcaBasicOCSPRespBuilder(signer.certificate().getPublicKey(),
            new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1));
        builder.addResponse(id, status, Date.from(thisUpdate), Date.from(nextUpdate), null);
        final BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder(
            "EC".equals(signer.privateKey().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA").build(signer.privateKey()), null, Date.from(thisUpdate));
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }

    @Test
    void nodeBUsesTheAnswerNodeAFetchedWithoutAskingTheResponder() throws Exception {
        // Setup
        final RevocationService a = node();
        final RevocationService b = node();
        assertEquals(RevocationStatus.State.GOOD, check(a).state());

        // Execute
        final RevocationStatus onB = check(b);

        // Verify
        assertEquals(RevocationStatus.State.GOOD, onB.state(), onB::toString);
        assertEquals(1, server.ocspRequests());
        final String key = onlyKey();
        assertTrue(key.startsWith("ocsp:" + server.ocspUrl(root) + ' '), key);
        assertEquals(byte[].class, ((Object) shared.map().get(key)).getClass());
    }

    @Test
    void aRevokedAnswerIsSharedToo() {
        // Setup
        server.revoke(alice.certificate());
        final RevocationService a = node();
        final RevocationService b = node();
        assertEquals(RevocationStatus.State.REVOKED, check(a).state());

        // Execute
        final RevocationStatus onB = check(b);

        // Verify
        assertEquals(RevocationStatus.State.REVOKED, onB.state(), onB::toString);
        assertEquals(1, server.ocspRequests());
    }

    @Test
    void aForgedSharedAnswerIsRefusedAndTheNodeAsksTheResponder() throws Exception {
        // Setup: A shared GOOD; the CA revokes alice; the entry is replaced by a newer GOOD signed by another key
        // with the CA's name (and the CA's CertID)
        final RevocationService a = node();
        final RevocationService b = node();
        check(a);
        server.revoke(alice.certificate());
        replaceSharedEntry(answer(impostor, CertificateStatus.GOOD, Instant.now(), Instant.now().plus(Duration.ofDays(2))));

        // Execute
        final RevocationStatus onB = check(b);

        // Verify: B asked the responder, and shared its answer in place of the forgery
        assertEquals(RevocationStatus.State.REVOKED, onB.state(), onB::toString);
        assertEquals(2, server.ocspRequests());
        final SingleResp single = ((BasicOCSPResp) new OCSPResp(sharedDer()).getResponseObject()).getResponses()[0];
        assertInstanceOf(RevokedStatus.class, single.getCertStatus());
    }

    @Test
    void aForgedSharedAnswerWithTheResponderDownIsUnknownNeverGood() throws Exception {
        // Setup
        final RevocationService a = node();
        final RevocationService b = node();
        check(a);
        replaceSharedEntry(answer(impostor, CertificateStatus.GOOD, Instant.now(), Instant.now().plus(Duration.ofDays(2))));
        server.goDown();

        // Execute
        final RevocationStatus onB = check(b);

        // Verify
        assertEquals(RevocationStatus.State.UNKNOWN, onB.state(), onB::toString);
        assertEquals(2, server.ocspRequests());
    }

    @Test
    void aTamperedByteInTheSharedAnswerMakesTheNodeAskTheResponder() {
        // Setup: one bit of the responder's own answer flipped (its last byte is in the signature)
        final RevocationService a = node();
        final RevocationService b = node();
        check(a);
        server.revoke(alice.certificate());
        final byte[] der = sharedDer();
        der[der.length - 1] ^= 0x01;
        replaceSharedEntry(der);

        // Execute
        final RevocationStatus onB = check(b);

        // Verify
        assertEquals(RevocationStatus.State.REVOKED, onB.state(), onB::toString);
        assertEquals(2, server.ocspRequests());
    }

    @Test
    void aValueThatIsNoAnswerAtAllMakesTheNodeAskTheResponder() {
        // Setup
        final RevocationService a = node();
        final RevocationService b = node();
        check(a);
        server.revoke(alice.certificate());
        shared.map().put(onlyKey(), new byte[] {1, 2, 3});

        // Execute
        final RevocationStatus onB = check(b);

        // Verify
        assertEquals(RevocationStatus.State.REVOKED, onB.state(), onB::toString);
        assertEquals(2, server.ocspRequests());
    }

    @Test
    void aSharedAnswerPastItsNextUpdateAtTheNodesInstantIsNotUsed() {
        // Setup: A shares an answer good for one more hour; B checks two hours later (its clock)
        final Instant now = Instant.now();
        server.ocspLifetime(Duration.ofHours(1));
        final RevocationService a = node();
        final RevocationService b = node();
        check(a, now);
        server.ocspLifetime(Duration.ofDays(1));
        server.revoke(alice.certificate());

        // Execute
        final RevocationStatus onB = check(b, now.plus(Duration.ofHours(2)));

        // Verify: B asked the responder
        assertEquals(RevocationStatus.State.REVOKED, onB.state(), onB::toString);
        assertEquals(2, server.ocspRequests());
    }

    @Test
    void anOlderAnswerNeverReplacesANewerSharedOne() throws Exception {
        // Setup: the responder's current answer revokes alice. Node B's request is slow and brings an older,
        // correctly signed GOOD (two hours old, a stale pre-signed copy); meanwhile node A fetches the current one.
        final Instant now = Instant.now();
        server.revoke(alice.certificate());
        final byte[] older = answer(root, CertificateStatus.GOOD, now.minus(Duration.ofHours(2)), now.plus(Duration.ofDays(1)));
        final RevocationService a = node();
        final RevocationService b = node(new RevocationFetcher() {
            @Override
            public byte[] get(URI uri, long maxBytes, Duration timeout) throws IOException {
                throw new IOException("no CRL here");
            }

            @Override
            public byte[] post(URI uri, String contentType, byte[] body, long maxBytes, Duration timeout) {
                assertEquals(RevocationStatus.State.REVOKED, check(a).state()); // A, meanwhile
                return older;
            }
        });

        // Execute
        final RevocationStatus onB = check(b);

        // Verify: B used the newer shared answer, the cache still holds it, and a third node takes it
        assertEquals(RevocationStatus.State.REVOKED, onB.state(), onB::toString);
        final SingleResp single = ((BasicOCSPResp) new OCSPResp(sharedDer()).getResponseObject()).getResponses()[0];
        assertInstanceOf(RevokedStatus.class, single.getCertStatus());
        assertEquals(RevocationStatus.State.REVOKED, check(node()).state());
        assertEquals(1, server.ocspRequests());
    }

    @Test
    void withNoncesNothingIsShared() {
        // Setup
        policy = policy(true);
        final RevocationService a = node();
        final RevocationService b = node();
        assertEquals(RevocationStatus.State.GOOD, check(a).state());

        // Execute
        final RevocationStatus onB = check(b);

        // Verify: each node asked the responder with its own nonce; the cache holds nothing
        assertEquals(RevocationStatus.State.GOOD, onB.state(), onB::toString);
        assertEquals(2, server.ocspRequests());
        assertEquals(0, shared.size());
    }

    @Test
    void aFlushClearsTheSharedAnswersAndTheNodeAsksAgain() {
        // Setup
        final RevocationService a = node();
        final RevocationService b = node();
        check(a);
        server.revoke(alice.certificate());

        // Execute
        b.flush();
        final RevocationStatus onB = check(b);

        // Verify
        assertEquals(RevocationStatus.State.REVOKED, onB.state(), onB::toString);
        assertEquals(2, server.ocspRequests());
    }
}
