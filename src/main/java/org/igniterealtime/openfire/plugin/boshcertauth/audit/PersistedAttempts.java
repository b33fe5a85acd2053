package org.igniterealtime.openfire.plugin.boshcertauth.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps this node's {@link AttemptLog} in the database ({@link JdbcAttemptStore}) so that it survives a plugin
 * reload and an Openfire restart. A login never waits for the database: a change only marks the list dirty and
 * schedules one write on the writer's own thread after {@link #DELAY}, which writes the list as it is then (every change
 * in between in one transaction). A failed write is logged once (at WARN, until a write succeeds again) and never
 * reaches a login; the next change tries again. {@link #close()} writes what is left, then stops the thread.
 */
public final class PersistedAttempts implements AutoCloseable {

    private static final Logger Log = LoggerFactory.getLogger(PersistedAttempts.class);

    /**
     * How long changes are gathered before one write: each write replaces the node's whole list (up to the
     * recent-attempts count), so unauthenticated failed logins must not be able to turn into a database write each;
     * at most one write per 10 s (an unload writes what is left; a crash loses at most the last 10 s).
     */
    static final Duration DELAY = Duration.ofSeconds(10);
    /** How long {@link #close()} waits for the last write. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final JdbcAttemptStore store;
    private final String node;
    private final AttemptLog log;
    private final Duration delay;
    private final ScheduledExecutorService writer;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private volatile boolean failing;

    public PersistedAttempts(JdbcAttemptStore store, String node, AttemptLog log) {
        this(store, node, log, DELAY);
    }

    PersistedAttempts(JdbcAttemptStore store, String node, AttemptLog log, Duration delay) {
        this.store = store;
        this.node = node;
        this.log = log;
        this.delay = delay;
        final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            final Thread t = new Thread(r, "boshcertauth-attempt-writer");
            t.setDaemon(true);
            return t;
        });
        // close() writes the list itself: a write still waiting for its delay is dropped, one under way finishes.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.writer = executor;
    }

    /**
     * Puts the node's stored attempts into the list (behind any listed already) and from now on writes every change.
     * A database that cannot be read leaves the list as it is (logged).
     */
    public void start() {
        try {
            log.restore(store.load(node, log.capacity()));
        } catch (SQLException | RuntimeException e) {
            Log.warn("Could not read the recent certificate login attempts of node '{}' from the database ({}); the list starts empty", node, e.toString());
        }
        log.onChange(this::changed);
    }

    /** A change of the list: one write is scheduled unless one is pending. Returns at once. */
    void changed() {
        if (dirty.compareAndSet(false, true)) {
            try {
                writer.schedule(this::write, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                dirty.set(false); // closing: close() writes the list itself
            }
        }
    }

    /** Writes the list as it is now (on the writer's thread, or in {@link #close()}). */
    void write() {
        dirty.set(false);
        try {
            store.replace(node, log.recent(), log.capacity());
            if (failing) {
                failing = false;
                Log.info("Writing the recent certificate login attempts to the database works again");
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                failing = true;
                Log.warn("Could not write the recent certificate login attempts to the database ({}); logins are not affected,"
                    + " the list is kept in memory and written again on the next change. Not logged again until a write succeeds.", e.toString());
            }
        }
    }

    /** Whether the last write failed. */
    boolean failing() {
        return failing;
    }

    /** Stops listening, writes the list once more (waiting at most {@link #CLOSE_WAIT}) and stops the writer thread. */
    @Override
    public void close() {
        log.onChange(null);
        writer.shutdown();
        try {
            if (!writer.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            writer.shutdownNow();
            Thread.currentThread().interrupt();
        }
        write();
    }
}
