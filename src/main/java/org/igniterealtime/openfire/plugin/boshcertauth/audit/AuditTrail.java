package org.igniterealtime.openfire.plugin.boshcertauth.audit;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Records each attempt in three places: this plugin's log (INFO for successes and refusals, with the reason), the
 * in-memory list for the admin page, and Openfire's security audit log.
 *
 * <p><b>Repeated refusals are folded.</b> Refusals cost an attacker nothing (a garbage POST is one), and each one
 * used to cost a security-audit row and a place in the admin page's list, so a flood filled the audit table and
 * pushed real logins off the page. A refusal identical to one recorded less than the fold window ago (same stage,
 * mechanism, peer address, reason and certificate fingerprint, or none) is therefore not recorded again: the first
 * one's entry in the list counts it ({@link LoginAttempt#count()}, "×N"), and the number of folded refusals goes into
 * the next log line and audit row of that key: the first one after the window, or, when none comes, one closing
 * line written when the trail next records anything (or on {@link #flush()}). So each key costs at most one log line
 * and one audit row per window. The client-chosen parts (authzid, request details) are deliberately not part of the
 * key: varying them must not defeat the folding. Successes are never folded. At most {@code maxKeys} windows are
 * kept; the oldest is closed early when a new key needs room.</p>
 *
 * <p>Openfire's security audit gets the certificate's identity as its user (the user name once the identity is a
 * local user, see {@link LoginAttempt#certificateIdentity()}), never the authzid the client sent (that appears, cut
 * and escaped, in the details only), and values cut and escaped to fit its columns ({@link SecurityAuditColumns}).</p>
 */
public final class AuditTrail {

    private static final Logger Log = LoggerFactory.getLogger(AuditTrail.class);

    public static final Duration DEFAULT_FOLD_WINDOW = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_FOLDED_KEYS = 1024;

    /** Where security-relevant events go besides our own log (Openfire's SecurityAuditManager in production). */
    @FunctionalInterface
    public interface SecurityAuditSink {
        void logEvent(String username, String summary, String details);
    }

    private final AttemptLog attempts;
    private final SecurityAuditSink sink;
    private final Duration window;
    private final int maxKeys;
    private final Consumer<String> pluginLog;

    private final Object lock = new Object();
    /** Open fold windows in the order they opened (so the oldest is first). */
    private final LinkedHashMap<FoldKey, FoldWindow> windows = new LinkedHashMap<>();
    private Instant now = Instant.MIN;

    public AuditTrail(AttemptLog attempts, SecurityAuditSink sink) {
        this(attempts, sink, DEFAULT_FOLD_WINDOW, DEFAULT_MAX_FOLDED_KEYS);
    }

    public AuditTrail(AttemptLog attempts, SecurityAuditSink sink, Duration window, int maxKeys) {
        this(attempts, sink, window, maxKeys, line -> Log.info("Certificate login {}", line));
    }

    /** @param pluginLog  receives each line for this plugin's log (tests watch it; production logs at INFO) */
    AuditTrail(AttemptLog attempts, SecurityAuditSink sink, Duration window, int maxKeys, Consumer<String> pluginLog) {
        this.attempts = attempts;
        this.sink = SecurityAuditColumns.fitting(sink);
        this.window = window;
        this.maxKeys = Math.max(1, maxKeys);
        this.pluginLog = pluginLog;
    }

    public AttemptLog attempts() {
        return attempts;
    }

    public void record(LoginAttempt attempt) {
        final List<Line> lines = new ArrayList<>();
        synchronized (lock) {
            if (attempt.time().isAfter(now)) {
                now = attempt.time();
            }
            final FoldKey key = attempt.success() ? null : FoldKey.of(attempt);
            FoldWindow carried = closeExpired(key, lines);
            if (key == null) {
                attempts.add(attempt);
                lines.add(new Line(attempt, null, false));
            } else {
                final FoldWindow open = windows.get(key);
                if (open != null && !open.expired(now, window)) {
                    open.fold(attempt, attempts);
                } else {
                    if (open != null) {
                        windows.remove(key);
                        carried = open.folded > 0 ? open : carried;
                    }
                    makeRoom(lines);
                    windows.put(key, new FoldWindow(attempt));
                    attempts.add(attempt);
                    lines.add(new Line(attempt, carried, false));
                }
            }
        }
        // Outside the lock: the audit provider writes to the database, logins must not queue behind it.
        lines.forEach(this::write);
    }

    /** Writes the closing line of every window that folded refusals, and forgets all windows (plugin shutdown). */
    public void flush() {
        final List<Line> lines = new ArrayList<>();
        synchronized (lock) {
            for (FoldWindow open : windows.values()) {
                if (open.folded > 0) {
                    lines.add(new Line(open.first, open, true));
                }
            }
            windows.clear();
        }
        lines.forEach(this::write);
    }

    /** How many fold windows are open (bounded by {@code maxKeys}). */
    int openWindows() {
        synchronized (lock) {
            return windows.size();
        }
    }

    /**
     * Closes the windows that have ended, oldest first. A closed window that folded refusals gets its closing line,
     * unless it is the key being recorded now: then its count goes with that attempt's line, which is returned.
     */
    private FoldWindow closeExpired(FoldKey current, List<Line> lines) {
        FoldWindow carried = null;
        final Iterator<Map.Entry<FoldKey, FoldWindow>> it = windows.entrySet().iterator();
        while (it.hasNext()) {
            final Map.Entry<FoldKey, FoldWindow> entry = it.next();
            if (!entry.getValue().expired(now, window)) {
                break;
            }
            it.remove();
            final FoldWindow closed = entry.getValue();
            if (closed.folded > 0) {
                if (entry.getKey().equals(current)) {
                    carried = closed;
                } else {
                    lines.add(new Line(closed.first, closed, true));
                }
            }
        }
        return carried;
    }

    private void makeRoom(List<Line> lines) {
        while (windows.size() >= maxKeys) {
            final Iterator<FoldWindow> it = windows.values().iterator();
            final FoldWindow oldest = it.next();
            it.remove();
            if (oldest.folded > 0) {
                lines.add(new Line(oldest.first, oldest, true));
            }
        }
    }

    private void write(Line line) {
        final String text = line.text();
        pluginLog.accept(text);
        try {
            sink.logEvent(auditUser(line.attempt()), summary(line.attempt()), text);
        } catch (RuntimeException e) {
            // The audit log is best effort: a broken audit provider must not break logins.
            Log.warn("Could not write to Openfire's security audit log", e);
        }
    }

    /**
     * The certificate's identity: the user name once it is a local user (success, locked-out account), the bare JID
     * when no such user exists, and "" when the attempt never got as far as an identity.
     */
    static String auditUser(LoginAttempt attempt) {
        final Optional<JID> identity = attempt.certificateIdentity();
        if (identity.isEmpty()) {
            return "";
        }
        return attempt.reason() == FailureReason.UNKNOWN_USER ? identity.get().toBareJID() : identity.get().getNode();
    }

    /** E.g. "Certificate login success over WebSocket", "Certificate login failure over BOSH: the chain ...". */
    static String summary(LoginAttempt attempt) {
        return "Certificate login " + attempt.outcome() + " over " + attempt.transport()
            + (attempt.reason() == null ? "" : ": " + attempt.reason().description());
    }

    /**
     * What makes two refusals "identical": nothing the client may vary freely at no cost (authzid, body, detail). The
     * refused web origin is part of it: folding another site's refusal into the first one's row would show one origin
     * ×N with one "allow this origin" button for whichever came first.
     */
    record FoldKey(String stage, String mechanism, String peer, FailureReason reason, String sha256, String origin) {
        static FoldKey of(LoginAttempt attempt) {
            return new FoldKey(attempt.stage(), attempt.mechanism(), attempt.remoteAddress(), attempt.reason(),
                attempt.certificate().sha256(), attempt.origin());
        }
    }

    /** One key's window: its first refusal (recorded), and the refusals folded into it since. */
    private static final class FoldWindow {
        final LoginAttempt first;
        LoginAttempt entry;
        Instant last;
        int folded;

        FoldWindow(LoginAttempt first) {
            this.first = first;
            this.entry = first;
            this.last = first.time();
        }

        boolean expired(Instant now, Duration window) {
            return !now.isBefore(first.time().plus(window));
        }

        void fold(LoginAttempt repeat, AttemptLog attempts) {
            folded++;
            if (repeat.time().isAfter(last)) {
                last = repeat.time();
            }
            final LoginAttempt counted = entry.withCount(entry.count() + 1);
            attempts.replace(entry, counted);
            entry = counted;
        }

        String note() {
            return folded + " identical refusal" + (folded == 1 ? " was" : "s were") + " folded between "
                + first.time() + " and " + last;
        }
    }

    /**
     * One line for the plugin log and one audit row: an attempt recorded now (with the count of the same key's
     * previous window, if any), or the closing line of a window.
     */
    private record Line(LoginAttempt attempt, FoldWindow folded, boolean closing) {
        String text() {
            if (folded == null) {
                return attempt.describe();
            }
            return attempt.describe() + (closing ? "; repeated: " : "; before this, ") + folded.note();
        }
    }
}
