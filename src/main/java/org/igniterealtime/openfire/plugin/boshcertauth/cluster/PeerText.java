package org.igniterealtime.openfire.plugin.boshcertauth.cluster;

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

    /** As {@link #printable(String)}, cut at {@code max} characters; "" for null. */
    public static String printable(String text, int max) {
        if (text == null) {
            return "";
        }
        final StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 16);
        int i = 0;
        while (i < text.length()) {
            final int codePoint = text.codePointAt(i);
            final int width = Character.charCount(codePoint);
            final String piece = codePoint == '\\' ? "\\\\" : unsafe(codePoint) ? escaped(codePoint) : text.substring(i, i + width);
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
