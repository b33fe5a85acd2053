package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.AdminText.Message;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Element;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Fragment;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Node;
import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.bold;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.br;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.help;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.element;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.fragment;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.text;

/**
 * The settings form: one box per {@link AdminField#sections() section}, one row per field with its label, property
 * key, input, errors, help and default. Labels and help come from {@code field.<key>.label/.help}; an optional
 * {@code field.<key>.warning} is shown under the field; {@code section.<name>.title} (and an optional
 * {@code section.<name>.info}) head each box. Form field names are the property keys.
 */
final class SettingsSection implements PageSection {

    static final String SAVE_ACTION = "save";

    private final ConsoleMarkup markup;
    /** The XMPP domains served, to check the stored values with; null: stored values are not checked. */
    private final AdminEnvironment environment;

    SettingsSection(ConsoleMarkup markup) {
        this(markup, null);
    }

    SettingsSection(ConsoleMarkup markup, AdminEnvironment environment) {
        this.markup = markup;
        this.environment = environment;
    }

    @Override
    public Node render(AdminPage page) {
        final Element form = ConsoleMarkup.postForm(page, SAVE_ACTION, null);
        // a refused save shows what was submitted; otherwise invalid stored values are shown as they are stored
        final Map<String, StoredValues.Invalid> invalid = environment == null || !page.fieldErrors().isEmpty() ? Map.of()
            : StoredValues.invalid(servedDomains());
        for (String section : AdminField.sections()) {
            final Fragment content = fragment();
            if (markup.has("section." + section + ".info")) {
                content.add(element("p").add(markup.t("section." + section + ".info")));
            }
            final Element table = ConsoleMarkup.formTable();
            AdminField.inSection(section).forEach(field -> table.add(row(field, page, invalid.get(field.key()))));
            form.add(markup.contentBox(markup.t("section." + section + ".title"), content.add(table)));
        }
        return fragment(form.add(ConsoleMarkup.submit(SAVE_ACTION, markup.string("save.button"))), br());
    }

    private Set<String> servedDomains() {
        try {
            return environment.servedDomains();
        } catch (RuntimeException e) {
            return Set.of();
        }
    }

    private Element row(AdminField field, AdminPage page, StoredValues.Invalid invalid) {
        final String id = fieldId(field.key());
        final String value = invalid != null ? invalid.stored() : page.values().getOrDefault(field.key(), field.currentValue());
        final Fragment cell = fragment(input(field, id, value));
        if (invalid != null) {
            cell.add(br(), element("span").cls("jive-error-text").add(markup.t("stored.invalid", invalid.stored(), invalid.inEffect())));
            invalid.problems().forEach(problem -> cell.add(markup.fieldError(problem)));
        }
        for (Message error : page.fieldErrors().getOrDefault(field.key(), List.of())) {
            cell.add(markup.fieldError(error));
        }
        if (markup.has(field.textKey("warning"))) {
            cell.add(br(), element("span").cls("jive-warning-text").add(markup.t(field.textKey("warning"))));
        }
        cell.add(br(), help(text(markup.string(field.textKey("help")) + " "
            + (field.defaultValue().isEmpty() ? markup.string("default.empty") : markup.string("default", field.defaultValue())))));
        return element("tr").add(
            element("td").cls("label").add(element("label").attr("for", id).add(bold(markup.t(field.textKey("label")))), br(),
                element("span").cls("boshcertauth-key").text(field.key())),
            element("td").add(cell));
    }

    private Node input(AdminField field, String id, String value) {
        return switch (field.kind()) {
            case BOOLEAN -> fragment(element("input").attr("type", "checkbox").id(id).attr("name", field.key()).attr("value", "true")
                .flag("checked", "true".equals(value)), text(" "), element("label").attr("for", id).add(markup.t("enabled")));
            case INTEGER -> fragment(element("input").attr("type", "text").attr("size", "10").attr("maxlength", "12").id(id)
                .attr("name", field.key()).attr("value", value), text(" "), help(markup.t("range", field.range().min(), field.range().max())));
            case TEXT -> element("input").attr("type", "text").attr("size", "50").id(id).attr("name", field.key()).attr("value", value);
            case CHOICE -> field.key().equals(Settings.BOSH_CLIENT_CERT_POLICY) ? radios(field, id, value) : select(field, id, value);
        };
    }

    /** The BOSH policy's choices each with its explanation, as radio buttons. */
    private Node radios(AdminField field, String id, String value) {
        final Fragment radios = fragment();
        for (String choice : field.choices()) {
            final String choiceId = id + "-" + choice;
            radios.add(element("input").attr("type", "radio").id(choiceId).attr("name", field.key()).attr("value", choice)
                    .flag("checked", choice.equals(value)), text(" "),
                element("label").attr("for", choiceId).add(bold(text(choice)), text(StatusSection.DASH),
                    markup.t("choice." + field.key() + "." + choice)), br());
        }
        return radios;
    }

    private static Node select(AdminField field, String id, String value) {
        final Element select = element("select").id(id).attr("name", field.key());
        if (!value.isEmpty() && !field.choices().contains(value)) {
            select.add(element("option").attr("value", value).flag("selected", true).text(value));    // stored, not valid
        }
        for (String choice : field.choices()) {
            select.add(element("option").attr("value", choice).flag("selected", choice.equals(value)).text(choice));
        }
        return select;
    }

    private static String fieldId(String key) {
        return "f-" + key.replaceAll("[^A-Za-z0-9-]", "-");
    }
}
