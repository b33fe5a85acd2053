package org.igniterealtime.openfire.plugin.boshcertauth.certificate;

import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.GatedRevocationFetcher;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.SimultaneousLogins;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.RevocationTestBed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verdict caching: hits, policy generations, expiry on the injected clock, short life of transient failures, single
 * flight of identical verifications and flushing (issue 13, finding 7).
 */
class VerdictCachingTest {

    private RevocationTestBed bed;

    @BeforeEach
    void start() {
        bed = RevocationTestBed.start("Cache Root");
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private CertificatePolicy policy(long generation, RevocationMode mode) {
        return CertificatePolicy.builder().generation(generation).trust(Set.of(bed.root().certificate()))
            .domains(Set.of("localhost")).revocationMode(mode).build();
    }

    private TestPki.Issued aliceWithCrl() {
        return TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(bed.root()).crlDistributionPoint(bed.server().crlUrl(bed.root())).build();
    }

    @Test
    void secondVerificationIsACacheHitAndDoesNotRecheck() {
        // Setup
        final CertificateVerifier verifier = new CertificateVerifier(policy(1, RevocationMode.HARD_FAIL), bed.revocation(), bed.clock());
        final TestPki.Issued alice = aliceWithCrl();
        final Verdict first = verifier.verifyChain(alice.chainWithoutRoot());
        bed.server().revoke(alice.certificate()); // not noticed while the cached verdict is valid
        // Execute
        final Verdict second = verifier.verifyChain(alice.chainWithoutRoot());
        // Verify
        assertTrue(first.isSuccess(), first::toString);
        assertSame(first, second);
        assertEquals(1, verifier.cacheStats().hits());
        assertEquals(1, verifier.cacheStats().misses());
        assertEquals(1, bed.server().crlRequests());
    }

    @Test
    void aNewPolicyGenerationDoesNotSeeOldVerdicts() {
        // Setup: two verifiers of successive policies sharing one cache
        final VerdictCache shared = new VerdictCache(100);
        final TestPki.Issued alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(bed.root()).build();
        final CertificateVerifier first = new CertificateVerifier(policy(1, RevocationMode.OFF), bed.revocation(), bed.clock(), shared);
        final CertificateVerifier second = new CertificateVerifier(
            policy(2, RevocationMode.OFF).toBuilder().requireClientAuthEku(true).minEcKeyBits(384).build(), bed.revocation(), bed.clock(), shared);
        assertTrue(first.verifyChain(alice.chainWithoutRoot()).isSuccess());
        // Execute
        final Verdict underNewPolicy = second.verifyChain(alice.chainWithoutRoot());
        // Verify
        assertEquals(FailureReason.WEAK_ALGORITHM, underNewPolicy.reason(), underNewPolicy::toString);
        assertEquals(0, shared.stats().hits());
        assertEquals(2, shared.stats().size());
    }

    @Test
    void successExpiresWithTheCertificate() {
        // Setup: alice expires well before the root (made a moment earlier with the same default validity, the root
        // would expire first whenever a second passed in between, and the verdict rightly names the anchor then)
        final CertificateVerifier verifier = new CertificateVerifier(policy(1, RevocationMode.OFF), bed.revocation(), bed.clock());
        final TestPki.Issued alice = TestPki.certificate("alice").xmppAddr("alice@localhost")
            .validity(java.time.Instant.now().minus(Duration.ofDays(1)), java.time.Instant.now().plus(Duration.ofDays(30)))
            .issuedBy(bed.root()).build();
        final Verdict before = verifier.verifyChain(alice.chainWithoutRoot());
        // Execute
        bed.clock().set(before.validUntil().plusSeconds(1));
        final Verdict after = verifier.verifyChain(alice.chainWithoutRoot());
        // Verify
        assertTrue(before.isSuccess(), before::toString);
        assertEquals(FailureReason.EXPIRED, after.reason(), after::toString);
        assertEquals(1, verifier.cacheStats().expirations());
    }

    @Test
    void successExpiresAtTheCrlsNextUpdate() {
        // Setup: the cached success is reused until the CRL's nextUpdate, then revocation is checked again
        bed.server().crlValidity(java.time.Instant.now().minus(Duration.ofHours(1)), java.time.Instant.now().plus(Duration.ofHours(1)));
        final CertificateVerifier verifier = new CertificateVerifier(policy(1, RevocationMode.HARD_FAIL), bed.revocation(), bed.clock());
        final TestPki.Issued alice = aliceWithCrl();
        assertTrue(verifier.verifyChain(alice.chainWithoutRoot()).isSuccess());
        bed.server().revoke(alice.certificate());
        bed.server().crlValidity(null, null);
        bed.clock().advance(Duration.ofMinutes(59));
        assertTrue(verifier.verifyChain(alice.chainWithoutRoot()).isSuccess(), "still cached");
        // Execute
        bed.clock().advance(Duration.ofMinutes(2));
        final Verdict verdict = verifier.verifyChain(alice.chainWithoutRoot());
        // Verify
        assertEquals(FailureReason.REVOKED, verdict.reason(), verdict::toString);
    }

    @Test
    void revocationUnknownIsCachedOnlyBriefly() {
        // Setup
        final CertificateVerifier verifier = new CertificateVerifier(policy(1, RevocationMode.HARD_FAIL), bed.revocation(), bed.clock());
        final TestPki.Issued alice = aliceWithCrl();
        bed.server().goDown();
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verifier.verifyChain(alice.chainWithoutRoot()).reason());
        bed.server().comeBack();
        bed.clock().advance(Duration.ofSeconds(10));
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verifier.verifyChain(alice.chainWithoutRoot()).reason(), "cached for a moment");
        // Execute
        bed.clock().advance(VerdictCache.TRANSIENT_FAILURE_LIFETIME);
        final Verdict verdict = verifier.verifyChain(alice.chainWithoutRoot());
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void identityVerdictsAreKeyedByAuthzid() {
        final CertificateVerifier verifier = new CertificateVerifier(policy(1, RevocationMode.OFF), bed.revocation(), bed.clock());
        final TestPki.Issued both = TestPki.certificate("both").xmppAddr("alice@localhost").xmppAddr("bob@localhost").issuedBy(bed.root()).build();

        final Verdict asAlice = verifier.authenticate(both.chainWithoutRoot(), "alice@localhost");
        final Verdict asBob = verifier.authenticate(both.chainWithoutRoot(), "bob@localhost");
        final Verdict asAliceAgain = verifier.authenticate(both.chainWithoutRoot(), "alice@localhost");

        assertEquals(new JID("alice@localhost"), asAlice.jid());
        assertEquals(new JID("bob@localhost"), asBob.jid());
        assertSame(asAlice, asAliceAgain);
    }

    @Test
    void cacheIsBoundedAndEvictsTheLeastRecentlyUsed() {
        // Setup
        final VerdictCache small = new VerdictCache(2);
        final CertificateVerifier verifier = new CertificateVerifier(policy(1, RevocationMode.OFF), bed.revocation(), bed.clock(), small);
        final TestPki.Issued a = TestPki.certificate("a").issuedBy(bed.root()).build();
        final TestPki.Issued b = TestPki.certificate("b").issuedBy(bed.root()).build();
        final TestPki.Issued c = TestPki.certificate("c").issuedBy(bed.root()).build();
        // Execute
        verifier.verifyChain(a.chainWithoutRoot());
        verifier.verifyChain(b.chainWithoutRoot());
        verifier.verifyChain(a.chainWithoutRoot()); // a is now the most recently used
        verifier.verifyChain(c.chainWithoutRoot()); // evicts b
        verifier.verifyChain(a.chainWithoutRoot());
        verifier.verifyChain(b.chainWithoutRoot());
        // Verify
        assertEquals(2, small.stats().size());
        assertEquals(2, small.stats().evictions());
        assertEquals(2, small.stats().hits()); // a twice; b was evicted
    }

    @Test
    void concurrentVerificationsOfOneChainAllSucceed() throws Exception {
        // Setup
        final CertificateVerifier verifier = new CertificateVerifier(policy(1, RevocationMode.HARD_FAIL), bed.revocation(), bed.clock());
        final TestPki.Issued alice = aliceWithCrl();
        final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            // Execute
            final List<java.util.concurrent.Future<Verdict>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                final String authzid = i % 2 == 0 ? null : "alice@localhost";
                results.add(pool.submit(() -> verifier.authenticate(alice.chainWithoutRoot(), authzid)));
            }
            // Verify
            for (java.util.concurrent.Future<Verdict> result : results) {
                final Verdict verdict = result.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(new JID("alice@localhost"), verdict.jid(), verdict::toString);
            }
            assertTrue(verifier.cacheStats().hits() > 0);
            assertEquals(1, bed.server().crlRequests(), "concurrent misses share one CRL download");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void simultaneousIdenticalLoginsComputeTheVerdictOnce() throws Exception {
        // Setup: one verifier (as in the plugin), its revocation requests held until all logins are under way
        final int logins = 150;
        final TestPki.Issued alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(bed.root())
            .ocspResponder(bed.server().ocspUrl(bed.root())).build();
        final VerdictCache cache = new VerdictCache(100);
        try (GatedRevocationFetcher gate = new GatedRevocationFetcher();
             RevocationService revocation = new RevocationService(gate, 100)) {
            final CertificateVerifier verifier = new CertificateVerifier(policy(1, RevocationMode.HARD_FAIL).toBuilder()
                .revocationTimeout(Duration.ofSeconds(60)).build(), revocation, bed.clock(), cache);
            // Execute
            final List<Verdict> verdicts = SimultaneousLogins.run(logins, gate, i -> verifier.authenticate(alice.chainWithoutRoot(), "alice@localhost"));
            // Verify: one validation reached the revocation service, everyone got its verdict
            verdicts.forEach(v -> assertEquals(new JID("alice@localhost"), v.jid(), v::toString));
            assertEquals(1, revocation.stats().ocspCacheMisses(), "one chain validation for all");
            assertEquals(1, bed.server().ocspRequests());
            assertEquals(logins - 1, cache.sharedEvaluations() + verifier.cacheStats().hits());
        }
    }

    @Test
    void flushingVerdictsAndRevocationCachesNoticesARevocationAtOnce() {
        // Setup: alice logged in; then her certificate is revoked, which the cached verdict and CRL do not show
        final CertificateVerifier verifier = new CertificateVerifier(policy(1, RevocationMode.HARD_FAIL), bed.revocation(), bed.clock());
        final TestPki.Issued alice = aliceWithCrl();
        assertTrue(verifier.verifyChain(alice.chainWithoutRoot()).isSuccess());
        bed.server().revoke(alice.certificate());
        assertTrue(verifier.verifyChain(alice.chainWithoutRoot()).isSuccess(), "cached");
        // Execute: what the admin page's button does
        verifier.flushVerdicts();
        bed.revocation().flush();
        final Verdict verdict = verifier.verifyChain(alice.chainWithoutRoot());
        // Verify
        assertEquals(FailureReason.REVOKED, verdict.reason(), verdict::toString);
        assertEquals(2, bed.server().crlRequests());
    }

    @Test
    void aVerdictBeingComputedDuringAFlushIsNotCached() throws Exception {
        // Setup: a login whose CRL download is under way (held at the gate) when the caches are flushed
        final TestPki.Issued alice = aliceWithCrl();
        final VerdictCache cache = new VerdictCache(100);
        try (GatedRevocationFetcher gate = new GatedRevocationFetcher();
             RevocationService revocation = new RevocationService(gate, 100)) {
            final CertificateVerifier verifier = new CertificateVerifier(policy(1, RevocationMode.HARD_FAIL).toBuilder()
                .revocationTimeout(Duration.ofSeconds(60)).build(), revocation, bed.clock(), cache);
            // Execute: the login parks at the gate; the flush happens; then the answer arrives
            final List<Verdict> during = SimultaneousLogins.run(1, gate, () -> {
                verifier.flushVerdicts();
                revocation.flush();
            }, i -> verifier.authenticate(alice.chainWithoutRoot(), null));
            // Verify: that login got its answer, but neither its verdict nor its CRL outlived the flush
            assertTrue(during.get(0).isSuccess(), during.get(0)::toString);
            assertEquals(0, cache.stats().size());
            assertEquals(0, revocation.stats().crlCacheHits());
            assertTrue(verifier.authenticate(alice.chainWithoutRoot(), null).isSuccess());
            assertEquals(2, bed.server().crlRequests(), "the CRL fetched before the flush was not kept");
        }
    }
}
