package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Two honest nodes share the same CRL key at once: the older stamp must not land last beside the newer CRL (review M2a). */
class SharedCrlStampRaceTest {
    private SharedAnswersTestBed bed;
    private final AtomicBoolean armed = new AtomicBoolean();
    private Instant now;

    private final Map<String, byte[]> map = new ConcurrentHashMap<>() {
        @Override
        public byte[] put(String key, byte[] value) {
            beforeStampWrite(key);
            return super.put(key, value); // A's older stamp lands last
        }

        @Override
        public byte[] putIfAbsent(String key, byte[] value) {
            beforeStampWrite(key);
            return super.putIfAbsent(key, value);
        }

        @Override
        public boolean replace(String key, byte[] oldValue, byte[] newValue) {
            beforeStampWrite(key);
            return super.replace(key, oldValue, newValue);
        }

        /** However A writes its stamp, B's offer runs just before. */
        private void beforeStampWrite(String key) {
            if (key.startsWith("stamp|") && armed.compareAndSet(true, false)) {
                // node B's offer runs between node A's put of its answer and A's stamp write: B shares the newer CRL
                // (alice revoked an hour later) and its stamp, exactly what SharedCrls.offer writes
                final String crlKey = key.substring("stamp|".length());
                final Instant bFetched = now.plusMillis(5);
                final Instant thisUpdate = now.minus(Duration.ofHours(1));
                try {
                    super.put(crlKey, new SharedRevocationAnswers.Answer(TestPki.crl(bed.root(), thisUpdate,
                        now.plus(Duration.ofDays(1)), bed.alice().certificate()).getEncoded(), bFetched).encode());
                } catch (java.security.cert.CRLException e) {
                    throw new IllegalStateException(e);
                }
                super.put(key, ("1|" + thisUpdate.toEpochMilli() + "||" + bFetched.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
            }
        }
    };

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void aNewerSharedCrlBehindAnOlderStampIsSeenAtTheNextCheck() {
        now = Instant.now();
        bed = SharedAnswersTestBed.crl("Race Root", map);
        bed.server().crlValidity(now.minus(Duration.ofHours(2)), now.plus(Duration.ofDays(1)));
        final RevocationService a = bed.node();
        armed.set(true);
        assertEquals(RevocationStatus.State.GOOD, bed.check(a).state());
        assertFalse(armed.get()); // B's share did run in the middle of A's
        // the cluster now holds B's newer CRL (alice revoked); A's next check should learn it (SharedCrls javadoc:
        // "a revocation one node has learnt is known to all at their next revocation check")
        final RevocationStatus next = bed.check(a);
        assertEquals(RevocationStatus.State.REVOKED, next.state(), next::toString);
    }
}
