package org.igniterealtime.openfire.plugin.boshcertauth.admin.html;

import java.util.Objects;

/**
 * The one way the admin page is written: {@code element("td").cls("label").text(value)}. Every text and attribute
 * value is escaped; unescaped markup needs a {@link TrustedHtml} and {@link #raw}, so it is always a visible decision.
 */
public final class Html {

    private Html() {}

    public static Element element(String name) {
        return new Element(name);
    }

    /** Text, escaped; {@code null} is no text. */
    public static Node text(Object value) {
        return new Text(value == null ? "" : value.toString());
    }

    /** Markup as it is: only a {@link TrustedHtml}. */
    public static Node raw(TrustedHtml html) {
        return new Raw(Objects.requireNonNull(html));
    }

    public static Fragment fragment(Node... nodes) {
        return new Fragment().add(nodes);
    }

    /** The text with {@code < > & " '} replaced by character references: safe in content and in quoted attributes. */
    public static String escape(Object value) {
        if (value == null) {
            return "";
        }
        final String text = value.toString();
        final StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    record Text(String value) implements Node {
        @Override
        public void renderTo(StringBuilder out) {
            out.append(escape(value));
        }
    }

    record Raw(TrustedHtml html) implements Node {
        @Override
        public void renderTo(StringBuilder out) {
            out.append(html.markup());
        }
    }
}
