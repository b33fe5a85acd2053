package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link SharedRevocationAnswers} over a map of String to byte[]: Openfire's clustered cache (which is a map) in the
 * plugin, a {@link ConcurrentHashMap} in tests ({@link #inMemory}). Bounded: at most {@code maxEntries} answers
 * (a new key is not stored beyond that; the answer is then simply not shared) and none bigger than
 * {@code maxAnswerBytes} (a bigger CRL stays in the downloading node's own cache). A failing map (e.g. a cluster in
 * the middle of a split) counts as empty: sharing is an optimisation, never a reason to refuse or accept a login.
 *
 * <p>A version stamp ({@link #stamp}) is kept under {@value #STAMP_PREFIX} and its answer's key, as UTF-8 bytes (a
 * byte[] like every value), at most {@value #MAX_STAMP_CHARS} characters; it counts towards {@code maxEntries} like
 * an answer, and is stored only while its answer is.</p>
 */
public final class MapSharedRevocationAnswers implements SharedRevocationAnswers {

    private static final Logger Log = LoggerFactory.getLogger(MapSharedRevocationAnswers.class);

    /** Keys of version stamps: the answers' keys begin with "crl|" or "ocsp:". */
    static final String STAMP_PREFIX = "stamp|";
    static final int MAX_STAMP_CHARS = 200;

    private final Map<String, byte[]> map;
    private final int maxEntries;
    private final int maxAnswerBytes;

    public MapSharedRevocationAnswers(Map<String, byte[]> map, int maxEntries, int maxAnswerBytes) {
        this.map = map;
        this.maxEntries = maxEntries;
        this.maxAnswerBytes = maxAnswerBytes;
    }

    /** A cache for the nodes of a test that share it. */
    public static MapSharedRevocationAnswers inMemory(int maxEntries, int maxAnswerBytes) {
        return new MapSharedRevocationAnswers(new ConcurrentHashMap<>(), maxEntries, maxAnswerBytes);
    }

    @Override
    public Optional<Answer> get(String key) {
        try {
            return Answer.decode(map.get(key));
        } catch (RuntimeException e) {
            Log.debug("Shared revocation answers: reading {} failed: {}", key, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public boolean put(String key, Answer answer) {
        final byte[] value = answer.encode();
        if (value.length > maxAnswerBytes) {
            return false;
        }
        try {
            if (!map.containsKey(key) && map.size() >= maxEntries) {
                return false;
            }
            map.put(key, value);
            return true;
        } catch (RuntimeException e) {
            Log.debug("Shared revocation answers: storing {} failed: {}", key, e.toString());
            return false;
        }
    }

    @Override
    public Optional<String> stamp(String key) {
        try {
            final byte[] value = map.get(STAMP_PREFIX + key);
            return value == null || value.length > MAX_STAMP_CHARS ? Optional.empty()
                : Optional.of(new String(value, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            Log.debug("Shared revocation answers: reading the stamp of {} failed: {}", key, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public boolean putStamp(String key, String stamp) {
        final byte[] value = stamp.getBytes(StandardCharsets.UTF_8);
        if (value.length > MAX_STAMP_CHARS) {
            return false;
        }
        try {
            if (!map.containsKey(key) || (!map.containsKey(STAMP_PREFIX + key) && map.size() >= maxEntries)) {
                return false;
            }
            map.put(STAMP_PREFIX + key, value);
            return true;
        } catch (RuntimeException e) {
            Log.debug("Shared revocation answers: storing the stamp of {} failed: {}", key, e.toString());
            return false;
        }
    }

    @Override
    public void clear() {
        try {
            map.clear();
        } catch (RuntimeException e) {
            Log.debug("Shared revocation answers: clearing failed: {}", e.toString());
        }
    }

    /** Walks the keys (to leave the stamps out): for diagnostics and tests, not for every login. */
    @Override
    public int size() {
        try {
            return (int) map.keySet().stream().filter(key -> !key.startsWith(STAMP_PREFIX)).count();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The raw map, for tests that tamper with an entry as a hostile cluster member could. */
    Map<String, byte[]> map() {
        return map;
    }
}
