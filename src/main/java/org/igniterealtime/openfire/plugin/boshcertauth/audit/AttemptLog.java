package org.igniterealtime.openfire.plugin.boshcertauth.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The most recent login attempts, newest first, bounded; for the admin console's diagnostics. Thread-safe. */
public final class AttemptLog {

    private final Deque<LoginAttempt> attempts = new ArrayDeque<>();
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
