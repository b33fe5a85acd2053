package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Node;
import org.igniterealtime.openfire.plugin.boshcertauth.config.BoshClientCertPolicy;

import java.util.Optional;

import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.element;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.fragment;

/**
 * A warning while certificate login over WebSocket ({@code /ws}) is in place under a policy where browsers will not
 * present a certificate on their own (issue 15): under {@code disabled} the server never asks for one; under
 * {@code wanted}/{@code needed} Chromium (Chrome, Edge) presents one on a {@code wss://} handshake — and, when the
 * server asks, completes the handshake at all — only after an HTTPS request to the same host and port has settled
 * the choice in that browser session; otherwise it cancels the handshake, for password users too. Nothing of it
 * reaches Openfire, so the page is the only place an admin can learn it. Belongs on the status page.
 */
final class ChromiumWebSocketSection implements PageSection {

    private final ConsoleMarkup markup;
    private final AdminEnvironment environment;

    ChromiumWebSocketSection(ConsoleMarkup markup, AdminEnvironment environment) {
        this.markup = markup;
        this.environment = environment;
    }

    @Override
    public Node render(AdminPage page) {
        final boolean webSocket = environment.status().map(status -> status.active() && status.webSocket()).orElse(false);
        final Optional<PluginRuntime> runtime = environment.runtime();
        if (!webSocket || runtime.isEmpty()) {
            return fragment();
        }
        // Unset: Openfire's default, disabled (the status section says so).
        final BoshClientCertPolicy policy = Optional.ofNullable(runtime.get().configuration().boshClientCertPolicy())
            .orElse(BoshClientCertPolicy.DISABLED);
        if (policy == BoshClientCertPolicy.DISABLED) {
            return markup.infoBox("warning", markup.t("websocket.chromium.disabled"));
        }
        return markup.infoBox("warning", fragment(markup.t("websocket.chromium.selection", policy.propertyValue()),
            element("br"), markup.t("websocket.chromium.recipe")));
    }
}
