package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.eclipse.jetty.ee8.websocket.server.JettyWebSocketServletFactory;
import org.igniterealtime.openfire.plugin.boshcertauth.websocket.WebSocketCertificateLogin;
import org.jivesoftware.openfire.websocket.OpenfireWebSocketServlet;

/**
 * Openfire's WebSocket servlet, unchanged — CORS headers, closing WebSocket sessions on destroy, compression, message
 * size, idle timeout, rate limiting, the "xmpp" subprotocol — except that the endpoint its creator makes is wrapped
 * in ours. Subclassing (rather than re-implementing its configuration) keeps it exact across Openfire 5.x releases.
 */
public final class CertificateWebSocketServlet extends OpenfireWebSocketServlet {

    private static final long serialVersionUID = 1L;

    private final transient WebSocketCertificateLogin login;

    public CertificateWebSocketServlet(WebSocketCertificateLogin login) {
        this.login = login;
    }

    @Override
    public void configure(JettyWebSocketServletFactory factory) {
        super.configure(new CreatorWrappingFactory(factory, login::wrap));
    }
}
