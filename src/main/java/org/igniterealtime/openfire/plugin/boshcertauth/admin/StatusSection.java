package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.PluginStatus;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Element;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Fragment;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Node;
import org.igniterealtime.openfire.plugin.boshcertauth.config.PluginConfiguration;
import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;

import java.util.Optional;

import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.bad;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.bold;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.br;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.good;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.help;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.element;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.fragment;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.text;

/** "Status": whether the plugin's parts are in place, and the Openfire settings certificate login depends on. */
final class StatusSection implements PageSection {

    /** Forgets every cached verdict, OCSP answer and CRL (e.g. after a CA published a revocation). */
    static final String FLUSH_ACTION = "flush-caches";

    static final String DASH = " \u2013 ";

    private final ConsoleMarkup markup;
    private final AdminEnvironment environment;

    StatusSection(ConsoleMarkup markup, AdminEnvironment environment) {
        this.markup = markup;
        this.environment = environment;
    }

    @Override
    public Node render(AdminPage page) {
        final Element table = ConsoleMarkup.formTable();
        final Optional<PluginStatus> status = environment.status();
        if (status.isEmpty()) {
            table.add(row("status.plugin", problem("status.plugin.not-loaded")));
        } else if (!status.get().active()) {
            table.add(row("status.plugin", bad(markup.t("status.plugin.inactive")), text(" "), text(status.get().problem()),
                br(), help(markup.t("status.plugin.inactive.todo"))));
        } else {
            final PluginStatus s = status.get();
            table.add(row("status.plugin", good(markup.t("status.plugin.active"))));
            table.add(row("status.filter", !s.filterInstalled() ? problem("status.filter.missing")
                : s.filterFirst() ? good(markup.t("status.filter.first")) : problem("status.filter.not-first")));
            table.add(row("status.provider", s.providerFirst() ? good(markup.t("status.provider.first")) : problem("status.provider.not-first")));
            table.add(row("status.websocket", s.webSocket() ? good(markup.t("status.websocket.on")) : problem("status.websocket.off")));
        }
        table.add(row("status.tls", httpsBindActive() ? good(markup.t("yes")) : problem("no", "status.tls.todo")));
        final Optional<PluginRuntime> runtime = environment.runtime();
        final String policy = AdminField.named(Settings.BOSH_CLIENT_CERT_POLICY).currentValue();
        final Fragment policyCell = fragment(bold(text(policy)), text(DASH), markup.t("choice." + Settings.BOSH_CLIENT_CERT_POLICY + "." + policy));
        if (runtime.map(r -> r.configuration().boshClientCertPolicy() == null).orElse(false)) {
            policyCell.add(br(), help(markup.t("status.client-cert-policy.default")));
        }
        table.add(row("status.client-cert-policy", policyCell));
        final boolean external = Boolean.parseBoolean(AdminField.named(AdminField.SASL_EXTERNAL).currentValue());
        table.add(row("status.external", external ? good(markup.t("yes")) : problem("no", "status.external.todo")));
        runtime.ifPresent(r -> table.add(row("status.offer-enforcement",
            text(r.configuration().offer().name() + " / " + r.configuration().enforcement().name()))));

        final Fragment content = fragment(table);
        runtime.ifPresent(r -> {
            final PluginConfiguration c = r.configuration();
            c.warnings().forEach(warning -> content.add(markup.infoBox("warning", markup.t("status.warning", warning))));
            c.notes().forEach(note -> content.add(markup.infoBox("info", markup.t("status.note", note))));
            content.add(element("p").add(help(markup.t("status.flush.info")),
                markup.postButton(page, new ConsoleMarkup.PostButton(FLUSH_ACTION, "status.flush.button", java.util.Map.of(), null))));
        });
        return markup.contentBox(markup.t("status.title"), content);
    }

    private boolean httpsBindActive() {
        try {
            return environment.httpsBindActive();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Element row(String labelKey, Node... value) {
        return ConsoleMarkup.labelRow(markup.t(labelKey), value);
    }

    /** A bad state and what to do about it (key {@code <key>.todo}). */
    private Fragment problem(String key) {
        return problem(key, key + ".todo");
    }

    private Fragment problem(String key, String todoKey) {
        return fragment(bad(markup.t(key)), br(), help(markup.t(todoKey)));
    }
}
