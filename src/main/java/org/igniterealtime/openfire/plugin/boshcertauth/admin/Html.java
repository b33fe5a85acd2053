package org.igniterealtime.openfire.plugin.boshcertauth.admin;

/** HTML escaping for text and attribute values: everything the page shows goes through here. */
final class Html {

    private Html() {}

    static String escape(Object value) {
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
}
