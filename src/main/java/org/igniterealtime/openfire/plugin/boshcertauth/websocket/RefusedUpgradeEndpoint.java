package org.igniterealtime.openfire.plugin.boshcertauth.websocket;

import org.eclipse.jetty.ee8.websocket.api.Session;
import org.eclipse.jetty.ee8.websocket.api.annotations.OnWebSocketConnect;
import org.eclipse.jetty.ee8.websocket.api.annotations.OnWebSocketMessage;
import org.eclipse.jetty.ee8.websocket.api.annotations.WebSocket;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;

/**
 * The endpoint of a WebSocket connection refused at the upgrade (a valid client certificate is required and there is
 * none): it closes the connection at once with 1008 policy violation (RFC 6455 §7.4.1) and the reason, before
 * Openfire ever sees it — what the BOSH filter's HTTP 403 is for BOSH.
 *
 * <p>Why a close and not an HTTP 403 on the handshake: a browser hides the handshake's status from the page (a
 * refused handshake looks like a network error, code 1006), whereas a close code and reason reach the client, so a
 * web client (and a person looking at its console) can tell a refusal from an outage.</p>
 */
@WebSocket
public final class RefusedUpgradeEndpoint {

    static final int POLICY_VIOLATION = 1008;

    private final FailureReason reason;

    RefusedUpgradeEndpoint(FailureReason reason) {
        this.reason = reason;
    }

    FailureReason reason() {
        return reason;
    }

    /** The close reason the client sees (at most 123 bytes, as RFC 6455 allows). */
    String closeReason() {
        return "policy-violation: a valid client certificate is required (" + reason.name() + ")";
    }

    @OnWebSocketConnect
    public void onConnect(Session session) {
        session.close(POLICY_VIOLATION, closeReason());
    }

    @OnWebSocketMessage
    public void onText(String frame) {
        // Anything the client sent before our close arrived is dropped: nothing reaches Openfire.
    }
}
