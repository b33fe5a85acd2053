package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.AdminText.Message;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Element;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Fragment;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Node;

import java.util.List;
import java.util.Map;

import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.br;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.help;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.element;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.fragment;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.text;

/** "Issue a test user certificate" inside the testing section: fields of {@link TestCertificateForm}. */
final class IssueForm {

    private final ConsoleMarkup markup;

    IssueForm(ConsoleMarkup markup) {
        this.markup = markup;
    }

    Node render(AdminPage page, AdminPage.TestCertificateView view) {
        final Fragment content = fragment(element("h4").add(markup.t("issue.title")), element("p").add(markup.t("issue.info")));
        if (!view.errors().isEmpty()) {
            content.add(markup.infoBox("error", markup.t("issue.refused", view.errors().size())));
        }
        if (view.missingUser() != null) {
            content.add(markup.infoBox("warning", markup.t("issue.user-missing", view.missingUser())));
        }
        final Map<String, String> values = view.values();
        final Element table = ConsoleMarkup.formTable().add(
            row(view, TestCertificateForm.USER, input("text", "40", TestCertificateForm.USER).attr("value", values.get(TestCertificateForm.USER))),
            // Never given a value: the password is not sent back to the browser.
            row(view, TestCertificateForm.PASSWORD, input("password", "30", TestCertificateForm.PASSWORD)
                .attr("autocomplete", "new-password").attr("minlength", TestCertificateForm.MIN_PASSWORD_CHARS)),
            row(view, TestCertificateForm.DAYS, input("text", "6", TestCertificateForm.DAYS).attr("value", values.get(TestCertificateForm.DAYS)),
                text(" "), help(markup.t("range", TestCertificateForm.MIN_DAYS, TestCertificateForm.MAX_DAYS))),
            row(view, TestCertificateForm.KEY, keySelect(values.get(TestCertificateForm.KEY))),
            row(view, TestCertificateForm.ISSUE_ANYWAY, input("checkbox", null, TestCertificateForm.ISSUE_ANYWAY).attr("value", "true")
                .flag("checked", "true".equals(values.get(TestCertificateForm.ISSUE_ANYWAY)))));
        content.add(ConsoleMarkup.postForm(page, AdminSettingsServlet.ACTION_ISSUE, TestCertificatesSection.ANCHOR).attr("autocomplete", "off")
            .add(table, ConsoleMarkup.submit("issue", markup.string("issue.button")), br(), help(markup.t("issue.after"))));
        return content;
    }

    /** An input whose id is {@code issue-<name>}, the id its row's label names; {@code size} null: none. */
    private static Element input(String type, String size, String name) {
        final Element input = element("input").attr("type", type);
        if (size != null) {
            input.attr("size", size);
        }
        return input.id("issue-" + name).attr("name", name);
    }

    private Element keySelect(String selected) {
        final Element select = element("select").id("issue-" + TestCertificateForm.KEY).attr("name", TestCertificateForm.KEY);
        for (String key : TestCertificateForm.KEY_TYPES.keySet()) {
            select.add(element("option").attr("value", key).flag("selected", key.equals(selected)).add(markup.t("issue.key." + key)));
        }
        return select;
    }

    private Element row(AdminPage.TestCertificateView view, String field, Node... input) {
        final Fragment cell = fragment(input);
        for (Message error : view.errors().getOrDefault(field, List.of())) {
            cell.add(markup.fieldError(error));
        }
        cell.add(br(), help(markup.t("issue." + field + ".help")));
        return ConsoleMarkup.inputRow("issue-" + field, markup.t("issue." + field + ".label"), cell);
    }
}
