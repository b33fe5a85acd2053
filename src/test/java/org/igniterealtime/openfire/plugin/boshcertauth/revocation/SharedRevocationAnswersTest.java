package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestRevocationServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CRLs shared between cluster nodes (issue 17): two {@link RevocationService}s, "node A" and "node B", share one
 * in-memory {@link MapSharedRevocationAnswers} as Openfire's clustered cache would share it, against a real
 * {@link TestRevocationServer} ({@link SharedAnswersTestBed}). The cache is hostile input: what a node takes from it
 * is verified like a download.
 */
class SharedRevocationAnswersTest {

    private static final java.math.BigInteger[] NO_SERIALS = {};

    private SharedAnswersTestBed bed;

    @BeforeEach
    void start() {
        bed = SharedAnswersTestBed.crl("Shared Root");
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private X509CRL sharedCrl() throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(bed.sharedDer()));
    }

    @Test
    void nodeBUsesTheCrlNodeAFetchedWithoutAskingTheCa() {
        // Setup
        final RevocationService a = bed.node();
        final RevocationService b = bed.node();
        assertEquals(RevocationStatus.State.GOOD, bed.check(a).state());

        // Execute
        final RevocationStatus onB = bed.check(b);

        // Verify
        assertEquals(RevocationStatus.State.GOOD, onB.state(), onB::toString);
        assertEquals(1, bed.server().crlRequests());
        assertEquals(1, b.sharedAnswers());
    }

    @Test
    void aRevocationNodeALearnsAfterAFlushReachesNodeBWhichHadAnOlderCopy() {
        // Setup: B has the CRL of two hours ago (alice not revoked); the CA revokes her an hour later
        final Instant now = Instant.now();
        bed.server().crlValidity(now.minus(Duration.ofHours(2)), now.plus(Duration.ofDays(1)));
        final RevocationService a = bed.node();
        final RevocationService b = bed.node();
        assertEquals(RevocationStatus.State.GOOD, bed.check(b).state());
        bed.server().revoke(bed.alice().certificate());
        bed.server().crlValidity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
        // A's admin flushes (which clears the shared CRLs too, so that A asks the CA), A learns of the revocation
        a.flush();
        assertEquals(RevocationStatus.State.REVOKED, bed.check(a).state());

        // Execute: B's own copy is still current, but the shared one is newer
        final RevocationStatus onB = bed.check(b);

        // Verify: B knows without asking the CA
        assertEquals(RevocationStatus.State.REVOKED, onB.state(), onB::toString);
        assertEquals(2, bed.server().crlRequests());
    }

    @Test
    void aForgedCrlInTheSharedCacheIsRefusedAndTheNodeAsksTheCa() throws Exception {
        // Setup: A shared the CA's CRL; then the CA revokes alice, and the cache entry is replaced by a CRL that
        // says "nothing revoked", newer, with the CA's name but signed by another key
        final RevocationService b = bed.nodeBAfterNodeAFetched();
        bed.server().revoke(bed.alice().certificate());
        bed.replaceSharedEntry(TestPki.crl(bed.impostor(), Instant.now().minus(Duration.ofMinutes(1)), Instant.now().plus(Duration.ofDays(2)), NO_SERIALS).getEncoded());

        // Execute
        final RevocationStatus onB = bed.check(b);

        // Verify: B refused the forgery and downloaded the CA's CRL, which it shared in place of the forgery
        assertEquals(RevocationStatus.State.REVOKED, onB.state(), onB::toString);
        assertEquals(2, bed.server().crlRequests());
        assertTrue(sharedCrl().getRevokedCertificate(bed.alice().certificate()) != null);
    }

    @Test
    void aForgedSharedCrlWithTheCaUnreachableIsUnknownNeverGood() throws Exception {
        // Setup
        final RevocationService b = bed.nodeBAfterNodeAFetched();
        bed.replaceSharedEntry(TestPki.crl(bed.impostor(), Instant.now().minus(Duration.ofMinutes(1)), Instant.now().plus(Duration.ofDays(2)), NO_SERIALS).getEncoded());
        bed.server().goDown();

        // Execute
        final RevocationStatus onB = bed.check(b);

        // Verify
        assertEquals(RevocationStatus.State.UNKNOWN, onB.state(), onB::toString);
        assertEquals(2, bed.server().crlRequests());
    }

    @Test
    void aTamperedByteInTheSharedCrlMakesTheNodeAskTheCa() throws Exception {
        // Setup: one bit of the CA's own CRL flipped (its last byte is in the signature)
        final RevocationService b = bed.nodeBAfterNodeAFetched();
        bed.server().revoke(bed.alice().certificate());
        bed.flipLastByteOfSharedEntry();

        // Execute
        final RevocationStatus onB = bed.check(b);

        // Verify
        assertEquals(RevocationStatus.State.REVOKED, onB.state(), onB::toString);
        assertEquals(2, bed.server().crlRequests());
    }

    @Test
    void aValueThatIsNoAnswerAtAllMakesTheNodeAskTheCa() {
        // Setup
        final RevocationService b = bed.nodeBAfterNodeAFetched();
        bed.server().revoke(bed.alice().certificate());
        bed.replaceSharedEntryWithJunk();

        // Execute
        final RevocationStatus onB = bed.check(b);

        // Verify
        assertEquals(RevocationStatus.State.REVOKED, onB.state(), onB::toString);
        assertEquals(2, bed.server().crlRequests());
    }

    @Test
    void aSharedCrlPastItsNextUpdateAtTheNodesInstantIsNotUsed() {
        // Setup: A shares a CRL good for one more hour; B checks two hours later (its clock)
        final Instant now = Instant.now();
        bed.server().crlValidity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)));
        final RevocationService a = bed.node();
        final RevocationService b = bed.node();
        bed.check(a, now);
        bed.server().crlValidity(now.plus(Duration.ofMinutes(90)), now.plus(Duration.ofDays(1)));

        // Execute
        final RevocationStatus onB = bed.check(b, now.plus(Duration.ofHours(2)));

        // Verify: B downloaded a current one
        assertEquals(RevocationStatus.State.GOOD, onB.state(), onB::toString);
        assertEquals(2, bed.server().crlRequests());
    }

    @Test
    void anOlderDownloadNeverReplacesANewerSharedCrl() throws Exception {
        // Setup: the CA's current CRL (an hour old) revokes alice. Node B's download is slow and brings an older
        // copy (two hours old, a stale mirror); while it is under way, node A downloads the current one and shares it.
        final Instant now = Instant.now();
        bed.server().revoke(bed.alice().certificate());
        bed.server().crlValidity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
        final byte[] older = TestPki.crl(bed.root(), now.minus(Duration.ofHours(2)), now.plus(Duration.ofDays(1)), NO_SERIALS).getEncoded();
        final RevocationService a = bed.node();
        final RevocationService b = bed.node(new RevocationFetcher() {
            @Override
            public byte[] get(URI uri, long maxBytes, Duration timeout) {
                assertEquals(RevocationStatus.State.REVOKED, bed.check(a).state()); // A, meanwhile
                return older;
            }

            @Override
            public byte[] post(URI uri, String contentType, byte[] body, long maxBytes, Duration timeout) throws IOException {
                throw new IOException("no OCSP here");
            }
        });

        // Execute
        final RevocationStatus onB = bed.check(b);

        // Verify: B used the newer shared CRL, and the cache still holds it
        assertEquals(RevocationStatus.State.REVOKED, onB.state(), onB::toString);
        assertEquals(now.minus(Duration.ofHours(1)).getEpochSecond(), sharedCrl().getThisUpdate().toInstant().getEpochSecond());
        // and a third node takes the newer one without asking the CA
        assertEquals(RevocationStatus.State.REVOKED, bed.check(bed.node()).state());
        assertEquals(1, bed.server().crlRequests());
    }

    @Test
    void anOlderSharedCrlDoesNotReplaceANodesNewerCopy() throws Exception {
        // Setup: B has the current CRL (revoked); the shared entry is replaced by an older, correctly signed one
        final Instant now = Instant.now();
        bed.server().revoke(bed.alice().certificate());
        bed.server().crlValidity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
        final RevocationService b = bed.node();
        assertEquals(RevocationStatus.State.REVOKED, bed.check(b).state());
        bed.replaceSharedEntry(TestPki.crl(bed.root(), now.minus(Duration.ofHours(2)), now.plus(Duration.ofDays(1)), NO_SERIALS).getEncoded());

        // Execute
        final RevocationStatus onB = bed.check(b);

        // Verify
        assertEquals(RevocationStatus.State.REVOKED, onB.state(), onB::toString);
        assertEquals(1, bed.server().crlRequests());
    }

    @Test
    void aCrlOverTheSizeCapIsNotSharedAndEachNodeFetchesItsOwn() {
        // Setup: a cache that takes nothing bigger than 100 bytes
        bed.capAnswersAt(100);
        final RevocationService a = bed.node();
        final RevocationService b = bed.node();

        // Execute
        bed.check(a);
        final RevocationStatus onB = bed.check(b);

        // Verify
        assertEquals(RevocationStatus.State.GOOD, onB.state(), onB::toString);
        assertEquals(2, bed.server().crlRequests());
        assertEquals(0, bed.shared().size());
    }

    @Test
    void theCacheHoldsAtMostItsEntryCapAndStillReplacesExistingKeys() {
        // Setup
        final MapSharedRevocationAnswers answers = MapSharedRevocationAnswers.inMemory(2, 1024);
        final SharedRevocationAnswers.Answer answer = new SharedRevocationAnswers.Answer(new byte[] {1}, Instant.now());

        // Execute
        final boolean first = answers.put("one", answer);
        final boolean second = answers.put("two", answer);
        final boolean third = answers.put("three", answer);
        final boolean replaced = answers.put("one", new SharedRevocationAnswers.Answer(new byte[] {2}, Instant.now()));

        // Verify
        assertTrue(first && second && replaced);
        assertFalse(third);
        assertEquals(Set.of("one", "two"), answers.map().keySet());
        assertEquals(2, answers.get("one").orElseThrow().der()[0]);
    }

    @Test
    void onlyJdkTypesGoIntoTheCache() {
        // Setup
        final RevocationService a = bed.node();

        // Execute
        bed.check(a);

        // Verify: String keys and byte[] values (what a Hazelcast member of another class loader can read)
        for (Map.Entry<String, byte[]> entry : bed.shared().map().entrySet()) {
            assertEquals(String.class, ((Object) entry.getKey()).getClass());
            assertEquals(byte[].class, ((Object) entry.getValue()).getClass());
        }
        assertEquals(1, bed.shared().size());
    }

    @Test
    void aSharedDeltaCrlForAPlaceNeverReplacesTheCompleteCrlCachedForIt() throws Exception {
        // Setup: review2 L2. Node B has the root's complete CRL of two hours ago for its place. Bob's certificate names
        // the same place as its freshestCRL too, and the shared map holds a (root-signed, newer) delta CRL for it.
        final Instant now = Instant.now();
        bed.server().crlValidity(now.minus(Duration.ofHours(2)), now.plus(Duration.ofDays(1)));
        final RevocationService b = bed.node();
        assertEquals(RevocationStatus.State.GOOD, bed.check(b).state());
        final String completeKey = bed.onlyKey();
        final TestPki.Issued bob = TestPki.certificate("bob").xmppAddr("bob@localhost").issuedBy(bed.root())
            .crlDistributionPoint(bed.server().crlUrl(bed.root()))
            .extension(org.bouncycastle.asn1.x509.Extension.freshestCRL, false, new org.bouncycastle.asn1.x509.CRLDistPoint(
                new org.bouncycastle.asn1.x509.DistributionPoint[] {new org.bouncycastle.asn1.x509.DistributionPoint(
                    new org.bouncycastle.asn1.x509.DistributionPointName(new org.bouncycastle.asn1.x509.GeneralNames(
                        new org.bouncycastle.asn1.x509.GeneralName(org.bouncycastle.asn1.x509.GeneralName.uniformResourceIdentifier,
                            bed.server().crlUrl(bed.root())))), null, null)}))
            .build();
        final org.bouncycastle.cert.X509v2CRLBuilder delta = new org.bouncycastle.cert.X509v2CRLBuilder(
            org.bouncycastle.asn1.x500.X500Name.getInstance(bed.root().certificate().getSubjectX500Principal().getEncoded()),
            java.util.Date.from(now.minus(Duration.ofHours(1))));
        delta.setNextUpdate(java.util.Date.from(now.plus(Duration.ofDays(1))));
        delta.addExtension(org.bouncycastle.asn1.x509.Extension.cRLNumber, false, new org.bouncycastle.asn1.ASN1Integer(2));
        delta.addExtension(org.bouncycastle.asn1.x509.Extension.deltaCRLIndicator, true, new org.bouncycastle.asn1.ASN1Integer(1));
        final byte[] deltaDer = delta.build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("EC".equals(bed.root().privateKey().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA")
            .build(bed.root().privateKey())).getEncoded();
        bed.shared().map().put(completeKey.replaceFirst("^crl\\|complete\\|", "crl|delta|"),
            new SharedRevocationAnswers.Answer(deltaDer, now).encode());
        // bob's check asks node B for the delta CRL of the place whose complete CRL it has cached
        b.check(bob.certificate(), bed.root().certificate(), bed.policy(false), now, RevocationDeadline.after(Duration.ofSeconds(10)));

        // Execute
        final RevocationStatus alicesStatus = bed.check(b);

        // Verify: alice's complete CRL is still the complete one (not "a delta CRL, used only with its complete CRL")
        assertEquals(RevocationStatus.State.GOOD, alicesStatus.state(), alicesStatus::toString);
    }

    @Test
    void anOlderStillCurrentCrlPutBackAfterAFlushIsNeverUsed() throws Exception {
        // Setup: review2 M2. Node A shares the CRL of two hours ago (alice not revoked); it is kept by an attacker who
        // can write the cluster cache. The CA revokes alice; node B learns it from a newer CRL.
        final Instant now = Instant.now();
        bed.server().crlValidity(now.minus(Duration.ofHours(2)), now.plus(Duration.ofDays(1)));
        final RevocationService a = bed.node();
        assertEquals(RevocationStatus.State.GOOD, bed.check(a).state());
        final String key = bed.onlyKey();
        final byte[] older = sharedCrl().getEncoded();
        bed.server().revoke(bed.alice().certificate());
        bed.server().crlValidity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
        final RevocationService b = bed.node();
        b.flush();
        assertEquals(RevocationStatus.State.REVOKED, bed.check(b).state());
        // B's admin flushes (clearing the cluster cache), the attacker puts the older CRL back, the CA is unreachable
        b.flush();
        bed.shared().map().put(key, new SharedRevocationAnswers.Answer(older, now).encode());
        bed.server().goDown();

        // Execute
        final RevocationStatus onB = bed.check(b);

        // Verify: never "good" from the older CRL (B never goes below what it saw, also after a flush)
        assertFalse(onB.state() == RevocationStatus.State.GOOD, onB::toString);
    }
}
