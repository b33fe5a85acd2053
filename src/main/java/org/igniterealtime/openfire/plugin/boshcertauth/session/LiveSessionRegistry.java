package org.igniterealtime.openfire.plugin.boshcertauth.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The certificate sessions of this node that are (as far as we know) still open. A session enters at its successful
 * certificate login and leaves when it is ended through {@link SessionEnder} or when the supervisor finds that Openfire
 * closed it ({@link #forgetClosed()}), so the registry never holds more entries than the node has certificate
 * sessions plus those closed since the last tick.
 */
public final class LiveSessionRegistry {

    private final ConcurrentMap<String, LiveCertificateSession> sessions = new ConcurrentHashMap<>();

    /** Adds a session that just logged in; a later login on the same stream id replaces the earlier entry. */
    public void add(LiveCertificateSession session) {
        sessions.put(session.id(), session);
    }

    public Optional<LiveCertificateSession> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(sessions.get(id));
    }

    /** Every session, newest first (for the admin page). */
    public List<LiveCertificateSession> list() {
        final List<LiveCertificateSession> all = new ArrayList<>(sessions.values());
        all.sort(Comparator.comparingLong(LiveCertificateSession::sinceMillis).reversed().thenComparing(LiveCertificateSession::id));
        return all;
    }

    /** Every session in the order of their ids (stable between ticks, for the supervisor's round robin). */
    List<LiveCertificateSession> byId() {
        final List<LiveCertificateSession> all = new ArrayList<>(sessions.values());
        all.sort(Comparator.comparing(LiveCertificateSession::id));
        return all;
    }

    public int size() {
        return sessions.size();
    }

    /** Takes this very entry out; false when it was already gone (ended by somebody else, or replaced). */
    boolean remove(LiveCertificateSession session) {
        return sessions.remove(session.id(), session);
    }

    /** Forgets the sessions Openfire has closed since (logout, timeout, network); returns how many. */
    public int forgetClosed() {
        int forgotten = 0;
        for (LiveCertificateSession session : sessions.values()) {
            boolean closed;
            try {
                closed = session.handle().isClosed();
            } catch (RuntimeException e) {
                closed = true; // a session Openfire cannot even tell about is no live session
            }
            if (closed && sessions.remove(session.id(), session)) {
                forgotten++;
            }
        }
        return forgotten;
    }

    /** Forgets everything (plugin unload: the sessions stay, but nobody supervises them any more). */
    public void clear() {
        sessions.clear();
    }
}
