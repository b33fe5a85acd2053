package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;

/**
 * The one element of an Envoy {@code x-forwarded-client-cert} header that we may believe: the last. XFCC is a
 * comma-separated list of elements, each a ';'-separated list of {@code key=value} pairs; a value that contains
 * ',', ';' or '=' is double-quoted, and inside quotes a backslash escapes the next character (\" and \\). Each Envoy
 * hop with {@code APPEND_FORWARD} appends its element, so the last one comes from the proxy directly in front of us
 * (the trusted one) and everything before it from further away — possibly from the client itself.
 *
 * <p>Only {@code Cert} and {@code Chain} are kept; the other keys (By, Hash, Subject, URI, DNS) are checked for syntax
 * and skipped: identity comes from the certificate, never from the proxy's summary of it.
 */
final class XfccElement {

    private final String cert;
    private final String chain;

    private XfccElement(String cert, String chain) {
        this.cert = cert;
        this.chain = chain;
    }

    /** The URL-encoded PEM client certificate, or null. */
    String cert() {
        return cert;
    }

    /** The URL-encoded PEM chain (leaf first, leaf included), or null. */
    String chain() {
        return chain;
    }

    /** Parses the header's last element; syntax errors anywhere in the header are PROXY_UNDECODABLE. */
    static XfccElement last(String header, String what) throws ForwardedHeaderException {
        return parseElement(header, lastElementStart(header, what), what);
    }

    /** Scans the whole header once, respecting quotes, and returns where the last top-level element begins. */
    private static int lastElementStart(String header, String what) throws ForwardedHeaderException {
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            final char c = header.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                start = i + 1;
            }
        }
        if (quoted) {
            throw undecodable(what + " has an unterminated quoted value");
        }
        return start;
    }

    private static XfccElement parseElement(String header, int from, String what) throws ForwardedHeaderException {
        String cert = null;
        String chain = null;
        int i = from;
        final int end = header.length();
        while (true) {
            // key
            final int equals = header.indexOf('=', i);
            if (equals < 0) {
                throw undecodable(what + " has a pair without '=' in its last element");
            }
            final String key = header.substring(i, equals).strip();
            if (key.isEmpty() || key.indexOf(';') >= 0 || key.indexOf('"') >= 0) {
                throw undecodable(what + " has a malformed key in its last element");
            }
            // value: quoted (with escapes) or bare up to the next ';'
            final StringBuilder value = new StringBuilder();
            int j = equals + 1;
            while (j < end && header.charAt(j) == ' ') {
                j++;
            }
            if (j < end && header.charAt(j) == '"') {
                j++;
                while (header.charAt(j) != '"') {   // terminated: lastElementStart checked the quotes
                    if (header.charAt(j) == '\\') {
                        j++;
                    }
                    value.append(header.charAt(j++));
                }
                j++;
                while (j < end && header.charAt(j) == ' ') {
                    j++;
                }
                if (j < end && header.charAt(j) != ';') {
                    throw undecodable(what + " has text after a quoted value in its last element");
                }
            } else {
                final int semicolon = header.indexOf(';', j);
                final int valueEnd = semicolon < 0 ? end : semicolon;
                final String bare = header.substring(j, valueEnd).strip();
                if (bare.indexOf('"') >= 0 || bare.indexOf('=') >= 0) {
                    throw undecodable(what + " has an unquoted value with '\"' or '=' in its last element");
                }
                value.append(bare);
                j = valueEnd;
            }
            if (key.equalsIgnoreCase("Cert")) {
                cert = once(cert, value.toString(), "Cert", what);
            } else if (key.equalsIgnoreCase("Chain")) {
                chain = once(chain, value.toString(), "Chain", what);
            }
            if (j >= end) {
                return new XfccElement(cert, chain);
            }
            i = j + 1;   // past ';'
        }
    }

    private static String once(String previous, String value, String key, String what) throws ForwardedHeaderException {
        if (previous != null) {
            throw new ForwardedHeaderException(FailureReason.PROXY_DUPLICATE_HEADER,
                what + " names " + key + " twice in its last element");
        }
        return value;
    }

    private static ForwardedHeaderException undecodable(String detail) {
        return CertificateDecoder.undecodable(detail);
    }
}
