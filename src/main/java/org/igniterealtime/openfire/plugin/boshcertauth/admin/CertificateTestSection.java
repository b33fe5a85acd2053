package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Element;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Fragment;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Node;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;

import java.security.cert.X509Certificate;

import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.br;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.help;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.inputRow;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.element;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.fragment;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.text;

/** "Test a certificate": the paste form and, after a test, the verdict and the parsed chain. */
final class CertificateTestSection implements PageSection {

    static final String TEST_ACTION = "test";

    private final ConsoleMarkup markup;

    CertificateTestSection(ConsoleMarkup markup) {
        this.markup = markup;
    }

    @Override
    public Node render(AdminPage page) {
        final Fragment content = fragment(element("p").add(markup.t("test.info")));
        if (page.testOutcome() != null) {
            content.add(outcome(page.testOutcome()));
        }
        final Element form = ConsoleMarkup.postForm(page, TEST_ACTION, null).add(
            ConsoleMarkup.formTable().add(
                inputRow("test-pem", markup.t("test.pem"), element("textarea").id("test-pem").attr("name", "pem").attr("rows", "10")
                    .attr("cols", "80").attr("spellcheck", "false").text(page.testPem())),
                inputRow("test-authzid", markup.t("test.authzid"), element("input").attr("type", "text").attr("size", "40")
                    .id("test-authzid").attr("name", "authzid").attr("value", page.testAuthzid()), br(), help(markup.t("test.authzid.help")))),
            ConsoleMarkup.submit(TEST_ACTION, markup.string("test.button")));
        return markup.contentBox(markup.t("test.title"), content.add(form));
    }

    private Node outcome(CertificateTester.Outcome outcome) {
        final Fragment result = fragment();
        if (outcome.problem() != null) {
            result.add(markup.infoBox("error", markup.t(outcome.problem())));
        }
        final Verdict verdict = outcome.verdict();
        if (verdict != null && verdict.isSuccess()) {
            final String jid = verdict.jid() == null ? "" : verdict.jid().toBareJID();
            result.add(markup.infoBox(outcome.userExists() ? "success" : "warning", markup.t("test.success", jid), br(),
                outcome.userExists() ? markup.t("test.user-exists", jid) : markup.t("test.user-missing", jid)));
        } else if (verdict != null) {
            final Fragment refusal = fragment(markup.t("test.failure", verdict.reason().name(), verdict.reason().description()),
                br(), markup.t("test.condition", verdict.reason().condition().elementName()));
            if (verdict.failingIndex() >= 0) {
                refusal.add(br(), markup.t("test.failing-index", verdict.failingIndex()));
            }
            if (!verdict.detail().isEmpty()) {
                refusal.add(br(), markup.t("test.detail", verdict.detail()));
            }
            result.add(markup.infoBox("error", refusal));
        }
        if (!outcome.chain().isEmpty()) {
            final ConsoleMarkup.ListTable chain = ConsoleMarkup.listTable(text("#"), markup.t("trust.subject"), markup.t("trust.issuer"),
                markup.t("trust.expires"));
            for (int i = 0; i < outcome.chain().size(); i++) {
                final X509Certificate c = outcome.chain().get(i);
                chain.row(text(i), text(c.getSubjectX500Principal().getName()), text(c.getIssuerX500Principal().getName()),
                    text(ConsoleMarkup.time(c.getNotAfter().toInstant())));
            }
            result.add(chain.node(), br());
        }
        return result;
    }
}
