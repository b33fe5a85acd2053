package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestRevocationServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The version stamp of a shared CRL (last read of the change: {@code SharedCrls.newerThan} read the whole shared
 * CRL, up to 1 MiB from Hazelcast, at every local cache hit): a node with its own current copy reads only the small
 * stamp beside the shared CRL, and the CRL itself only when the stamp says it is newer; what it then reads is verified
 * before use as always. Two nodes on one counting map, a real {@link TestRevocationServer} ({@link SharedAnswersTestBed}).
 */
class SharedCrlStampTest {

    private static final BigInteger[] NO_SERIALS = {};
    /** Reads of shared CRLs themselves (not of their stamps). */
    private final AtomicInteger crlReads = new AtomicInteger();
    private final Map<String, byte[]> map = new ConcurrentHashMap<>() {
        @Override
        public byte[] get(Object key) {
            if (key.toString().startsWith("crl|")) {
                crlReads.incrementAndGet();
            }
            return super.get(key);
        }
    };
    private SharedAnswersTestBed bed;

    @BeforeEach
    void start() {
        bed = SharedAnswersTestBed.crl("Stamp Root", map);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private String crlKey() {
        final List<String> keys = map.keySet().stream().filter(key -> key.startsWith("crl|")).toList();
        assertEquals(1, keys.size(), keys::toString);
        return keys.get(0);
    }

    @Test
    void aNodeWithItsOwnCurrentCopyReadsOnlyTheStampWhileTheSharedCrlIsNotNewer() {
        // Setup: A downloads and shares; B takes it (one read of the CRL)
        final RevocationService a = bed.node();
        final RevocationService b = bed.node();
        assertEquals(RevocationStatus.State.GOOD, bed.check(a).state());
        assertEquals(RevocationStatus.State.GOOD, bed.check(b).state());
        final int readsAfterTaking = crlReads.get();

        // Execute: ten more checks on each node, all local cache hits
        for (int i = 0; i < 10; i++) {
            assertEquals(RevocationStatus.State.GOOD, bed.check(a).state());
            assertEquals(RevocationStatus.State.GOOD, bed.check(b).state());
        }

        // Verify: the shared CRL itself was not read again; the CA was asked once
        assertEquals(readsAfterTaking, crlReads.get());
        assertEquals(1, bed.server().crlRequests());
    }

    @Test
    void aNewerStampMakesTheNodeReadVerifyAndTakeTheNewerCrl() {
        // Setup: B has the CRL of two hours ago; the CA revokes alice; A flushes and shares the newer CRL
        final Instant now = Instant.now();
        bed.server().crlValidity(now.minus(Duration.ofHours(2)), now.plus(Duration.ofDays(1)));
        final RevocationService a = bed.node();
        final RevocationService b = bed.node();
        assertEquals(RevocationStatus.State.GOOD, bed.check(b).state());
        bed.server().revoke(bed.alice().certificate());
        bed.server().crlValidity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
        a.flush();
        assertEquals(RevocationStatus.State.REVOKED, bed.check(a).state());
        final int readsBefore = crlReads.get();

        // Execute
        final RevocationStatus onB = bed.check(b);
        final RevocationStatus again = bed.check(b);

        // Verify: one read for the newer CRL, then none (B's copy is the shared one now)
        assertEquals(RevocationStatus.State.REVOKED, onB.state(), onB::toString);
        assertEquals(RevocationStatus.State.REVOKED, again.state(), again::toString);
        assertEquals(readsBefore + 1, crlReads.get());
        assertEquals(2, bed.server().crlRequests());
    }

    @Test
    void aStampThatLiesAboutAnOlderCrlIsReadAndVerifiedAndTheOlderCrlIsNotTaken() throws Exception {
        // Setup: B has the current CRL, which revokes alice; a cluster member puts the CA's older CRL (still current,
        // alice not listed) in its place and a stamp that claims it is newer
        final Instant now = Instant.now();
        bed.server().revoke(bed.alice().certificate());
        final RevocationService b = bed.node();
        assertEquals(RevocationStatus.State.REVOKED, bed.check(b).state());
        final String key = crlKey();
        map.put(key, new SharedRevocationAnswers.Answer(TestPki.crl(bed.root(), now.minus(Duration.ofHours(3)),
            now.plus(Duration.ofDays(1)), NO_SERIALS).getEncoded(), now).encode());
        map.keySet().stream().filter(k -> !k.equals(key)).toList().forEach(stampKey ->
            map.put(stampKey, ("1|" + now.plus(Duration.ofDays(1)).toEpochMilli() + "|999|" + now.toEpochMilli())
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals(2, map.size(), map.keySet()::toString);
        final int readsBefore = crlReads.get();

        // Execute
        final RevocationStatus onB = bed.check(b);
        final RevocationStatus again = bed.check(b);

        // Verify: read once (the stamp said newer), verified, not newer in fact: B keeps its own; the unchanged lie
        // is not read again
        assertEquals(RevocationStatus.State.REVOKED, onB.state(), onB::toString);
        assertEquals(RevocationStatus.State.REVOKED, again.state(), again::toString);
        assertEquals(readsBefore + 1, crlReads.get());
        assertEquals(1, bed.server().crlRequests());
    }
}
