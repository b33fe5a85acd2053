package org.igniterealtime.openfire.plugin.boshcertauth.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * Runs many logins at the same moment, each in a thread of its own (as Jetty would), against a
 * {@link GatedRevocationFetcher}: the gate opens only once every thread has parked — waiting at the gate itself or
 * for another thread's identical request — so that every login is under way before the first answer arrives.
 * What the logins did is then counted by the test (requests, cache misses), never timed.
 */
public final class SimultaneousLogins {

    /** Generous bound for the threads to park; only reached if something hangs (the test then fails on its counts). */
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);

    private SimultaneousLogins() {}

    /** Runs {@code login.apply(i)} for i = 0..count-1 at once and returns the results in that order. */
    public static <T> List<T> run(int count, GatedRevocationFetcher gate, IntFunction<T> login) throws InterruptedException {
        return run(count, gate, () -> { }, login);
    }

    /** Like {@link #run(int, GatedRevocationFetcher, IntFunction)}, doing {@code whileParked} before the gate opens. */
    public static <T> List<T> run(int count, GatedRevocationFetcher gate, Runnable whileParked, IntFunction<T> login)
            throws InterruptedException {
        final AtomicReferenceArray<Object> results = new AtomicReferenceArray<>(count);
        final List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final int index = i;
            threads.add(new Thread(() -> {
                try {
                    results.set(index, login.apply(index));
                } catch (Throwable t) {
                    results.set(index, t);
                }
            }, "simultaneous-login-" + i));
        }
        threads.forEach(Thread::start);
        awaitParked(threads);
        whileParked.run();
        gate.open();
        for (Thread thread : threads) {
            thread.join(SETTLE_LIMIT.toMillis());
        }
        final List<T> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final Object result = results.get(i);
            if (result instanceof Throwable t) {
                throw new AssertionError("login " + i + " failed", t);
            }
            @SuppressWarnings("unchecked") final T typed = (T) result;
            list.add(typed);
        }
        return list;
    }

    private static void awaitParked(List<Thread> threads) throws InterruptedException {
        final long limit = System.nanoTime() + SETTLE_LIMIT.toNanos();
        while (System.nanoTime() < limit) {
            if (threads.stream().allMatch(SimultaneousLogins::parked)) {
                return;
            }
            Thread.sleep(20);
        }
    }

    private static boolean parked(Thread thread) {
        final Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.TERMINATED;
    }
}
