package org.igniterealtime.openfire.plugin.boshcertauth.admin.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One HTML element: a name, attributes in the order given, and children. Attribute values and text are escaped;
 * names are checked (they are code, never data). What cannot be made safe by escaping is refused outright: event
 * handler attributes ({@code on...}), a {@code script} element, text inside {@code style}, and links (href, src,
 * action) with a scheme other than http(s), such as {@code javascript:}.
 */
public final class Element implements Node {

    private static final Pattern ELEMENT_NAME = Pattern.compile("[a-z][a-z0-9]*");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z][a-z0-9-]*");
    /** Elements without content or end tag, written {@code <br/>} as XHTML and the console's JSPs do. */
    private static final Set<String> VOID = Set.of("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr");
    /** Attributes whose value a browser follows as a URL. */
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "cite", "poster", "background");
    /** Elements followed by a line break in the page source, so that it stays readable in "view source". */
    private static final Set<String> LINE_AFTER = Set.of("html", "head", "title", "meta", "style", "body", "div", "table", "thead",
        "tbody", "tr", "p", "h4", "form");
    /** Containers that start a new line after their start tag when their content starts with a tag. */
    private static final Set<String> LINE_INSIDE = Set.of("html", "head", "style", "body", "div", "table", "tbody", "form");

    private final String name;
    /** Value null: a boolean attribute (checked, selected), written by its name alone. */
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<Node> children = new ArrayList<>();

    Element(String name) {
        if (!ELEMENT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not an element name: " + name);
        }
        if (name.equals("script")) {
            throw new IllegalArgumentException("The admin page runs no script");
        }
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** An attribute; its value is escaped ({@code null} is written as an empty value). */
    public Element attr(String attribute, Object value) {
        checkAttributeName(attribute);
        final String text = value == null ? "" : value.toString();
        if (URL_ATTRIBUTES.contains(attribute)) {
            checkUrl(attribute, text);
        }
        attributes.put(attribute, text);
        return this;
    }

    /** A boolean attribute such as {@code checked} or {@code selected}, present when {@code on}. */
    public Element flag(String attribute, boolean on) {
        checkAttributeName(attribute);
        if (on) {
            attributes.put(attribute, null);
        } else {
            attributes.remove(attribute);
        }
        return this;
    }

    public Element id(String id) {
        return attr("id", id);
    }

    public Element cls(String cssClass) {
        return attr("class", cssClass);
    }

    /** Escaped text as the next child. */
    public Element text(Object value) {
        if (name.equals("style")) {
            throw new IllegalStateException("Text is not decoded inside <style>: give the style sheet as TrustedHtml");
        }
        return add(Html.text(value));
    }

    /** Trusted markup as the next child, unescaped. */
    public Element raw(TrustedHtml html) {
        return add(Html.raw(html));
    }

    public Element add(Node... nodes) {
        if (VOID.contains(name)) {
            throw new IllegalStateException("<" + name + "> has no content");
        }
        for (Node node : nodes) {
            children.add(Objects.requireNonNull(node));
        }
        return this;
    }

    public Element add(Iterable<? extends Node> nodes) {
        nodes.forEach(this::add);
        return this;
    }

    @Override
    public void renderTo(StringBuilder out) {
        out.append('<').append(name);
        attributes.forEach((attribute, value) -> {
            out.append(' ').append(attribute);
            if (value != null) {
                out.append("=\"").append(Html.escape(value)).append('"');
            }
        });
        if (VOID.contains(name)) {
            out.append("/>");
        } else {
            out.append('>');
            final int start = out.length();
            children.forEach(child -> child.renderTo(out));
            if (LINE_INSIDE.contains(name) && out.length() > start && out.charAt(start) == '<') {
                out.insert(start, '\n');
            }
            out.append("</").append(name).append('>');
        }
        if (LINE_AFTER.contains(name)) {
            out.append('\n');
        }
    }

    private static void checkAttributeName(String attribute) {
        if (!ATTRIBUTE_NAME.matcher(attribute).matches()) {
            throw new IllegalArgumentException("Not an attribute name: " + attribute);
        }
        if (attribute.startsWith("on")) {
            throw new IllegalArgumentException("The admin page runs no script: " + attribute);
        }
    }

    /** Relative URLs and http(s) only; a browser ignores tabs and line breaks in a scheme, so does this check. */
    private static void checkUrl(String attribute, String url) {
        final String cleaned = url.replaceAll("[\\t\\n\\r]", "").replaceAll("^[\\x00-\\x20]+", "");
        for (int i = 0; i < cleaned.length(); i++) {
            final char c = cleaned.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return;
            }
            if (c == ':') {
                final String scheme = cleaned.substring(0, i).toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw new IllegalArgumentException("Refused " + attribute + " with scheme " + scheme);
                }
                return;
            }
        }
    }
}
