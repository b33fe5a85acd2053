package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Revocation answers as every node of a cluster sees them: the raw DER of a CRL or OCSP response as it was fetched,
 * with the time it was fetched, under a text key. In Openfire this is a clustered cache
 * ({@code openfire.OpenfireRevocationAnswerCache}, cluster-wide with Hazelcast, local otherwise); {@link #NONE}
 * shares nothing; {@link MapSharedRevocationAnswers} over any map is the in-memory one for tests and tools.
 *
 * <p>Nothing read from here is trusted: the bytes are verified again exactly like a download before they are used,
 * so a poisoned or stale entry can only make a node refuse it and download the CRL itself. Only JDK types go in
 * (String keys, byte[] values), see {@link Answer#encode()}.</p>
 */
public interface SharedRevocationAnswers extends AutoCloseable {

    /** Shares nothing: every node fetches its own answers (the plugin outside Openfire, the command-line tool). */
    SharedRevocationAnswers NONE = new SharedRevocationAnswers() {
        @Override public Optional<Answer> get(String key) { return Optional.empty(); }
        @Override public boolean put(String key, Answer answer) { return false; }
        @Override public void clear() { }
        @Override public int size() { return 0; }
    };

    /**
     * The version stamp of the answer under {@code key}: a short text its writer put beside it (for a CRL: its
     * thisUpdate and cRLNumber), so that a node can tell whether the answer is worth reading without reading it. As
     * hostile as the answer: it may only save a read, never stand in for verifying what is read. Empty when none.
     */
    default Optional<String> stamp(String key) {
        return Optional.empty();
    }

    /**
     * Puts a version stamp beside the answer under {@code key} (while that answer is there), but only forward: a stamp
     * already there stays unless {@code replaces} says the new one is newer than it (a compare-and-set, so that of two
     * nodes sharing at once the older stamp never lands last beside the newer answer). When the stamp cannot be stored
     * (over a cap, the cache failing) the stamp there is removed: it may be the previous answer's, and a stale stamp
     * hides a newer answer, where a missing one only makes readers read it. True when stored.
     */
    default boolean putStamp(String key, String stamp, java.util.function.Predicate<String> replaces) {
        return false;
    }

    /** The answer under {@code key}; empty when there is none or the stored value is not one (never thrown). */
    Optional<Answer> get(String key);

    /** Stores (or replaces) the answer; false when it was not stored (over a cap, or the cache failed). */
    boolean put(String key, Answer answer);

    /** Forgets every shared answer (the admin's "flush caches" and every settings change). */
    void clear();

    /** How many answers are held (on this node, for a clustered cache); stamps are not counted. */
    int size();

    /** Releases the cache (plugin unload); the default does nothing. */
    @Override
    default void close() { }

    /**
     * One shared answer: the DER as fetched and when it was fetched (by whichever node). The fetch time tells nodes
     * apart entries they have already examined; which CRL is newer is decided from the verified CRLs themselves.
     */
    record Answer(byte[] der, Instant fetchedAt) {
        /** fetch time in milliseconds (8 bytes, big-endian), then the DER */
        private static final int HEADER = Long.BYTES;

        public Answer {
            der = der.clone();
            Objects.requireNonNull(fetchedAt);
        }

        @Override
        public byte[] der() {
            return der.clone();
        }

        /** The cache value: a plain byte[] (no plugin class in a cluster cache; see the Openfire implementation). */
        public byte[] encode() {
            return ByteBuffer.allocate(HEADER + der.length).putLong(fetchedAt.toEpochMilli()).put(der).array();
        }

        /** The answer a cache value holds; empty for anything too short to be one. */
        public static Optional<Answer> decode(byte[] value) {
            if (value == null || value.length <= HEADER) {
                return Optional.empty();
            }
            final ByteBuffer buffer = ByteBuffer.wrap(value);
            return Optional.of(new Answer(Arrays.copyOfRange(value, HEADER, value.length), Instant.ofEpochMilli(buffer.getLong())));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Answer answer && fetchedAt.equals(answer.fetchedAt) && Arrays.equals(der, answer.der);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(der) + fetchedAt.hashCode();
        }

        @Override
        public String toString() {
            return "Answer[" + der.length + " bytes fetched at " + fetchedAt + "]";
        }
    }
}
