package org.igniterealtime.openfire.plugin.boshcertauth.registration;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An {@link InMemoryRegistrationStore} that can hold one thread inside a read, to provoke an interleaving
 * deterministically: {@link #holdReadsOf} names the thread; its next {@code all()} or {@code of()} reads the rows,
 * counts down {@link #reached} and waits for {@link #release}. Other threads pass straight through.
 */
final class GatedRegistrationStore implements RegistrationStore {

    final InMemoryRegistrationStore rows = new InMemoryRegistrationStore();
    final CountDownLatch reached = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private volatile String heldThread;

    /** The next read made by the thread of this name is held (once). */
    void holdReadsOf(String threadName) {
        heldThread = threadName;
    }

    @Override
    public List<RegisteredCertificate> all() throws SQLException {
        return held(rows.all());
    }

    @Override
    public List<RegisteredCertificate> of(String username) throws SQLException {
        return held(rows.of(username));
    }

    @Override
    public boolean add(RegisteredCertificate entry) throws SQLException {
        return rows.add(entry);
    }

    @Override
    public boolean disable(String username, String name) throws SQLException {
        return rows.disable(username, name);
    }

    @Override
    public boolean remove(String username, String name) throws SQLException {
        return rows.remove(username, name);
    }

    private <T> T held(T result) {
        if (Thread.currentThread().getName().equals(heldThread)) {
            heldThread = null;
            reached.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the held read");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return result;
    }

    /**
     * Waits (bounded) until {@code thread} has ended or is parked on a lock or a wait: the state a thread that races a
     * held one is in once it has done all it can.
     */
    static void awaitStuckOrDone(Thread thread) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (thread.isAlive() && thread.getState() != Thread.State.BLOCKED && thread.getState() != Thread.State.WAITING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(thread.getName() + " neither ended nor blocked: " + thread.getState());
            }
            Thread.onSpinWait();
            Thread.sleep(1); // polling a condition, not timing anything
        }
    }
}
