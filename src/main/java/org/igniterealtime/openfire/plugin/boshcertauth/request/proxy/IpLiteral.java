package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Parses IP address literals — and only literals: nothing here may ever cause a DNS lookup, so a host name is
 * rejected by pattern before {@link InetAddress} sees it. IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) come
 * back as their 4-byte IPv4 form, as the JDK does, so that a proxy is matched whichever way a dual-stack socket
 * reports it.
 */
final class IpLiteral {

    private static final Pattern IPV4 = Pattern.compile(
        "(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    /**
     * Only hex digits, colons and dots, and at least one colon. InetAddress treats any text with a colon as an IPv6
     * literal and fails on an invalid one without resolving it; the pattern makes that independent of the JDK's
     * internals (a host name cannot contain a colon).
     */
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");

    private IpLiteral() {}

    /** The address's bytes (4 or 16), or null when the text is not an IP literal. No brackets, no zone id. */
    static byte[] parse(String text) {
        if (IPV4.matcher(text).matches()) {
            // Leading zeros are refused by the pattern: "010.0.0.1" is octal to some tools and decimal to others.
            final byte[] bytes = new byte[4];
            int octet = 0;
            int value = 0;
            for (int i = 0; i < text.length(); i++) {
                final char c = text.charAt(i);
                if (c == '.') {
                    bytes[octet++] = (byte) value;
                    value = 0;
                } else {
                    value = value * 10 + (c - '0');
                }
            }
            bytes[3] = (byte) value;
            return bytes;
        }
        if (IPV6_CHARACTERS.matcher(text).matches()) {
            try {
                return InetAddress.getByName(text).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    /** Whether {@code text}, a literal that {@link #parse} read as 4 bytes, was written as IPv4-mapped IPv6. */
    static boolean isMappedIpv4(String text, byte[] parsed) {
        return parsed.length == 4 && text.indexOf(':') >= 0;
    }

    /** The JDK's text form of an address, for messages ({@code getByAddress} never resolves). */
    static String format(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not 4 or 16 bytes", e);
        }
    }
}
