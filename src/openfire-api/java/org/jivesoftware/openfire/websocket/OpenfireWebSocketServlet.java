// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.websocket;

import org.eclipse.jetty.ee8.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee8.websocket.server.JettyWebSocketServletFactory;

/** Openfire's RFC 7395 servlet; we subclass it to keep its configuration, CORS handling and destroy() exactly. */
public class OpenfireWebSocketServlet extends JettyWebSocketServlet {
    public OpenfireWebSocketServlet() { }

    @Override
    public void configure(JettyWebSocketServletFactory factory) { throw new UnsupportedOperationException("compile-only declaration"); }
}
