package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Fragment;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Node;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.bad;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.good;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.element;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.fragment;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.text;

/** The CAs of Openfire's BOSH client truststore, each with its validity now. */
final class TruststoreSection implements PageSection {

    private final ConsoleMarkup markup;
    private final AdminEnvironment environment;
    private final Clock clock;

    TruststoreSection(ConsoleMarkup markup, AdminEnvironment environment, Clock clock) {
        this.markup = markup;
        this.environment = environment;
        this.clock = clock;
    }

    @Override
    public Node render(AdminPage page) {
        final Fragment content = fragment(element("p").add(markup.t("trust.info")));
        final List<X509Certificate> cas = trusted();
        if (cas.isEmpty()) {
            content.add(markup.infoBox("warning", markup.t("trust.empty")));
        } else {
            final ConsoleMarkup.ListTable table = ConsoleMarkup.listTable(markup.t("trust.subject"), markup.t("trust.issuer"),
                markup.t("trust.expires"), markup.t("trust.state"));
            final Instant now = clock.instant();
            for (X509Certificate ca : cas) {
                final Node state = ca.getNotAfter().toInstant().isBefore(now) ? bad(markup.t("trust.expired"))
                    : ca.getNotBefore().toInstant().isAfter(now) ? bad(markup.t("trust.not-yet-valid")) : good(markup.t("trust.valid"));
                table.row(text(ca.getSubjectX500Principal().getName()), text(ca.getIssuerX500Principal().getName()),
                    text(ConsoleMarkup.time(ca.getNotAfter().toInstant())), state);
            }
            content.add(table.node());
        }
        return markup.contentBox(markup.t("trust.title"), content);
    }

    private List<X509Certificate> trusted() {
        try {
            return environment.trustedCertificates().stream()
                .sorted(Comparator.comparing(c -> c.getSubjectX500Principal().getName())).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
