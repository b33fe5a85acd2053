package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Element;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Fragment;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Node;
import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;
import org.igniterealtime.openfire.plugin.boshcertauth.registration.RegisteredCertificate;

import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.br;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.element;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.fragment;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.text;

/**
 * Every user's registered certificates (XEP-0257): user, name, SHA-256, expiry, enabled, with "Disable" and "Revoke"
 * (CSRF-protected forms like the live-session actions). Names are the users' own text: all of it goes through the
 * escaping builder.
 */
final class RegisteredCertificatesSection implements PageSection {

    static final String ANCHOR = "boshcertauth-registered";

    private final ConsoleMarkup markup;
    private final AdminEnvironment environment;

    RegisteredCertificatesSection(ConsoleMarkup markup, AdminEnvironment environment) {
        this.markup = markup;
        this.environment = environment;
    }

    @Override
    public Node render(AdminPage page) {
        final Fragment content = fragment(element("a").attr("id", ANCHOR));
        if (!Settings.XEP0257_ENABLED.getValue()) {
            content.add(element("p").add(markup.t("registered.off")));
        }
        environment.registrations().ifPresentOrElse(registrations -> {
            if (!registrations.readable()) {
                content.add(markup.infoBox("warning", markup.t("registered.unreadable")));
            }
            final var entries = registrations.entries();
            if (entries.isEmpty()) {
                content.add(element("p").add(markup.t("registered.none")));
                return;
            }
            content.add(element("p").add(markup.t("registered.info", entries.size())));
            final ConsoleMarkup.ListTable table = ConsoleMarkup.listTable(markup.t("registered.user"), markup.t("registered.name"),
                markup.t("registered.sha256"), markup.t("registered.expiry"), markup.t("registered.enabled"), markup.t("sessions.actions"));
            for (RegisteredCertificate entry : entries) {
                table.row(text(entry.username()), text(entry.name()), element("code").text(entry.sha256()),
                    text(ConsoleMarkup.time(entry.notAfter())), markup.t(entry.enabled() ? "registered.yes" : "registered.no"),
                    actions(page, entry));
            }
            content.add(table.node());
        }, () -> content.add(element("p").add(markup.t("registered.not-loaded"))));
        return markup.contentBox(markup.t("registered.title"), content);
    }

    private Node actions(AdminPage page, RegisteredCertificate entry) {
        final Element revoke = form(page, RegistrationActions.REVOKE, entry, "registered.revoke.button");
        return entry.enabled() ? fragment(form(page, RegistrationActions.DISABLE, entry, "registered.disable.button"), br(), revoke) : revoke;
    }

    private Element form(AdminPage page, String action, RegisteredCertificate entry, String button) {
        return ConsoleMarkup.postForm(page, action, ANCHOR).cls("boshcertauth-inline")
            .add(ConsoleMarkup.hidden(RegistrationActions.USER_PARAMETER, entry.username()),
                ConsoleMarkup.hidden(RegistrationActions.NAME_PARAMETER, entry.name()),
                ConsoleMarkup.submit(action, markup.string(button)));
    }
}
