package org.igniterealtime.openfire.plugin.boshcertauth.request;

import javax.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The request headers a browser sets about who made a request (pages cannot set or remove them), and the Host the
 * request was addressed to.
 *
 * @param origins every {@code Origin} header value (normally none or one)
 */
public record BrowserHeaders(List<String> origins, String secFetchSite, String secFetchMode, String secFetchDest, String host) {

    public BrowserHeaders {
        origins = List.copyOf(origins);
    }

    public static BrowserHeaders of(HttpServletRequest request) {
        final Enumeration<String> origins = request.getHeaders("Origin");
        return new BrowserHeaders(origins == null ? List.of() : Collections.list(origins),
            request.getHeader("Sec-Fetch-Site"), request.getHeader("Sec-Fetch-Mode"), request.getHeader("Sec-Fetch-Dest"),
            request.getHeader("Host"));
    }
}
