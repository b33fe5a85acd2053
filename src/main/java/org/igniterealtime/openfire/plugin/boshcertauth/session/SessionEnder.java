package org.igniterealtime.openfire.plugin.boshcertauth.session;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.AuditTrail;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Ends a live certificate session for a reason: the client gets a {@code policy-violation} stream error whose text
 * names the reason, the session leaves the registry, and the end is recorded like a refused login (plugin log,
 * Openfire's security audit log, the admin page's attempts list) at the stage "&lt;transport&gt;-session-end".
 */
public final class SessionEnder {

    private static final Logger Log = LoggerFactory.getLogger(SessionEnder.class);
    static final String STAGE_SUFFIX = "-session-end";

    private final LiveSessionRegistry registry;
    private final AuditTrail audit;
    private final Clock clock;

    public SessionEnder(LiveSessionRegistry registry, AuditTrail audit, Clock clock) {
        this.registry = registry;
        this.audit = audit;
        this.clock = clock;
    }

    /** @return false when the session was no longer registered (somebody else ended it, or it closed) */
    public boolean end(LiveCertificateSession session, FailureReason reason, String detail) {
        if (!registry.remove(session)) {
            return false;
        }
        try {
            session.handle().end(streamErrorText(reason));
        } catch (RuntimeException e) {
            Log.warn("Could not end the certificate session {} of {} cleanly", session.id(), session.jid(), e);
        }
        audit.record(new LoginAttempt(clock.instant(), stage(session.transport()), session.peer(), session.certificate(), "",
            session.jid(), reason, "session ended" + (detail == null || detail.isEmpty() ? "" : ": " + detail)));
        return true;
    }

    /** The stream error's text: the reason's name (stable, for client code and support) and its description. */
    public static String streamErrorText(FailureReason reason) {
        return "certificate session ended: " + reason.name() + " (" + reason.description() + ")";
    }

    static String stage(Transport transport) {
        return (transport == Transport.WEBSOCKET ? "websocket" : "bosh") + STAGE_SUFFIX;
    }
}
