package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Fragment;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Node;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;

import java.util.List;

import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.bad;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.bold;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.br;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.good;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.help;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.element;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.fragment;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.text;

/**
 * The recent certificate login attempts, newest first. Every column but the outcome shows what a client sent or
 * presented (address, certificate subject, asked-for JID, detail), so all of it is hostile text. Buttons of the
 * {@link AttemptAction}s that apply to an attempt follow its reason.
 */
final class AttemptsSection implements PageSection {

    private final ConsoleMarkup markup;
    private final AdminEnvironment environment;
    private final List<AttemptAction> actions;

    AttemptsSection(ConsoleMarkup markup, AdminEnvironment environment, List<AttemptAction> actions) {
        this.markup = markup;
        this.environment = environment;
        this.actions = List.copyOf(actions);
    }

    @Override
    public Node render(AdminPage page) {
        final List<LoginAttempt> attempts = environment.recentAttempts();
        final Fragment content = fragment();
        if (attempts.isEmpty()) {
            content.add(element("p").add(markup.t("attempts.none")));
        } else {
            content.add(element("p").add(markup.t("attempts.info", attempts.size())));
            final ConsoleMarkup.ListTable table = ConsoleMarkup.listTable(markup.t("attempts.time"), markup.t("attempts.address"),
                markup.t("attempts.subject"), markup.t("attempts.jid"), markup.t("attempts.outcome"), markup.t("attempts.reason"));
            for (LoginAttempt a : attempts) {
                table.row(text(ConsoleMarkup.time(a.time())), text(a.remoteAddress()), text(a.certificate().subject()), text(a.jid()),
                    a.success() ? good(markup.t("attempts.success"))
                        : fragment(bad(markup.t("attempts.failure")), text(" "), help(text("(" + a.stage() + ")"))),
                    reason(a, page));
            }
            content.add(table.node());
        }
        return markup.contentBox(markup.t("attempts.title"), content);
    }

    private Node reason(LoginAttempt a, AdminPage page) {
        final Fragment reason = fragment();
        if (a.success()) {
            reason.text(a.detail());
        } else {
            reason.add(bold(text(a.reason().name())), text(": " + a.reason().description()));
            if (!a.detail().isEmpty()) {
                reason.add(br(), help(text(a.detail())));
            }
        }
        for (AttemptAction action : actions) {
            action.buttonFor(a).ifPresent(button -> reason.add(markup.postButton(page, button)));
        }
        return reason;
    }
}
