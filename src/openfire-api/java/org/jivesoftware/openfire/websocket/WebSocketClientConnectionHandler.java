// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.websocket;

import org.eclipse.jetty.ee8.websocket.api.Session;

/** Openfire's per-connection WebSocket endpoint; created by Openfire's servlet, never by us. */
public class WebSocketClientConnectionHandler {
    private WebSocketClientConnectionHandler() { throw new UnsupportedOperationException("compile-only declaration"); }

    public void onConnect(Session session) { throw new UnsupportedOperationException(); }
    public void onClose(int statusCode, String reason) { throw new UnsupportedOperationException(); }
    public void onTextMethod(String stanza) { throw new UnsupportedOperationException(); }
    public void onError(Throwable error) { throw new UnsupportedOperationException(); }
}
