package org.igniterealtime.openfire.plugin.boshcertauth.audit;

import java.nio.charset.StandardCharsets;

/**
 * Makes values fit Openfire's security audit table ({@code ofSecurityAuditLog}), so that the row is always written.
 *
 * <p>Openfire inserts the values as they come ({@code DefaultSecurityAuditProvider}: the summary abbreviated to 250
 * characters, the rest unchanged) and a value too long for its column makes the insert fail, so the event is lost.
 * Column sizes in Openfire's schemas ({@code distribution/src/database/openfire_*.sql}): {@code username} VARCHAR(64)
 * NOT NULL, {@code summary} VARCHAR(255) NOT NULL, {@code details} TEXT, except Oracle's VARCHAR2(4000). Oracle counts
 * VARCHAR2 in bytes by default, so every value is cut by its UTF-8 length. Oracle also stores "" as NULL, which the
 * NOT NULL columns refuse: an empty user becomes {@link #NO_USER}.</p>
 *
 * <p>Values may come from the client or its certificate. Besides the control characters {@link LoginAttempt} already
 * escapes, markup characters ({@code < > &}, for viewers or exports that do not escape), Unicode format characters
 * (bidirectional overrides that make a viewer show text in another order) and surrogates (characters outside the BMP,
 * which MySQL's 3-byte "utf8" refuses, and unpaired ones, which are no text at all) are written as a backslash, "u"
 * and four hex digits.</p>
 */
public final class SecurityAuditColumns {

    public static final int USERNAME_BYTES = 64;
    public static final int SUMMARY_BYTES = 255;
    public static final int DETAILS_BYTES = 4000;

    /**
     * The user of an event that has none. Contains a space, which no Openfire user name (a JID node) may contain, so
     * it never files an event under a real user.
     */
    public static final String NO_USER = "(no user)";

    private static final String CUT_MARK = "…";

    private SecurityAuditColumns() {}

    /** The user as given when it fits the column; otherwise {@link #NO_USER} (a cut name could be someone else's). */
    public static String username(String username) {
        final String safe = escaped(username);
        return safe.isEmpty() || utf8Length(safe) > USERNAME_BYTES ? NO_USER : safe;
    }

    public static String summary(String summary) {
        final String safe = cut(escaped(summary), SUMMARY_BYTES);
        return safe.isEmpty() ? "-" : safe;
    }

    public static String details(String details) {
        return cut(escaped(details), DETAILS_BYTES);
    }

    /** A sink that hands only values fitting the columns to the given one. */
    public static AuditTrail.SecurityAuditSink fitting(AuditTrail.SecurityAuditSink sink) {
        return (username, summary, details) -> sink.logEvent(username(username), summary(summary), details(details));
    }

    static String escaped(String text) {
        final String printable = LoginAttempt.printable(text);
        StringBuilder out = null;
        for (int i = 0; i < printable.length(); i++) {
            final char c = printable.charAt(i);
            final boolean unsafe = c == '<' || c == '>' || c == '&' || Character.isSurrogate(c)
                || Character.getType(c) == Character.FORMAT;
            if (unsafe && out == null) {
                out = new StringBuilder(printable.length() + 16).append(printable, 0, i);
            }
            if (unsafe) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? printable : out.toString();
    }

    /** At most {@code maxBytes} UTF-8 bytes, "…" marking a cut. The text has no surrogates left (see escaped). */
    static String cut(String text, int maxBytes) {
        if (utf8Length(text) <= maxBytes) {
            return text;
        }
        final int budget = maxBytes - utf8Length(CUT_MARK);
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            final int next = bytes + utf8Length(text.charAt(end));
            if (next > budget) {
                break;
            }
            bytes = next;
            end++;
        }
        return text.substring(0, end) + CUT_MARK;
    }

    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static int utf8Length(char c) {
        return c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
}
