package org.igniterealtime.openfire.plugin.boshcertauth.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each attempt in three places: this plugin's log (INFO for successes and refusals, with the reason), the
 * in-memory list for the admin page, and Openfire's security audit log.
 */
public final class AuditTrail {

    private static final Logger Log = LoggerFactory.getLogger(AuditTrail.class);

    /** Where security-relevant events go besides our own log (Openfire's SecurityAuditManager in production). */
    @FunctionalInterface
    public interface SecurityAuditSink {
        void logEvent(String username, String summary, String details);
    }

    private final AttemptLog attempts;
    private final SecurityAuditSink sink;

    public AuditTrail(AttemptLog attempts, SecurityAuditSink sink) {
        this.attempts = attempts;
        this.sink = sink;
    }

    public AttemptLog attempts() {
        return attempts;
    }

    public void record(LoginAttempt attempt) {
        attempts.add(attempt);
        final String line = attempt.describe();
        Log.info("Certificate login {}", line);
        try {
            final String user = attempt.jid().isEmpty() ? "(unknown)" : attempt.jid();
            final String summary = "BOSH certificate login " + attempt.outcome()
                + (attempt.reason() == null ? "" : ": " + attempt.reason().description());
            sink.logEvent(user, summary, line);
        } catch (RuntimeException e) {
            // The audit log is best effort: a broken audit provider must not break logins.
            Log.warn("Could not write to Openfire's security audit log", e);
        }
    }
}
