package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.igniterealtime.openfire.plugin.boshcertauth.util.ExpiringLruCache;
import org.igniterealtime.openfire.plugin.boshcertauth.util.SingleFlight;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks a {@link UserDirectory} on behalf of logins: answers are cached (bounded size, bounded lifetime), concurrent
 * identical questions ask once (single flight), and a login never waits longer than the timeout it gives: the
 * question runs on a small pool of its own and an answer that comes later is dropped. A directory that fails, is
 * unreachable or too slow is a {@link DirectoryUnavailableException} (never cached: the next login asks again).
 * Outlives configurations ({@link #flush()} on every reload); {@link #close()} stops its threads.
 */
public final class DirectoryLookups implements AutoCloseable {

    /** Most accounts one question may return; more means "ambiguous" anyway, and bounds the work. */
    public static final int MAX_USERS = 10;
    /** How long "nobody has this value" is believed, at most: a user just added to the directory is found soon. */
    static final Duration MAX_NEGATIVE_LIFETIME = Duration.ofMinutes(1);
    private static final int THREADS = 4;
    private static final int QUEUE = 256;

    private final UserDirectory directory;
    private final Clock clock;
    private final ExpiringLruCache<String, List<String>> answers = new ExpiringLruCache<>(10_000);
    private final SingleFlight<String, List<String>> questions = new SingleFlight<>();
    private final ExecutorService pool;

    public DirectoryLookups(UserDirectory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
        final AtomicInteger threads = new AtomicInteger();
        final ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(QUEUE), r -> {
                final Thread thread = new Thread(r, "boshcertauth-directory-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        executor.allowCoreThreadTimeOut(true);
        this.pool = executor;
    }

    public UserDirectory directory() {
        return directory;
    }

    /**
     * The user names matching the query, from the cache or the directory.
     *
     * @param timeout   how long this login may wait for the directory
     * @param lifetime  how long an answer is reused
     * @throws DirectoryUnavailableException when the directory fails or does not answer within {@code timeout}
     */
    public List<String> usernames(DirectoryQuery query, Duration timeout, Duration lifetime) {
        final String key = query.ldapFilter();
        final Instant now = clock.instant();
        final Optional<List<String>> cached = answers.get(key, now);
        if (cached.isPresent()) {
            return cached.get();
        }
        final long generation = answers.generation();
        try {
            return questions.run(key, timeout, () -> {
                final List<String> found = ask(query, timeout);
                final Duration reuse = found.isEmpty() && lifetime.compareTo(MAX_NEGATIVE_LIFETIME) > 0 ? MAX_NEGATIVE_LIFETIME : lifetime;
                final Instant answered = clock.instant();
                answers.put(key, found, answered.plus(reuse), answered, generation);
                return found;
            });
        } catch (IOException e) {
            throw new DirectoryUnavailableException(e.getMessage(), e);
        }
    }

    private List<String> ask(DirectoryQuery query, Duration timeout) throws IOException {
        final Future<List<String>> answer;
        try {
            answer = pool.submit(() -> List.copyOf(directory.usernames(query, MAX_USERS)));
        } catch (RejectedExecutionException e) {
            throw new IOException("too many directory look-ups waiting", e);
        }
        try {
            return answer.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new IOException(directory.describe() + " gave no answer within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + directory.describe(), e);
        } catch (ExecutionException e) {
            final Throwable cause = e.getCause();
            throw new IOException(cause instanceof DirectoryUnavailableException ? cause.getMessage()
                : directory.describe() + " failed: " + cause, cause);
        }
    }

    /** Forgets every answer (a setting changed, or the admin asked). */
    public void flush() {
        answers.flush();
        questions.forgetRunning();
    }

    public ExpiringLruCache.Stats stats() {
        return answers.stats();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
