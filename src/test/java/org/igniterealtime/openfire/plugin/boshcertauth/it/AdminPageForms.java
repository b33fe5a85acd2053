package org.igniterealtime.openfire.plugin.boshcertauth.it;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads the plugin's admin page the way a browser submits its forms (for the ITs that drive the page). */
final class AdminPageForms {

    private AdminPageForms() {}

    /**
     * The settings form's fields as a browser submits them, with both CSRF tokens: text inputs, checked boxes and
     * radios, selected options. Attributes are read one by one, so their order in a tag does not matter.
     */
    static Map<String, String> settingsForm(String html) {
        final int start = html.indexOf("name=\"action\" value=\"save\"");
        final String form = html.substring(start, html.indexOf("</form>", start));
        final Map<String, String> fields = tokens(html);
        fields.put("action", "save");
        final Matcher input = Pattern.compile("<input\\b[^>]*>").matcher(form);
        while (input.find()) {
            final String tag = input.group();
            final String type = attribute(tag, "type");
            final String name = attribute(tag, "name");
            final String value = attribute(tag, "value");
            if (name != null && value != null && ("text".equals(type)
                || (("checkbox".equals(type) || "radio".equals(type)) && Pattern.compile("\\schecked\\b").matcher(tag).find()))) {
                fields.put(name, unescape(value));
            }
        }
        final Matcher select = Pattern.compile("<select[^>]*name=\"([^\"]+)\">(.*?)</select>", Pattern.DOTALL).matcher(form);
        while (select.find()) {
            final Matcher option = Pattern.compile("<option value=\"([^\"]*)\" selected>").matcher(select.group(2));
            if (option.find()) {
                fields.put(select.group(1), option.group(1));
            }
        }
        return fields;
    }

    /** Openfire's CSRF token and the page's own, as every form of the page carries them. */
    static Map<String, String> tokens(String html) {
        final Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("csrf", first(html, "name=\"csrf\" value=\"([^\"]*)\""));
        tokens.put("boshcertauth-token", first(html, "name=\"boshcertauth-token\" value=\"([^\"]*)\""));
        return tokens;
    }

    /** The field error texts of a refused form. */
    static List<String> fieldErrors(String html) {
        return Pattern.compile("jive-error-text\">([^<]*)").matcher(html).results().map(m -> m.group(1)).toList();
    }

    static String first(String html, String regex) {
        final Matcher m = Pattern.compile(regex).matcher(html);
        assertTrue(m.find(), "no " + regex);
        return m.group(1);
    }

    static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    private static String attribute(String tag, String name) {
        final Matcher m = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(tag);
        return m.find() ? m.group(1) : null;
    }
}
