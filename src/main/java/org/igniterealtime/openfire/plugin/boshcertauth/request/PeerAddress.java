package org.igniterealtime.openfire.plugin.boshcertauth.request;

import javax.servlet.http.HttpServletRequest;

/**
 * The address of a request's TCP peer. Deliberately not {@code getRemoteAddr()} alone on Openfire: with Openfire's
 * forwarded-header support switched on, Jetty replaces that with the X-Forwarded-For value, which the client
 * controls. The container-specific look-up lives with the rest of Openfire's and Jetty's internals
 * ({@code openfire.JettyPeerAddress}).
 */
@FunctionalInterface
public interface PeerAddress {
    String of(HttpServletRequest request);
}
