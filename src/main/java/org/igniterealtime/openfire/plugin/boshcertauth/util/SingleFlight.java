package org.igniterealtime.openfire.plugin.boshcertauth.util;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs one piece of work per key at a time: a caller that asks for a key whose work is already under way waits for
 * that result instead of doing the same work again. 150 simultaneous logins with one uncached certificate thus make
 * one OCSP request (and one chain validation), not 150, and hold no more responder time than one.
 *
 * <p>The work runs in the thread of the first caller (no extra threads); an exception it throws is thrown to every
 * caller that waited for it. Nothing is remembered once the work is done: caching its result is the caller's job.</p>
 */
public final class SingleFlight<K, V> {

    /** The shared work; it may fail with an {@link IOException} (a fetch) or not at all. */
    @FunctionalInterface
    public interface Work<V> {
        V run() throws IOException;
    }

    private final ConcurrentHashMap<K, CompletableFuture<V>> running = new ConcurrentHashMap<>();
    private final LongAdder joined = new LongAdder();

    /**
     * Runs {@code work} for {@code key}, or waits up to {@code maxWait} for the run under way for the same key.
     *
     * @throws IOException what the work threw, or when the run under way did not finish within {@code maxWait}
     */
    public V run(K key, Duration maxWait, Work<V> work) throws IOException {
        final CompletableFuture<V> mine = new CompletableFuture<>();
        final CompletableFuture<V> theirs = running.putIfAbsent(key, mine);
        if (theirs != null) {
            joined.increment();
            return await(theirs, maxWait);
        }
        try {
            final V result = work.run();
            mine.complete(result);
            return result;
        } catch (IOException | RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, mine);
        }
    }

    private V await(CompletableFuture<V> theirs, Duration maxWait) throws IOException {
        try {
            return theirs.get(Math.max(1, maxWait.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the same request, already under way, gave no answer within " + maxWait.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the same request already under way", e);
        } catch (ExecutionException e) {
            final Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(String.valueOf(cause), cause);
        }
    }

    /**
     * Callers from now on start afresh instead of joining work under way (used when caches are flushed: an answer
     * being fetched at that moment may predate the flush). The runs under way still finish for those waiting.
     */
    public void forgetRunning() {
        running.clear();
    }

    /** How many callers waited for another caller's run instead of doing the work themselves. */
    public long joined() {
        return joined.sum();
    }
}
