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
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestRevocationServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OCSP answers shared between cluster nodes (issue 17): two {@link RevocationService}s, "node A" and "node B", share
 * one in-memory {@link MapSharedRevocationAnswers}, against a real {@link TestRevocationServer} OCSP responder
 * ({@link SharedAnswersTestBed}). What a
 * node takes from the cache is verified like an answer it has just received; answers to requests with a nonce are
 * never shared.
 */
class SharedOcspAnswersTest {

    private SharedAnswersTestBed bed;

    @BeforeEach
    void start() {
        bed = SharedAnswersTestBed.ocsp("Shared OCSP Root");
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    /** An OCSP answer about alice, signed with {@code signer}'s key. */
    private byte[] answer(TestPki.Issued signer, CertificateStatus status, Instant thisUpdate, Instant nextUpdate) throws Exception {
        final CertificateID id = OcspClient.certificateId(bed.alice().certificate(), bed.root().certificate());
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
        final RevocationService a = bed.node();
        final RevocationService b = bed.node();
        assertEquals(RevocationStatus.State.GOOD, bed.check(a).state());

        // Execute
        final RevocationStatus onB = bed.check(b);

        // Verify
        assertEquals(RevocationStatus.State.GOOD, onB.state(), onB::toString);
        assertEquals(1, bed.server().ocspRequests());
        final String key = bed.onlyKey();
        assertTrue(key.startsWith("ocsp:" + bed.server().ocspUrl(bed.root()) + ' '), key);
        assertEquals(byte[].class, ((Object) bed.shared().map().get(key)).getClass());
    }

    @Test
    void aRevokedAnswerIsSharedToo() {
        // Setup
        bed.server().revoke(bed.alice().certificate());
        final RevocationService a = bed.node();
        final RevocationService b = bed.node();
        assertEquals(RevocationStatus.State.REVOKED, bed.check(a).state());

        // Execute
        final RevocationStatus onB = bed.check(b);

        // Verify
        assertEquals(RevocationStatus.State.REVOKED, onB.state(), onB::toString);
        assertEquals(1, bed.server().ocspRequests());
    }

    @Test
    void aForgedSharedAnswerIsRefusedAndTheNodeAsksTheResponder() throws Exception {
        // Setup: A shared GOOD; the CA revokes alice; the entry is replaced by a newer GOOD signed by another key
        // with the CA's name (and the CA's CertID)
        final RevocationService b = bed.nodeBAfterNodeAFetched();
        bed.server().revoke(bed.alice().certificate());
        bed.replaceSharedEntry(answer(bed.impostor(), CertificateStatus.GOOD, Instant.now(), Instant.now().plus(Duration.ofDays(2))));

        // Execute
        final RevocationStatus onB = bed.check(b);

        // Verify: B asked the responder, and shared its answer in place of the forgery
        assertEquals(RevocationStatus.State.REVOKED, onB.state(), onB::toString);
        assertEquals(2, bed.server().ocspRequests());
        final SingleResp single = ((BasicOCSPResp) new OCSPResp(bed.sharedDer()).getResponseObject()).getResponses()[0];
        assertInstanceOf(RevokedStatus.class, single.getCertStatus());
    }

    @Test
    void aForgedSharedAnswerWithTheResponderDownIsUnknownNeverGood() throws Exception {
        // Setup
        final RevocationService b = bed.nodeBAfterNodeAFetched();
        bed.replaceSharedEntry(answer(bed.impostor(), CertificateStatus.GOOD, Instant.now(), Instant.now().plus(Duration.ofDays(2))));
        bed.server().goDown();

        // Execute
        final RevocationStatus onB = bed.check(b);

        // Verify
        assertEquals(RevocationStatus.State.UNKNOWN, onB.state(), onB::toString);
        assertEquals(2, bed.server().ocspRequests());
    }

    @Test
    void aTamperedByteInTheSharedAnswerMakesTheNodeAskTheResponder() {
        // Setup: one bit of the responder's own answer flipped (its last byte is in the signature)
        final RevocationService b = bed.nodeBAfterNodeAFetched();
        bed.server().revoke(bed.alice().certificate());
        bed.flipLastByteOfSharedEntry();

        // Execute
        final RevocationStatus onB = bed.check(b);

        // Verify
        assertEquals(RevocationStatus.State.REVOKED, onB.state(), onB::toString);
        assertEquals(2, bed.server().ocspRequests());
    }

    @Test
    void aValueThatIsNoAnswerAtAllMakesTheNodeAskTheResponder() {
        // Setup
        final RevocationService b = bed.nodeBAfterNodeAFetched();
        bed.server().revoke(bed.alice().certificate());
        bed.replaceSharedEntryWithJunk();

        // Execute
        final RevocationStatus onB = bed.check(b);

        // Verify
        assertEquals(RevocationStatus.State.REVOKED, onB.state(), onB::toString);
        assertEquals(2, bed.server().ocspRequests());
    }

    @Test
    void aSharedAnswerPastItsNextUpdateAtTheNodesInstantIsNotUsed() {
        // Setup: A shares an answer good for one more hour; B checks two hours later (its clock)
        final Instant now = Instant.now();
        bed.server().ocspLifetime(Duration.ofHours(1));
        final RevocationService a = bed.node();
        final RevocationService b = bed.node();
        bed.check(a, now);
        bed.server().ocspLifetime(Duration.ofDays(1));
        bed.server().revoke(bed.alice().certificate());

        // Execute
        final RevocationStatus onB = bed.check(b, now.plus(Duration.ofHours(2)));

        // Verify: B asked the responder
        assertEquals(RevocationStatus.State.REVOKED, onB.state(), onB::toString);
        assertEquals(2, bed.server().ocspRequests());
    }

    @Test
    void anOlderAnswerNeverReplacesANewerSharedOne() throws Exception {
        // Setup: the responder's current answer revokes alice. Node B's request is slow and brings an older,
        // correctly signed GOOD (two hours old, a stale pre-signed copy); meanwhile node A fetches the current one.
        final Instant now = Instant.now();
        bed.server().revoke(bed.alice().certificate());
        final byte[] older = answer(bed.root(), CertificateStatus.GOOD, now.minus(Duration.ofHours(2)), now.plus(Duration.ofDays(1)));
        final RevocationService a = bed.node();
        final RevocationService b = bed.node(new RevocationFetcher() {
            @Override
            public byte[] get(URI uri, long maxBytes, Duration timeout) throws IOException {
                throw new IOException("no CRL here");
            }

            @Override
            public byte[] post(URI uri, String contentType, byte[] body, long maxBytes, Duration timeout) {
                assertEquals(RevocationStatus.State.REVOKED, bed.check(a).state()); // A, meanwhile
                return older;
            }
        });

        // Execute
        final RevocationStatus onB = bed.check(b);

        // Verify: B used the newer shared answer, the cache still holds it, and a third node takes it
        assertEquals(RevocationStatus.State.REVOKED, onB.state(), onB::toString);
        final SingleResp single = ((BasicOCSPResp) new OCSPResp(bed.sharedDer()).getResponseObject()).getResponses()[0];
        assertInstanceOf(RevokedStatus.class, single.getCertStatus());
        assertEquals(RevocationStatus.State.REVOKED, bed.check(bed.node()).state());
        assertEquals(1, bed.server().ocspRequests());
    }

    @Test
    void withNoncesNothingIsShared() {
        // Setup
        bed.usePolicy(bed.policy(true));
        final RevocationService a = bed.node();
        final RevocationService b = bed.node();
        assertEquals(RevocationStatus.State.GOOD, bed.check(a).state());

        // Execute
        final RevocationStatus onB = bed.check(b);

        // Verify: each node asked the responder with its own nonce; the cache holds nothing
        assertEquals(RevocationStatus.State.GOOD, onB.state(), onB::toString);
        assertEquals(2, bed.server().ocspRequests());
        assertEquals(0, bed.shared().size());
    }

    @Test
    void aFlushClearsTheSharedAnswersAndTheNodeAsksAgain() {
        // Setup
        final RevocationService b = bed.nodeBAfterNodeAFetched();
        bed.server().revoke(bed.alice().certificate());

        // Execute
        b.flush();
        final RevocationStatus onB = bed.check(b);

        // Verify
        assertEquals(RevocationStatus.State.REVOKED, onB.state(), onB::toString);
        assertEquals(2, bed.server().ocspRequests());
    }
}
