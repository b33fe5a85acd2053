package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Fragment;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Node;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.CandidateExplanation;
import org.xmpp.packet.JID;

import java.util.stream.Collectors;

import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.element;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.fragment;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.text;

/**
 * After "Test a certificate": every candidate identity of every configured source, with the mapping that produced it
 * (by domain or which directory attributes) and the accounts it resolves to (issue 19). Belongs next to the
 * certificate test (page "Test a certificate" once the page is split); renders nothing when no test was run.
 */
final class IdentityCandidatesSection implements PageSection {

    private final ConsoleMarkup markup;

    IdentityCandidatesSection(ConsoleMarkup markup) {
        this.markup = markup;
    }

    @Override
    public Node render(AdminPage page) {
        final CertificateTester.Outcome outcome = page.testOutcome();
        if (outcome == null || outcome.candidates().isEmpty()) {
            return fragment();
        }
        final ConsoleMarkup.ListTable table = ConsoleMarkup.listTable(markup.t("candidates.source"), markup.t("candidates.value"),
            markup.t("candidates.mapping"), markup.t("candidates.users"), markup.t("candidates.notes"));
        for (CandidateExplanation row : outcome.candidates()) {
            table.row(text(row.source().settingName()),
                row.value().isEmpty() ? markup.t("candidates.no-value") : text(row.value()),
                text(row.mapping()),
                row.users().isEmpty() ? markup.t("candidates.nobody") : text(row.users().stream().map(JID::toBareJID).collect(Collectors.joining(", "))),
                notes(row));
        }
        return markup.contentBox(markup.t("candidates.title"), element("p").add(markup.t("candidates.info")), table.node());
    }

    private static Node notes(CandidateExplanation row) {
        final Fragment notes = fragment();
        for (int i = 0; i < row.notes().size(); i++) {
            if (i > 0) {
                notes.add(ConsoleMarkup.br());
            }
            notes.add(text(row.notes().get(i)));
        }
        return notes;
    }
}
