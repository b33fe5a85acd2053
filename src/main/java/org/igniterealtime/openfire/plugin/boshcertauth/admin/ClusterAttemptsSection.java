package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Fragment;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Node;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.ClusterAttempts;

import java.util.List;
import java.util.Optional;

import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.bad;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.good;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.element;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.fragment;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.text;

/** "Recent attempts on all cluster nodes" (only on a cluster member): every node's newest attempts, with its name. */
final class ClusterAttemptsSection implements PageSection {

    private final ConsoleMarkup markup;
    private final AdminEnvironment environment;

    ClusterAttemptsSection(ConsoleMarkup markup, AdminEnvironment environment) {
        this.markup = markup;
        this.environment = environment;
    }

    @Override
    public Node render(AdminPage page) {
        final Optional<List<ClusterAttempts.NodeAttempt>> found;
        try {
            found = environment.clusterAttempts();
        } catch (RuntimeException e) {
            return fragment();
        }
        if (found.isEmpty()) {
            return fragment();
        }
        final Fragment content = fragment(element("p").add(markup.t("cluster-attempts.info", ClusterAttempts.PER_NODE)));
        if (found.get().isEmpty()) {
            content.add(element("p").add(markup.t("attempts.none")));
        } else {
            final ConsoleMarkup.ListTable table = ConsoleMarkup.listTable(markup.t("cluster.node"), markup.t("attempts.time"),
                markup.t("attempts.address"), markup.t("attempts.subject"), markup.t("attempts.jid"), markup.t("attempts.outcome"),
                markup.t("attempts.reason"));
            for (ClusterAttempts.NodeAttempt a : found.get()) {
                table.row(text(a.node()), text(ConsoleMarkup.time(a.time())), text(a.remoteAddress()), text(a.subject()), text(a.jid()),
                    a.success() ? good(markup.t("attempts.success")) : bad(markup.t("attempts.failure")), text(a.reason()));
            }
            content.add(table.node());
        }
        return markup.contentBox(markup.t("cluster-attempts.title"), content);
    }
}
