package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Fragment;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Node;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

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
        final Fragment content = fragment(element("p").add(markup.t("trust.info"), text(" "), location(markup, environment)));
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

    /**
     * Which file Openfire keeps the BOSH client truststore in, who else trusts it (with Openfire's default stores TCP
     * client connections share client.truststore), and where it is managed, with a link to Openfire's page.
     */
    static Fragment location(ConsoleMarkup markup, AdminEnvironment environment) {
        final Fragment text = fragment();
        final Optional<AdminEnvironment.TruststoreLocation> location = locationOf(environment);
        if (location.isPresent()) {
            text.add(markup.t("trust.file", location.get().file()), text(" "));
            if (location.get().sharedWith().isEmpty()) {
                text.add(markup.t("trust.shared.none"));
            } else {
                text.add(markup.t("trust.shared", location.get().sharedWith().stream()
                    .map(type -> markup.string("trust.shared." + type)).collect(Collectors.joining(", "))));
            }
            text.add(text(" "));
        }
        return text.add(markup.t("trust.manage"), text(" "),
            element("a").attr("href", AdminPageRenderer.BOSH_TRUSTSTORE_PAGE).add(markup.t("trust.menu")), text("."));
    }

    private static Optional<AdminEnvironment.TruststoreLocation> locationOf(AdminEnvironment environment) {
        try {
            return environment.boshTruststoreLocation();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
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
