package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.AdminText.Message;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Element;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Fragment;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Node;

import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.bad;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.br;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.good;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.help;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.element;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.fragment;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.text;

/** "For testing only": the test CA's state, the button that trusts it, and the form that issues user certificates. */
final class TestCertificatesSection implements PageSection {

    /** Where the page scrolls to after this section's POSTs. */
    static final String ANCHOR = "test-certificates";
    /** Where a real server keeps the test CA (tools.JdbcTestCaStore). */
    static final String TEST_CA_TABLE = "ofBoshCertTestCa";

    private final ConsoleMarkup markup;
    private final AdminEnvironment environment;
    private final IssueForm issueForm;

    TestCertificatesSection(ConsoleMarkup markup, AdminEnvironment environment) {
        this.markup = markup;
        this.environment = environment;
        this.issueForm = new IssueForm(markup);
    }

    @Override
    public Node render(AdminPage page) {
        final AdminPage.TestCertificateView view = page.testCertificates();
        if (view == null) {
            return fragment();
        }
        final TestCertificateDesk.State state = view.state();
        final Fragment content = fragment(markup.infoBox("warning", markup.t("testca.warning")));
        for (Message problem : view.problems()) {
            content.add(markup.infoBox("error", markup.t(problem)));
        }
        for (Message notice : view.notices()) {
            content.add(state.trusted() ? markup.infoBox("success", markup.t(notice), br(), removeAfterTesting())
                : markup.infoBox("success", markup.t(notice)));
        }
        final Element table = ConsoleMarkup.formTable();
        final Node directory = state.clusterWide() ? markup.t("testca.database", TEST_CA_TABLE) : markup.t("testca.directory", state.directory());
        if (state.problem() != null) {
            table.add(row("testca.ca", bad(markup.t("testca.unreadable", state.problem())), br(), help(directory)));
        } else if (state.exists()) {
            table.add(row("testca.ca", good(markup.t("testca.exists")), text(" " + state.certificate().getSubjectX500Principal().getName()),
                br(), help(markup.t("testca.fingerprint", state.fingerprint())),
                br(), help(markup.t("testca.expires", ConsoleMarkup.time(state.certificate().getNotAfter().toInstant())), text(" "), directory)));
        } else {
            table.add(row("testca.ca", markup.t("testca.missing"), br(), help(directory)));
        }
        table.add(row("testca.trusted", state.trusted()
            ? fragment(good(markup.t("yes")), text(" "), markup.postButton(page, new ConsoleMarkup.PostButton(
                AdminSettingsServlet.ACTION_UNTRUST_TEST_CA, "testca.untrust.button", java.util.Map.of(), ANCHOR)), br(), help(removeAfterTesting()))
            : markup.t("no")));
        table.add(row("testca.truststore", help(TruststoreSection.location(markup, environment))));
        table.add(row("testca.pem", state.exists()
            ? fragment(markup.postButton(page, new ConsoleMarkup.PostButton(AdminSettingsServlet.ACTION_DOWNLOAD_TEST_CA,
                "testca.pem.download", java.util.Map.of(), ANCHOR)), br(), help(markup.t("testca.pem.help")))
            : markup.t("testca.pem.missing")));
        content.add(table);
        if (!state.trusted()) {
            content.add(ConsoleMarkup.postForm(page, AdminSettingsServlet.ACTION_TRUST_TEST_CA, ANCHOR).add(
                ConsoleMarkup.submit("trust", markup.string("testca.trust.button")), br(),
                help(markup.t("testca.trust.help"), text(" "), removeAfterTesting())));
        }
        content.add(issueForm.render(page, view));
        if (state.exists() || state.problem() != null) {
            content.add(element("p").add(markup.postButton(page, new ConsoleMarkup.PostButton(AdminSettingsServlet.ACTION_DELETE_TEST_CA,
                "testca.delete.button", java.util.Map.of(), ANCHOR)), br(), help(markup.t("testca.delete.help"))));
        }
        return fragment(element("a").id(ANCHOR), markup.contentBox(markup.t("testca.title"), content));
    }

    private Element row(String labelKey, Node... value) {
        return ConsoleMarkup.labelRow(markup.t(labelKey), value);
    }

    /** "Remove it after testing" (the button, or Openfire's BOSH truststore page, linked). */
    private Fragment removeAfterTesting() {
        return fragment(markup.t("testca.remove-after"), text(" "),
            element("a").attr("href", AdminPageRenderer.BOSH_TRUSTSTORE_PAGE).add(markup.t("testca.truststore-link")));
    }
}
