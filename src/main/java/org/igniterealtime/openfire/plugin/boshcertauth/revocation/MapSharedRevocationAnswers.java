package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@link SharedRevocationAnswers} over a map of String to byte[]: Openfire's clustered cache (which is a map) in the
 * plugin, a {@link ConcurrentHashMap} in tests ({@link #inMemory}). Bounded: at most {@code maxEntries} answers
 * (a new key is not stored beyond that; the answer is then simply not shared) and none bigger than
 * {@code maxAnswerBytes} (a bigger CRL stays in the downloading node's own cache). A failing map (e.g. a cluster in
 * the middle of a split) counts as empty: sharing is an optimisation, never a reason to refuse or accept a login.
 *
 * <p>A version stamp ({@link #stamp}) is kept under {@value #STAMP_PREFIX} and its answer's key, as UTF-8 bytes (a
 * byte[] like every value), at most {@value #MAX_STAMP_CHARS} characters; it counts towards {@code maxEntries} like
 * an answer, and is stored only while its answer is. It only moves forward ({@link #putStamp}: a compare-and-set by
 * putIfAbsent/replace, or under the key's lock when one is given), and one that cannot be written is removed.</p>
 */
public final class MapSharedRevocationAnswers implements SharedRevocationAnswers {

    private static final Logger Log = LoggerFactory.getLogger(MapSharedRevocationAnswers.class);

    /** Keys of version stamps: the answers' keys begin with "crl|" or "ocsp:". */
    static final String STAMP_PREFIX = "stamp|";
    static final int MAX_STAMP_CHARS = 200;
    private static final int MAX_STAMP_ATTEMPTS = 8;
    private static final Duration LOCK_WAIT = Duration.ofMillis(200);

    private final Map<String, byte[]> map;
    private final int maxEntries;
    private final int maxAnswerBytes;
    /** Locks per key for writing stamps, when the map's putIfAbsent/replace cannot serve as compare-and-set; or null. */
    private final Function<String, Lock> locks;

    /** Over a map whose putIfAbsent and replace are atomic (a {@link java.util.concurrent.ConcurrentMap}). */
    public MapSharedRevocationAnswers(Map<String, byte[]> map, int maxEntries, int maxAnswerBytes) {
        this(map, maxEntries, maxAnswerBytes, null);
    }

    /** Over any map, with a lock per key (Openfire's {@code Cache.getLock}) for the stamps' compare-and-set. */
    public MapSharedRevocationAnswers(Map<String, byte[]> map, int maxEntries, int maxAnswerBytes, Function<String, Lock> locks) {
        this.map = map;
        this.maxEntries = maxEntries;
        this.maxAnswerBytes = maxAnswerBytes;
        this.locks = locks;
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
    public boolean putStamp(String key, String stamp, Predicate<String> replaces) {
        final String stampKey = STAMP_PREFIX + key;
        final byte[] value = stamp.getBytes(StandardCharsets.UTF_8);
        try {
            if (value.length <= MAX_STAMP_CHARS && map.containsKey(key)) {
                final StampWrite outcome = locks == null ? compareAndSet(stampKey, value, replaces)
                    : underLock(stampKey, value, replaces);
                if (outcome != StampWrite.FAILED) {
                    return outcome == StampWrite.WRITTEN;
                }
            }
        } catch (RuntimeException e) {
            Log.debug("Shared revocation answers: storing the stamp of {} failed: {}", key, e.toString());
        }
        removeStamp(stampKey); // it may be the previous answer's: no stamp makes readers read the answer instead
        return false;
    }

    private enum StampWrite { WRITTEN, KEPT_NEWER, FAILED }

    /** On a map whose putIfAbsent and replace are atomic and compare by reference (a ConcurrentHashMap). */
    private StampWrite compareAndSet(String stampKey, byte[] value, Predicate<String> replaces) {
        for (int attempt = 0; attempt < MAX_STAMP_ATTEMPTS; attempt++) {
            final byte[] present = map.get(stampKey);
            if (present == null) {
                if (map.size() >= maxEntries) {
                    return StampWrite.FAILED;
                }
                if (map.putIfAbsent(stampKey, value) == null) {
                    return StampWrite.WRITTEN;
                }
            } else if (keeps(present, replaces)) {
                return StampWrite.KEPT_NEWER;
            } else if (map.replace(stampKey, present, value)) {
                return StampWrite.WRITTEN;
            }
        }
        return StampWrite.FAILED; // contended beyond reason: no stamp rather than a stale one
    }

    /** On Openfire's cache: its Map methods are not atomic, and a clustered one hands out a fresh byte[] per read. */
    private StampWrite underLock(String stampKey, byte[] value, Predicate<String> replaces) {
        final Lock lock = locks.apply(stampKey);
        try {
            if (lock == null || !lock.tryLock(LOCK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                return StampWrite.FAILED;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StampWrite.FAILED;
        }
        try {
            final byte[] present = map.get(stampKey);
            if (present == null && map.size() >= maxEntries) {
                return StampWrite.FAILED;
            }
            if (present != null && keeps(present, replaces)) {
                return StampWrite.KEPT_NEWER;
            }
            map.put(stampKey, value);
            return StampWrite.WRITTEN;
        } finally {
            lock.unlock();
        }
    }

    /** A readable stamp that the new one does not replace stays (it is as new or newer); an unreadable one goes. */
    private static boolean keeps(byte[] present, Predicate<String> replaces) {
        return present.length <= MAX_STAMP_CHARS && !replaces.test(new String(present, StandardCharsets.UTF_8));
    }

    private void removeStamp(String stampKey) {
        try {
            map.remove(stampKey);
        } catch (RuntimeException e) {
            Log.debug("Shared revocation answers: removing {} failed: {}", stampKey, e.toString());
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
