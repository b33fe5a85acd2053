package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import java.time.Duration;

/**
 * The time budget of the revocation checks of one login, on the monotonic clock: however many certificates and
 * sources there are, together they may not take longer than {@code revocationTimeout}.
 */
public final class RevocationDeadline {

    private final long deadlineNanos;

    private RevocationDeadline(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    public static RevocationDeadline after(Duration budget) {
        return new RevocationDeadline(System.nanoTime() + budget.toNanos());
    }

    /** Time left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    public boolean passed() {
        return remaining().isZero();
    }
}
