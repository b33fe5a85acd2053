package org.igniterealtime.openfire.plugin.boshcertauth.certificate;

import org.igniterealtime.openfire.plugin.boshcertauth.util.ExpiringLruCache;
import org.igniterealtime.openfire.plugin.boshcertauth.util.SingleFlight;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Bounded LRU cache of verdicts, so that the many requests of one BOSH session cost a hash lookup instead of a PKIX
 * validation. Keyed by the SHA-256 of the chain's DER, the policy generation (a changed policy never sees verdicts of
 * the old one) and, for identity verdicts, the authzid.
 *
 * <p>Lifetimes: a success until its {@link Verdict#validUntil()}; a transient failure (revocation status unknown,
 * internal error) for {@link #TRANSIENT_FAILURE_LIFETIME} so that a responder that comes back is noticed quickly;
 * other failures for {@link #FAILURE_LIFETIME} (they depend only on the chain and the policy).</p>
 *
 * <p>Single flight: concurrent requests for the same key (a burst of logins with one uncached certificate) compute
 * the verdict once and all get that result, instead of each running its own validation and revocation checks.
 * {@link #flush()} forgets every verdict (the admin page's button).</p>
 */
public final class VerdictCache {

    public static final int DEFAULT_CAPACITY = 10_000;
    public static final Duration TRANSIENT_FAILURE_LIFETIME = Duration.ofSeconds(30);
    public static final Duration FAILURE_LIFETIME = Duration.ofMinutes(5);
    /**
     * How long a request waits for the same verdict being computed by another: above the longest revocation budget a
     * policy may have (60 s) plus path validation, so it is reached only if that computation hangs.
     */
    static final Duration MAX_WAIT = Duration.ofMinutes(2);

    /** Counters for diagnostics and benchmarks. */
    public record Stats(long hits, long misses, long evictions, long expirations, int size, int capacity) {}

    /** What a verdict is about: one chain under one policy generation, with or without an identity question. */
    record Key(ByteBuffer chainDigest, long generation, boolean identity, String authzid) {

        static Key forChain(List<X509Certificate> chain, long generation) throws CertificateEncodingException {
            return new Key(digest(chain), generation, false, "");
        }

        static Key forIdentity(List<X509Certificate> chain, long generation, String authzid) throws CertificateEncodingException {
            return new Key(digest(chain), generation, true, authzid == null ? "" : authzid);
        }

        private static ByteBuffer digest(List<X509Certificate> chain) throws CertificateEncodingException {
            final MessageDigest sha256;
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is a mandatory JDK algorithm", e);
            }
            for (X509Certificate certificate : chain) {
                final byte[] der = certificate.getEncoded();
                // Length-prefixed, so that two different splits of the same bytes can never collide.
                sha256.update(ByteBuffer.allocate(4).putInt(der.length).array());
                sha256.update(der);
            }
            return ByteBuffer.wrap(sha256.digest());
        }
    }

    private final ExpiringLruCache<Key, Verdict> entries;
    private final SingleFlight<Key, Verdict> evaluations = new SingleFlight<>();

    public VerdictCache(int capacity) {
        this.entries = new ExpiringLruCache<>(capacity);
    }

    /**
     * The cached verdict for {@code key}, else the one {@code evaluation} computes (then cached): computed once for
     * all concurrent callers with the same key, the others wait for it.
     */
    Verdict get(Key key, Instant now, Supplier<Verdict> evaluation) {
        final Optional<Verdict> hit = entries.get(key, now);
        if (hit.isPresent()) {
            return hit.get();
        }
        try {
            return evaluations.run(key, MAX_WAIT, () -> {
                final long generation = entries.generation();
                // A computation that finished between our cache miss and taking the slot has cached its verdict.
                final Optional<Verdict> justComputed = entries.peek(key, now);
                if (justComputed.isPresent()) {
                    return justComputed.get();
                }
                final Verdict verdict = evaluation.get();
                entries.put(key, verdict, expiry(verdict, now), now, generation);
                return verdict;
            });
        } catch (IOException e) {
            // Only a waiter gets here (timed out or interrupted); the evaluation itself throws no IOException.
            return Verdict.failure(FailureReason.INTERNAL_ERROR, -1, e.getMessage());
        }
    }

    static Instant expiry(Verdict verdict, Instant now) {
        if (verdict.isSuccess()) {
            return verdict.validUntil();
        }
        final boolean transientFailure = verdict.reason() == FailureReason.REVOCATION_UNKNOWN
            || verdict.reason() == FailureReason.INTERNAL_ERROR || verdict.reason() == FailureReason.DIRECTORY_UNAVAILABLE;
        return now.plus(transientFailure ? TRANSIENT_FAILURE_LIFETIME : FAILURE_LIFETIME);
    }

    /**
     * Forgets every verdict, so that the next login with each certificate is checked afresh (chain, revocation,
     * identity): for the admin page, e.g. after revoking a certificate that has logged in before (flush the
     * revocation caches too). A verdict being computed at this moment is not cached when it is done.
     */
    public void flush() {
        evaluations.forgetRunning();
        entries.flush();
    }

    /** How many requests waited for the same verdict being computed by another instead of computing it themselves. */
    public long sharedEvaluations() {
        return evaluations.joined();
    }

    public Stats stats() {
        final ExpiringLruCache.Stats s = entries.stats();
        return new Stats(s.hits(), s.misses(), s.evictions(), s.expirations(), s.size(), s.capacity());
    }
}
