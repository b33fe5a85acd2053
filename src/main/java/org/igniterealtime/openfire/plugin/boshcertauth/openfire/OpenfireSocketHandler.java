package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.eclipse.jetty.ee8.websocket.api.Session;
import org.igniterealtime.openfire.plugin.boshcertauth.websocket.XmppSocketHandler;
import org.jivesoftware.openfire.websocket.WebSocketClientConnectionHandler;

/** Openfire's own endpoint, driven by ours. */
final class OpenfireSocketHandler implements XmppSocketHandler {

    private final WebSocketClientConnectionHandler openfire;

    OpenfireSocketHandler(WebSocketClientConnectionHandler openfire) {
        this.openfire = openfire;
    }

    /** @return the handler for an endpoint Openfire's creator returned, or null when it is not Openfire's */
    static XmppSocketHandler adapt(Object endpoint) {
        return endpoint instanceof WebSocketClientConnectionHandler handler ? new OpenfireSocketHandler(handler) : null;
    }

    @Override
    public void onConnect(Session session) {
        openfire.onConnect(session);
    }

    @Override
    public void onText(String frame) {
        openfire.onTextMethod(frame);
    }

    @Override
    public void onClose(int statusCode, String reason) {
        openfire.onClose(statusCode, reason);
    }

    @Override
    public void onError(Throwable error) {
        openfire.onError(error);
    }
}
