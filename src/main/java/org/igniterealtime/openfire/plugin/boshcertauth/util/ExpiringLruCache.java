package org.igniterealtime.openfire.plugin.boshcertauth.util;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * A small thread-safe cache with a size bound (least recently used entries go first) and a per-entry expiry instant,
 * judged against the caller's clock so that tests can move time. One lock around a {@link LinkedHashMap} in access
 * order: lookups are a hash probe and a pointer move, well below a microsecond at the sizes used here (≤ 10 000).
 *
 * <p>{@link #flush()} starts a new generation: a value computed from what was known before the flush (a download
 * that was already under way) is stored with {@link #put(Object, Object, Instant, Instant, long)} and the generation
 * read before the work began, and is then dropped instead of surviving the flush.</p>
 */
public final class ExpiringLruCache<K, V> {

    private record Entry<V>(V value, Instant expiresAt) {}

    /** Counters for diagnostics and benchmarks. */
    public record Stats(long hits, long misses, long evictions, long expirations, int size, int capacity) {}

    private final int capacity;
    private final LinkedHashMap<K, Entry<V>> map;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder expirations = new LongAdder();
    private long generation;

    public ExpiringLruCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                final boolean evict = size() > ExpiringLruCache.this.capacity;
                if (evict) {
                    evictions.increment();
                }
                return evict;
            }
        };
    }

    /** The value, unless absent or expired at {@code now} (an expired entry is removed). */
    public Optional<V> get(K key, Instant now) {
        synchronized (map) {
            final Entry<V> entry = map.get(key);
            if (entry != null && now.isBefore(entry.expiresAt())) {
                hits.increment();
                return Optional.of(entry.value());
            }
            if (entry != null) {
                map.remove(key);
                expirations.increment();
            }
        }
        misses.increment();
        return Optional.empty();
    }

    /** Like {@link #get} but without counting a hit or miss (a re-check, not a lookup). */
    public Optional<V> peek(K key, Instant now) {
        synchronized (map) {
            final Entry<V> entry = map.get(key);
            return entry != null && now.isBefore(entry.expiresAt()) ? Optional.of(entry.value()) : Optional.empty();
        }
    }

    /** Stores the value until {@code expiresAt}; an already expired value is not stored. */
    public void put(K key, V value, Instant expiresAt, Instant now) {
        if (!now.isBefore(expiresAt)) {
            return;
        }
        synchronized (map) {
            map.put(key, new Entry<>(value, expiresAt));
        }
    }

    /**
     * Stores the value like {@link #put(Object, Object, Instant, Instant)}, unless the cache has been flushed since
     * {@code generation} was read from {@link #generation()}.
     */
    public void put(K key, V value, Instant expiresAt, Instant now, long generation) {
        if (!now.isBefore(expiresAt)) {
            return;
        }
        synchronized (map) {
            if (this.generation == generation) {
                map.put(key, new Entry<>(value, expiresAt));
            }
        }
    }

    /** The current generation; it changes with every {@link #flush()}. */
    public long generation() {
        synchronized (map) {
            return generation;
        }
    }

    /** Forgets one entry (e.g. one found unusable when it was used). */
    public void remove(K key) {
        synchronized (map) {
            map.remove(key);
        }
    }

    /** Forgets every entry, and every value still being computed under the previous generation. */
    public void flush() {
        synchronized (map) {
            map.clear();
            generation++;
        }
    }

    public Stats stats() {
        synchronized (map) {
            return new Stats(hits.sum(), misses.sum(), evictions.sum(), expirations.sum(), map.size(), capacity);
        }
    }
}
