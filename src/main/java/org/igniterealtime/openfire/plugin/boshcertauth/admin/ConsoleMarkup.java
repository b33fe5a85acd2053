package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.AdminText.Message;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Element;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Fragment;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Node;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.element;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.fragment;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.text;

/**
 * The admin console's own building blocks, as its JSP tags write them (admin:contentBox, admin:infobox, the
 * jive-table lists), plus this page's forms and localised strings. Everything goes through the escaping builder.
 */
final class ConsoleMarkup {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final AdminText text;

    ConsoleMarkup(AdminText text) {
        this.text = text;
    }

    /** A localised string, arguments filled in (escaped when it reaches the page, like any text). */
    String string(String key, Object... arguments) {
        return text.get(key, arguments);
    }

    boolean has(String key) {
        return text.has(key);
    }

    /** A localised string as text. */
    Node t(String key, Object... arguments) {
        return text(text.get(key, arguments));
    }

    Node t(Message message) {
        return text(text.get(message));
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    // ------------------------------------------------------------------ boxes

    /** Openfire's admin:contentBox: a titled box. */
    Fragment contentBox(Node title, Node... content) {
        return fragment(element("div").cls("jive-contentBoxHeader").add(title), element("div").cls("jive-contentBox").add(content));
    }

    /** Openfire's admin:infobox; {@code type} is one of error, warning, info, success. */
    Fragment infoBox(String type, Node... content) {
        return fragment(element("div").cls("jive-" + type).add(
            element("table").attr("cellpadding", "0").attr("cellspacing", "0").attr("border", "0").add(element("tbody").add(
                element("tr").add(
                    element("td").cls("jive-icon").add(element("img").attr("src", "/images/" + type + "-16x16.gif")
                        .attr("width", "16").attr("height", "16").attr("border", "0").attr("alt", "")),
                    element("td").cls("jive-icon-label").add(content))))),
            element("br"));
    }

    // ------------------------------------------------------------------ tables

    /** The two-column table of labels and values (settings, status). */
    static Element formTable() {
        return element("table").cls("boshcertauth-form");
    }

    /** A row of {@link #formTable}: the label in bold. */
    static Element labelRow(Node label, Node... value) {
        return element("tr").add(element("td").cls("label").add(element("b").add(label)), element("td").add(value));
    }

    /** A row of {@link #formTable} for an input: the label, in bold, names the input by its id. */
    static Element inputRow(String inputId, Node label, Node... value) {
        return element("tr").add(element("td").cls("label").add(element("label").attr("for", inputId).add(element("b").add(label))),
            element("td").add(value));
    }

    /** A console list (jive-table) with these column headers; add rows with {@link ListTable#row}. */
    static ListTable listTable(Node... headers) {
        return new ListTable(headers);
    }

    static final class ListTable {
        private final Element head = element("tr");
        private final Element body = element("tbody");
        private int rows;

        private ListTable(Node... headers) {
            for (Node header : headers) {
                head.add(element("th").flag("nowrap", true).add(header));
            }
        }

        ListTable row(Node... cells) {
            final Element row = element("tr").cls(rows++ % 2 == 0 ? "jive-even" : "jive-odd");
            for (Node cell : cells) {
                row.add(element("td").add(cell));
            }
            body.add(row);
            return this;
        }

        Element node() {
            return element("div").cls("jive-table").add(element("table").attr("cellpadding", "0").attr("cellspacing", "0")
                .attr("border", "0").attr("width", "100%").add(element("thead").add(head), body));
        }
    }

    // ------------------------------------------------------------------ inline

    static Element help(Node... content) {
        return element("span").cls("boshcertauth-help").add(content);
    }

    static Element good(Node... content) {
        return element("span").cls("boshcertauth-good").add(content);
    }

    static Element bad(Node... content) {
        return element("span").cls("boshcertauth-bad").add(content);
    }

    static Element bold(Node... content) {
        return element("b").add(content);
    }

    static Element br() {
        return element("br");
    }

    /** A field's own error, under its input. */
    Fragment fieldError(Message error) {
        return fragment(br(), element("span").cls("jive-error-text").add(t(error)));
    }

    // ------------------------------------------------------------------ forms

    /**
     * A POST form to the console page it is on for {@code action} (the servlet's dispatch key), carrying both CSRF
     * tokens: Openfire's (checked by PluginServlet) and the page's own (checked by the servlet).
     *
     * @param anchor where the browser scrolls to after the POST (null: the top)
     */
    static Element postForm(AdminPage page, String action, String anchor) {
        return element("form").attr("action", page.view().path() + (anchor == null ? "" : "#" + anchor)).attr("method", "post")
            .add(hidden("csrf", page.csrf()), hidden(AdminPageRenderer.PAGE_TOKEN_FIELD, page.pageToken()), hidden("action", action));
    }

    /** A one-click action: a small form with one submit button (e.g. next to a login attempt, or "flush caches"). */
    Element postButton(AdminPage page, PostButton button) {
        final Element form = postForm(page, button.action(), button.anchor()).cls("boshcertauth-inline");
        button.parameters().forEach((name, value) -> form.add(hidden(name, value)));
        return form.add(submit(button.action(), string(button.labelKey())));
    }

    static Element hidden(String name, String value) {
        return element("input").attr("type", "hidden").attr("name", name).attr("value", value);
    }

    static Element submit(String name, String label) {
        return element("input").attr("type", "submit").attr("name", name).attr("value", label);
    }

    /**
     * One POST action button: the servlet's {@code action} value, the label's i18n key, extra hidden fields (e.g. the
     * origin to allow) and where the page scrolls to afterwards (null: the top, where the action's message shows).
     */
    record PostButton(String action, String labelKey, Map<String, String> parameters, String anchor) {
        PostButton {
            parameters = Map.copyOf(parameters);
        }
    }
}
