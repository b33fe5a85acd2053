package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Fragment;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Node;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.ClusterView;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.NodeReport;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.bad;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.bold;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.help;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.element;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.fragment;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.text;

/**
 * "Cluster" (only when this Openfire is a cluster member): every node's plugin version, installation state,
 * truststore CA fingerprints and settings digest side by side, collected with a cluster task; a warning names a node
 * that did not answer (it lacks the plugin, or the plugin is not loaded there) and every field on which nodes differ.
 */
final class ClusterSection implements PageSection {

    private final ConsoleMarkup markup;
    private final AdminEnvironment environment;

    ClusterSection(ConsoleMarkup markup, AdminEnvironment environment) {
        this.markup = markup;
        this.environment = environment;
    }

    @Override
    public Node render(AdminPage page) {
        final Optional<ClusterView> found = clusterView();
        if (found.isEmpty()) {
            return fragment();
        }
        final ClusterView view = found.get();
        final Fragment content = fragment(element("p").add(markup.t("cluster.info")), element("p").add(help(markup.t("cluster.per-node"))));
        if (!view.missing().isEmpty()) {
            content.add(markup.infoBox("warning", markup.t("cluster.missing", String.join(", ", view.missing()))));
        }
        if (!view.differing().isEmpty()) {
            content.add(markup.infoBox("warning", markup.t("cluster.differing",
                String.join(", ", view.differing().stream().map(f -> markup.string("cluster.field." + f)).toList()))));
        }
        final ConsoleMarkup.ListTable table = ConsoleMarkup.listTable(markup.t("cluster.node"),
            markup.t("cluster.field." + NodeReport.VERSION), markup.t("cluster.state"),
            markup.t("cluster.field." + NodeReport.TRUSTED_CAS), markup.t("cluster.field." + NodeReport.SETTINGS_DIGEST));
        for (ClusterView.Node node : view.nodes()) {
            final Fragment name = fragment(text(node.host()), text(" "), help(text(node.id())));
            if (node.local()) {
                name.add(text(" "), bold(markup.t("cluster.this-node")));
            }
            if (node.report().isEmpty()) {
                table.row(name, bad(markup.t("cluster.no-answer")), text(""), text(""), text(""));
                continue;
            }
            final Map<String, String> r = node.report().get();
            table.row(name, text(r.get(NodeReport.VERSION)), state(r), fingerprints(r.get(NodeReport.TRUSTED_CAS)),
                element("code").add(text(String.valueOf(r.get(NodeReport.SETTINGS_DIGEST)))));
        }
        content.add(table.node());
        return markup.contentBox(markup.t("cluster.title"), content);
    }

    private Optional<ClusterView> clusterView() {
        try {
            return environment.clusterView();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Node state(Map<String, String> r) {
        final Fragment cell = fragment();
        for (String field : new String[] {NodeReport.ACTIVE, NodeReport.FILTER, NodeReport.PROVIDER, NodeReport.WEBSOCKET}) {
            final boolean on = Boolean.parseBoolean(r.get(field));
            cell.add(text(markup.string("cluster.field." + field) + ": "), on ? text(markup.string("yes")) : bad(markup.t("no")),
                element("br"));
        }
        return cell;
    }

    /** The first 16 hex digits of each SHA-256 fingerprint, one a line (the full ones in the title). */
    private static Node fingerprints(String joined) {
        final Fragment cell = fragment();
        if (joined == null || joined.isEmpty()) {
            return cell.add(text("\u2013"));
        }
        Arrays.stream(joined.split(",")).forEach(f -> cell.add(
            element("code").attr("title", f).add(text(f.length() > 16 ? f.substring(0, 16) : f)), element("br")));
        return cell;
    }
}
