package org.igniterealtime.openfire.plugin.boshcertauth.audit;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;

/**
 * The most recent login attempts, newest first, bounded; for the admin console's diagnostics. Thread-safe. An entry
 * may stand for several identical refusals ({@link LoginAttempt#count()}, see {@link AuditTrail}).
 */
public final class AttemptLog {

    private final LinkedList<LoginAttempt> attempts = new LinkedList<>(); // a Deque that can also replace in place
    private volatile int capacity;

    public AttemptLog(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    public void add(LoginAttempt attempt) {
        synchronized (attempts) {
            attempts.addFirst(attempt);
            trim();
        }
    }

    /**
     * Puts {@code updated} where {@code current} is (the same object), keeping its place in the list; adds it as the
     * newest when {@code current} is no longer listed (pushed out meanwhile).
     */
    public void replace(LoginAttempt current, LoginAttempt updated) {
        synchronized (attempts) {
            final var it = attempts.listIterator();
            while (it.hasNext()) {
                if (it.next() == current) {
                    it.set(updated);
                    return;
                }
            }
            attempts.addFirst(updated);
            trim();
        }
    }

    public void setCapacity(int capacity) {
        synchronized (attempts) {
            this.capacity = Math.max(1, capacity);
            trim();
        }
    }

    /** A snapshot, newest first. */
    public List<LoginAttempt> recent() {
        synchronized (attempts) {
            return List.copyOf(new ArrayList<>(attempts));
        }
    }

    private void trim() {
        while (attempts.size() > capacity) {
            attempts.removeLast();
        }
    }
}
