package org.igniterealtime.openfire.plugin.boshcertauth.websocket;

import org.eclipse.jetty.ee8.websocket.api.Session;

/** The four WebSocket events Openfire's per-connection endpoint handles (an interface so tests can stand in for it). */
public interface XmppSocketHandler {
    void onConnect(Session session);

    void onText(String frame);

    void onClose(int statusCode, String reason);

    void onError(Throwable error);
}
