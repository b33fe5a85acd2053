package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.eclipse.jetty.ee8.nested.HttpChannel;
import org.eclipse.jetty.ee8.nested.Request;
import org.igniterealtime.openfire.plugin.boshcertauth.request.PeerAddress;

import javax.servlet.http.HttpServletRequest;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The TCP peer of a request from Jetty's own connection, below any forwarded-header customizer: with Openfire's
 * forwarded-header support switched on, Jetty replaces {@code getRemoteAddr()} with the X-Forwarded-For value, which
 * the client controls.
 */
public final class JettyPeerAddress implements PeerAddress {

    public static final JettyPeerAddress INSTANCE = new JettyPeerAddress();

    private JettyPeerAddress() {}

    @Override
    public String of(HttpServletRequest request) {
        try {
            final Request base = Request.getBaseRequest(request);
            final HttpChannel channel = base == null ? null : base.getHttpChannel();
            final SocketAddress address = channel == null || channel.getEndPoint() == null ? null : channel.getEndPoint().getRemoteSocketAddress();
            if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
                return inet.getAddress().getHostAddress();
            }
        } catch (RuntimeException | LinkageError e) {
            // Not Jetty ee8 (e.g. a test container): fall back to the servlet API.
        }
        return request.getRemoteAddr();
    }
}
