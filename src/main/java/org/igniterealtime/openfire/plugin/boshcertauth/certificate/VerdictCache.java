package org.igniterealtime.openfire.plugin.boshcertauth.certificate;

import org.igniterealtime.openfire.plugin.boshcertauth.util.ExpiringLruCache;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Bounded LRU cache of verdicts, so that the many requests of one BOSH session cost a hash lookup instead of a PKIX
 * validation. Keyed by the SHA-256 of the chain's DER, the policy generation (a changed policy never sees verdicts of
 * the old one) and, for identity verdicts, the authzid.
 *
 * <p>Lifetimes: a success until its {@link Verdict#validUntil()}; a transient failure (revocation status unknown,
 * internal error) for {@link #TRANSIENT_FAILURE_LIFETIME} so that a responder that comes back is noticed quickly;
 * other failures for {@link #FAILURE_LIFETIME} (they depend only on the chain and the policy).</p>
 */
public final class VerdictCache {

    public static final int DEFAULT_CAPACITY = 10_000;
    public static final Duration TRANSIENT_FAILURE_LIFETIME = Duration.ofSeconds(30);
    public static final Duration FAILURE_LIFETIME = Duration.ofMinutes(5);

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

    public VerdictCache(int capacity) {
        this.entries = new ExpiringLruCache<>(capacity);
    }

    Optional<Verdict> get(Key key, Instant now) {
        return entries.get(key, now);
    }

    void put(Key key, Verdict verdict, Instant now) {
        entries.put(key, verdict, expiry(verdict, now), now);
    }

    static Instant expiry(Verdict verdict, Instant now) {
        if (verdict.isSuccess()) {
            return verdict.validUntil();
        }
        final boolean transientFailure = verdict.reason() == FailureReason.REVOCATION_UNKNOWN
            || verdict.reason() == FailureReason.INTERNAL_ERROR;
        return now.plus(transientFailure ? TRANSIENT_FAILURE_LIFETIME : FAILURE_LIFETIME);
    }

    public void clear() {
        entries.clear();
    }

    public Stats stats() {
        final ExpiringLruCache.Stats s = entries.stats();
        return new Stats(s.hits(), s.misses(), s.evictions(), s.expirations(), s.size(), s.capacity());
    }
}
