package org.igniterealtime.openfire.plugin.boshcertauth.cluster;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;

/**
 * Text another cluster node sent (a node command's arguments, an answer to a cluster query) made safe for this node's
 * log, audit and admin page (review L3): control characters, line and paragraph separators, format characters
 * (Unicode Cf: the bidi overrides and isolates such as U+202E, zero-width characters, U+FEFF), private-use and
 * unassigned code points (Co, Cn) and unpaired surrogates are written as {@code \\uXXXX}, or {@code \\u{XXXXX}} beyond
 * U+FFFF (so that {@code \\ue0001} cannot be read as U+E000 and a "1"); the backslash itself is written {@code \\\\}, so
 * that a peer's literal text {@code \\u202e} never looks like an escaped character (review L4). The text is cut at
 * {@link #MAX_CHARS} characters, saying how many are missing. Letters of every script, and assigned characters made of a
 * surrogate pair, stay as they are.
 */
public final class PeerText {

    /** Longest text kept (after escaping): a JID, a DN or a node name fit easily. */
    public static final int MAX_CHARS = 256;

    private PeerText() {}

    public static String printable(String text) {
        return printable(text, MAX_CHARS);
    }

    /** The value of {@code key} in a peer's answer, {@link #printable(String)}; "" when absent. */
    public static String get(java.util.Map<String, String> answer, String key) {
        return printable(answer.getOrDefault(key, ""));
    }

    /**
     * The value of {@code key} in a peer's answer that the peer already escaped with {@link LoginAttempt#printable}
     * (its login attempts): as {@link #get}, except that the backslash is kept as it is, so that an escape the peer wrote
     * ({@code \\u000a}) is shown once, exactly as on a row of this node, not as {@code \\\\u000a}. A backslash the text had
     * of its own is then as ambiguous as on a local row; whatever {@code LoginAttempt.printable} leaves (bidi and other
     * format characters, ...) or a peer did not escape is still escaped, and the value cut at {@link #MAX_CHARS}.
     */
    public static String getEscapedAttemptText(java.util.Map<String, String> answer, String key) {
        return printable(answer.getOrDefault(key, ""), MAX_CHARS, false);
    }

    /** As {@link #printable(String)}, cut at {@code max} characters; "" for null. */
    public static String printable(String text, int max) {
        return printable(text, max, true);
    }

    private static String printable(String text, int max, boolean escapeBackslash) {
        if (text == null) {
            return "";
        }
        final StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 16);
        int i = 0;
        while (i < text.length()) {
            final int codePoint = text.codePointAt(i);
            final int width = Character.charCount(codePoint);
            final String piece = codePoint == '\\' && escapeBackslash ? "\\\\" : unsafe(codePoint) ? escaped(codePoint) : text.substring(i, i + width);
            if (out.length() + piece.length() > max) {
                return out.append('\u2026').append(" (").append(text.length() - i).append(" more characters)").toString();
            }
            out.append(piece);
            i += width;
        }
        return out.toString();
    }

    private static String escaped(int codePoint) {
        return Character.isSupplementaryCodePoint(codePoint) ? String.format("\\u{%x}", codePoint) : String.format("\\u%04x", codePoint);
    }

    private static boolean unsafe(int codePoint) {
        final int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
            || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.PRIVATE_USE
            || type == Character.UNASSIGNED;
    }
}
