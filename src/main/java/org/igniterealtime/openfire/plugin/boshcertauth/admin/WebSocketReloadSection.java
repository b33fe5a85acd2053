package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginStatus;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Node;

import java.util.Optional;

import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.fragment;

/**
 * What reloading the plugin does to open WebSocket connections, said before the admin reloads (issue 18): the plugin
 * has to replace Openfire's WebSocket servlet to offer certificate login, and Openfire closes the WebSocket sessions
 * that have bound a resource whenever that servlet is replaced; the plugin closes the rest of those running through
 * it at unload. Shown while certificate login over WebSocket is in place.
 */
final class WebSocketReloadSection implements PageSection {

    private final ConsoleMarkup markup;
    private final AdminEnvironment environment;

    WebSocketReloadSection(ConsoleMarkup markup, AdminEnvironment environment) {
        this.markup = markup;
        this.environment = environment;
    }

    @Override
    public Node render(AdminPage page) {
        final Optional<PluginStatus> status = environment.status();
        if (status.isEmpty() || !status.get().webSocket()) {
            return fragment();
        }
        return markup.infoBox("info", markup.t("websocket-reload.note"));
    }
}
