package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.bosh.CorsHeaders;
import org.jivesoftware.openfire.http.HttpBindManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The CORS headers exactly as Openfire's {@code HttpBindServlet.service} sets them (5.0.5, 5.1.1 and 5.2 alike, read
 * from their byte code): with {@code xmpp.httpbind.client.cors.enabled}, Allow-Origin {@code *} when all origins are
 * allowed, else the request's Origin when Openfire allows it; Allow-Methods, Allow-Headers and Max-Age. Openfire
 * takes these three from the properties' <em>default</em> values, not the configured ones; so do we, so that our
 * answers carry the very headers Openfire's own do.
 */
public final class OpenfireCorsHeaders implements CorsHeaders {

    private static final Logger Log = LoggerFactory.getLogger(OpenfireCorsHeaders.class);

    @Override
    public boolean apply(HttpServletRequest request, HttpServletResponse response) {
        try {
            if (!HttpBindManager.HTTP_BIND_CORS_ENABLED.getValue()) {
                return false;
            }
            final HttpBindManager manager = HttpBindManager.getInstance();
            if (manager.isAllOriginsAllowed()) {
                response.setHeader("Access-Control-Allow-Origin", "*");
            } else {
                final String origin = request.getHeader("Origin");
                if (origin != null && manager.isThisOriginAllowed(origin)) {
                    response.setHeader("Access-Control-Allow-Origin", origin);
                }
            }
            response.setHeader("Access-Control-Allow-Methods", String.join(",", HttpBindManager.HTTP_BIND_CORS_ALLOW_METHODS.getDefaultValue()));
            response.setHeader("Access-Control-Allow-Headers", String.join(",", HttpBindManager.HTTP_BIND_CORS_ALLOW_HEADERS.getDefaultValue()));
            response.setHeader("Access-Control-Max-Age", String.valueOf(HttpBindManager.HTTP_BIND_CORS_MAX_AGE.getDefaultValue().toSeconds()));
            return true;
        } catch (RuntimeException | LinkageError e) {
            // Never fail a refusal for want of its CORS headers: the browser then reports a CORS error, as before.
            Log.debug("Could not read Openfire's CORS settings for a refusal", e);
            return false;
        }
    }
}
