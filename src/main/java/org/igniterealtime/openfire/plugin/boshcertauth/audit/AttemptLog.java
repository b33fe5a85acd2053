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
    /** Told after every change (outside the lock), e.g. {@link PersistedAttempts}; it must return at once. */
    private volatile Runnable onChange = () -> {};

    public AttemptLog(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    public void add(LoginAttempt attempt) {
        synchronized (attempts) {
            attempts.addFirst(attempt);
            trim();
        }
        onChange.run();
    }

    /**
     * Puts {@code updated} where {@code current} is (the same object), keeping its place in the list; adds it as the
     * newest when {@code current} is no longer listed (pushed out meanwhile).
     */
    public void replace(LoginAttempt current, LoginAttempt updated) {
        synchronized (attempts) {
            if (!replaceInPlace(current, updated)) {
                attempts.addFirst(updated);
                trim();
            }
        }
        onChange.run();
    }

    private boolean replaceInPlace(LoginAttempt current, LoginAttempt updated) {
        final var it = attempts.listIterator();
        while (it.hasNext()) {
            if (it.next() == current) {
                it.set(updated);
                return true;
            }
        }
        return false;
    }

    public void setCapacity(int capacity) {
        synchronized (attempts) {
            this.capacity = Math.max(1, capacity);
            trim();
        }
        onChange.run();
    }

    /** How many attempts the list keeps. */
    public int capacity() {
        return capacity;
    }

    /**
     * Puts attempts stored before (newest first) behind the ones listed now, as far as the capacity allows: the list
     * as it was before a plugin reload or an Openfire restart. Does not tell {@link #onChange(Runnable)}.
     */
    public void restore(List<LoginAttempt> newestFirst) {
        synchronized (attempts) {
            for (LoginAttempt attempt : newestFirst) {
                if (attempts.size() >= capacity) {
                    break;
                }
                attempts.addLast(attempt);
            }
        }
    }

    /** @param listener told after every change, outside the list's lock; must not block (a login is waiting) */
    public void onChange(Runnable listener) {
        this.onChange = listener == null ? () -> {} : listener;
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
