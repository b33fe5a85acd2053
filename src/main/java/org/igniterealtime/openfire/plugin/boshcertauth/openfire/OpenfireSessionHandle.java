package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.session.SessionHandle;
import org.jivesoftware.openfire.http.HttpSession;
import org.jivesoftware.openfire.session.LocalSession;
import org.jivesoftware.util.TaskEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.StreamError;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.TimerTask;

/**
 * A live certificate session as Openfire's {@link LocalSession} (BOSH: its HttpSession; WebSocket: the client
 * session of the WebSocket connection).
 *
 * <p>Ending: the stream error is delivered as raw text, as Openfire does itself before it closes a stream
 * ({@code Connection.close(StreamError)} is not used: it is a default method in 5.0.5 and abstract in 5.1, and its BOSH
 * implementation drops the error and sends a bare terminate body). Over WebSocket the error goes out at once and the
 * session is closed right after ({@code <close/>} frame). Over BOSH the error is queued for the client's next (or
 * waiting) request, and the session is closed {@link #BOSH_GRACE} later, so that request can still collect it; after
 * that the client gets Openfire's terminate body.</p>
 *
 * <p>Holds the session weakly: the registry must not keep a session Openfire has let go of alive.</p>
 */
final class OpenfireSessionHandle implements SessionHandle {

    private static final Logger Log = LoggerFactory.getLogger(OpenfireSessionHandle.class);
    static final Duration BOSH_GRACE = Duration.ofSeconds(2);

    private final WeakReference<LocalSession> session;

    OpenfireSessionHandle(LocalSession session) {
        this.session = new WeakReference<>(session);
    }

    @Override
    public boolean isClosed() {
        final LocalSession s = session.get();
        return s == null || s.isClosed();
    }

    @Override
    public void end(String text) {
        final LocalSession s = session.get();
        if (s == null || s.isClosed()) {
            return;
        }
        try {
            s.deliverRawText(new StreamError(StreamError.Condition.policy_violation, text).toXML());
        } catch (RuntimeException e) {
            Log.debug("Could not deliver the stream error before closing the session", e);
        }
        if (s instanceof HttpSession) {
            TaskEngine.getInstance().schedule(new TimerTask() {
                @Override
                public void run() {
                    close(s);
                }
            }, BOSH_GRACE);
        } else {
            close(s);
        }
    }

    private static void close(LocalSession s) {
        try {
            if (!s.isClosed()) {
                s.close();
            }
        } catch (RuntimeException e) {
            Log.warn("Could not close an ended certificate session", e);
        }
    }
}
