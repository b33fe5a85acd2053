package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * LDAP search filters (RFC 4515) built from values taken out of client certificates. Every value is hostile: a UPN of
 * {@code *)(uid=*} must match the one entry whose UPN is exactly that text, never widen the search. So every octet that
 * RFC 4515 requires escaping ({@code * ( ) \} and NUL) is written as {@code \xx}, and so is every octet outside
 * printable ASCII (allowed by RFC 4515 §3, and keeps UTF-8 and control bytes out of the filter's text); binary values
 * (a certificate's DER) are escaped octet by octet. Attribute names come from the administrator's settings and are
 * checked against RFC 4512's {@code descr} / numeric OID syntax (with options such as {@code ;binary}).
 */
public final class LdapFilter {

    private static final Pattern ATTRIBUTE_DESCRIPTION = Pattern.compile(
        "(?:[A-Za-z][A-Za-z0-9-]*|[0-9]+(?:\\.[0-9]+)+)(?:;[A-Za-z0-9-]+)*");

    private LdapFilter() {}

    /** Whether the text is a valid attribute description (name or OID, with options). */
    public static boolean isAttributeDescription(String attribute) {
        return attribute != null && attribute.length() <= 128 && ATTRIBUTE_DESCRIPTION.matcher(attribute).matches();
    }

    /** {@code (attribute=value)} with the value escaped. */
    public static String equality(String attribute, String value) {
        return "(" + checked(attribute) + "=" + escape(value) + ")";
    }

    /** {@code (attribute=value)} for a binary value, every octet escaped. */
    public static String equality(String attribute, byte[] value) {
        return "(" + checked(attribute) + "=" + escapeAll(value) + ")";
    }

    /** {@code (|f1 f2 ...)}; a single filter is returned as it is. */
    public static String anyOf(java.util.List<String> filters) {
        if (filters.isEmpty()) {
            throw new IllegalArgumentException("no filter");
        }
        return filters.size() == 1 ? filters.get(0) : "(|" + String.join("", filters) + ")";
    }

    /**
     * {@code (&restriction filter)}: the filter limited to the entries an administrator's filter admits. The
     * administrator's filter is taken as written (it is configuration, not certificate data; it may be a list such as
     * {@code (objectClass=user)(!(userAccountControl:1.2.840.113556.1.4.803:=2))}, which Openfire also ANDs as it is),
     * only put into parentheses when it has none ({@code objectClass=user}).
     */
    public static String restrictedTo(String restriction, String filter) {
        final String admitted = restriction.strip();
        return "(&" + (admitted.startsWith("(") ? admitted : "(" + admitted + ")") + filter + ")";
    }

    /** RFC 4515 assertion value of a string (UTF-8). */
    public static String escape(String value) {
        final byte[] octets = value.getBytes(StandardCharsets.UTF_8);
        final StringBuilder escaped = new StringBuilder(octets.length + 8);
        for (byte octet : octets) {
            final int b = octet & 0xff;
            if (b < 0x20 || b >= 0x7f || b == '*' || b == '(' || b == ')' || b == '\\') {
                hex(escaped, b);
            } else {
                escaped.append((char) b);
            }
        }
        return escaped.toString();
    }

    /** Every octet as {@code \xx}. */
    public static String escapeAll(byte[] value) {
        final StringBuilder escaped = new StringBuilder(value.length * 3);
        for (byte octet : value) {
            hex(escaped, octet & 0xff);
        }
        return escaped.toString();
    }

    private static void hex(StringBuilder out, int b) {
        out.append('\\').append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
    }

    private static String checked(String attribute) {
        if (!isAttributeDescription(attribute)) {
            throw new IllegalArgumentException("not an LDAP attribute description: '" + CandidateReader.printable(String.valueOf(attribute)) + "'");
        }
        return attribute;
    }
}
