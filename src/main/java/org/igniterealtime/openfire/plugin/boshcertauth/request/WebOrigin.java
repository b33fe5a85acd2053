package org.igniterealtime.openfire.plugin.boshcertauth.request;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A web origin (RFC 6454): scheme, host and port, normalised the way browsers compare them — lower case, the default
 * port of http/https made explicit, nothing else (no path, query, user info or fragment). This is what a browser
 * sends in {@code Origin} and what an administrator lists in {@code boshcertauth.web.allowed-origins}.
 */
public record WebOrigin(String scheme, String host, int port) {

    /** The longest origin we parse; real ones are far shorter, anything longer is hostile. */
    static final int MAX_LENGTH = 300;

    // scheme "://" host [":" port]; host is a DNS name / IPv4 literal, or an IPv6 literal in brackets.
    private static final Pattern ORIGIN = Pattern.compile(
        "([a-z][a-z0-9+.-]{0,31})://(\\[[0-9a-f:.]{2,45}]|[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*)(?::([0-9]{1,5}))?");
    private static final Pattern HOST_AND_PORT = Pattern.compile(
        "(\\[[0-9a-f:.]{2,45}]|[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*)(?::([0-9]{1,5}))?");

    /**
     * Parses a serialised origin such as {@code https://chat.example.org} or {@code http://127.0.0.1:8080}.
     * Trailing slash, path, query, user info, wildcards and the opaque origin {@code null} are not origins here.
     */
    public static Optional<WebOrigin> parse(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        final Matcher m = ORIGIN.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        return of(m.group(1), m.group(2), m.group(3));
    }

    /**
     * The origin a request was addressed to, from its scheme and {@code Host} header (what a browser compares a
     * page's origin with); empty when the Host header is missing or malformed.
     */
    public static Optional<WebOrigin> ofRequest(String scheme, String hostHeader) {
        if (scheme == null || hostHeader == null || hostHeader.isEmpty() || hostHeader.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        final String normalisedScheme = switch (scheme.toLowerCase(Locale.ROOT)) {
            case "wss" -> "https"; // a WebSocket upgrade is an HTTP(S) request; pages have http(s) origins
            case "ws" -> "http";
            default -> scheme.toLowerCase(Locale.ROOT);
        };
        final Matcher m = HOST_AND_PORT.matcher(hostHeader.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        return of(normalisedScheme, m.group(1), m.group(2));
    }

    private static Optional<WebOrigin> of(String scheme, String host, String portText) {
        final int port;
        if (portText == null) {
            port = defaultPort(scheme);
            if (port < 0) {
                return Optional.empty(); // no port and no default: not comparable
            }
        } else {
            port = Integer.parseInt(portText);
            if (port < 1 || port > 65535) {
                return Optional.empty();
            }
        }
        return Optional.of(new WebOrigin(scheme, host, port));
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
    }

    /** The origin as a browser serialises it (default ports omitted). */
    @Override
    public String toString() {
        return port == defaultPort(scheme) ? scheme + "://" + host : scheme + "://" + host + ":" + port;
    }
}
