package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Element;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Fragment;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Node;
import org.igniterealtime.openfire.plugin.boshcertauth.blocking.BlockedCertificate;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.ClusterSessions;

import java.util.List;
import java.util.Optional;

import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.br;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.help;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.element;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.fragment;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.text;

/**
 * The live certificate sessions of every cluster node (this node's alone when not clustered; a node that does not
 * answer is named above the table) (JID, transport, peer, since, certificate, node) with "End session" and
 * "Block certificate" (a reason field and the button; blocks the certificate's SHA-256 and ends its sessions on every
 * node), then the block list with "Unblock" and a form to block by SHA-256 or by issuer and serial. Subjects, issuers
 * and reasons are hostile or admin text: all of it goes through the escaping builder.
 */
final class LiveSessionsSection implements PageSection {

    static final String ANCHOR = "boshcertauth-sessions";

    private final ConsoleMarkup markup;
    private final AdminEnvironment environment;

    LiveSessionsSection(ConsoleMarkup markup, AdminEnvironment environment) {
        this.markup = markup;
        this.environment = environment;
    }

    @Override
    public Node render(AdminPage page) {
        final Fragment content = fragment(element("a").attr("id", ANCHOR));
        final ClusterSessions.View view = sessionsOfEveryNode();
        if (!view.silent().isEmpty()) {
            content.add(markup.infoBox("warning", markup.t("sessions.cluster.silent", String.join(", ", view.silent()))));
        }
        view.truncated().forEach((node, total) ->
            content.add(markup.infoBox("warning", markup.t("sessions.cluster.truncated", node, total, ClusterSessions.PER_NODE))));
        final List<ClusterSessions.NodeSession> sessions = view.sessions();
        if (sessions.isEmpty()) {
            content.add(element("p").add(markup.t(view.clustered() ? "sessions.cluster.none" : "sessions.none")));
        } else {
            content.add(element("p").add(markup.t(view.clustered() ? "sessions.cluster.info" : "sessions.info", sessions.size())));
            final ConsoleMarkup.ListTable table = ConsoleMarkup.listTable(markup.t("sessions.jid"), markup.t("sessions.transport"),
                markup.t("sessions.peer"), markup.t("sessions.since"), markup.t("sessions.certificate"), markup.t("sessions.expiry"),
                markup.t("sessions.node"), markup.t("sessions.actions"));
            for (ClusterSessions.NodeSession s : sessions) {
                table.row(text(s.jid()), text(s.transport()), text(s.peer()), text(ConsoleMarkup.time(s.since())),
                    certificate(s), text(ConsoleMarkup.time(s.notAfter())), text(s.node()), actions(page, s));
            }
            content.add(table.node());
        }
        content.add(element("h4").add(markup.t("blocks.title")));
        environment.blockList().ifPresentOrElse(blocks -> {
            if (!blocks.readable()) {
                content.add(markup.infoBox("warning", markup.t("blocks.unreadable")));
            }
            blockTable(page, blocks.entries(), content);
        }, () -> content.add(element("p").add(markup.t("blocks.not-loaded"))));
        content.add(blockForm(page));
        return markup.contentBox(markup.t("sessions.title"), content);
    }

    /** A node that cannot even ask the cluster still shows its own sessions (and no other node's). */
    private ClusterSessions.View sessionsOfEveryNode() {
        try {
            return environment.sessionsOfEveryNode();
        } catch (RuntimeException e) {
            return ClusterSessions.View.local(environment.liveSessions());
        }
    }

    private static Node certificate(ClusterSessions.NodeSession s) {
        return fragment(text(s.certificate().subject()), br(),
            help(text("issuer: " + s.certificate().issuer()), br(), text("serial: " + s.certificate().serial()), br(),
                element("code").text("SHA-256: " + s.certificate().sha256())));
    }

    /** Another node's row names its node in the end form: the session is ended there, through the cluster. */
    private Node actions(AdminPage page, ClusterSessions.NodeSession s) {
        final Element end = ConsoleMarkup.postForm(page, SessionActions.END, ANCHOR).cls("boshcertauth-inline")
            .add(ConsoleMarkup.hidden(SessionActions.SESSION_PARAMETER, s.id()));
        if (!s.local()) {
            end.add(ConsoleMarkup.hidden(SessionActions.NODE_PARAMETER, s.nodeId()));
        }
        end.add(ConsoleMarkup.submit(SessionActions.END, markup.string("sessions.end.button")));
        final Element block = ConsoleMarkup.postForm(page, SessionActions.BLOCK, ANCHOR).cls("boshcertauth-inline")
            .add(ConsoleMarkup.hidden(SessionActions.SHA256_PARAMETER, s.certificate().sha256()),
                element("input").attr("type", "text").attr("name", SessionActions.REASON_PARAMETER).attr("size", "16")
                    .attr("maxlength", "1024").attr("placeholder", markup.string("blocks.reason.placeholder")),
                ConsoleMarkup.submit(SessionActions.BLOCK, markup.string("sessions.block.button")));
        return fragment(end, br(), block);
    }

    private void blockTable(AdminPage page, List<BlockedCertificate> entries, Fragment content) {
        if (entries.isEmpty()) {
            content.add(element("p").add(markup.t("blocks.none")));
            return;
        }
        final ConsoleMarkup.ListTable table = ConsoleMarkup.listTable(markup.t("blocks.certificate"), markup.t("blocks.reason"),
            markup.t("blocks.by"), markup.t("blocks.at"), markup.t("sessions.actions"));
        for (BlockedCertificate b : entries) {
            final Node which = b.key().bySha256() ? element("code").text("SHA-256: " + b.sha256())
                : fragment(text("issuer: " + b.issuer()), br(), text("serial: " + b.serial()));
            final Element unblock = ConsoleMarkup.postForm(page, SessionActions.UNBLOCK, ANCHOR).cls("boshcertauth-inline")
                .add(ConsoleMarkup.hidden(SessionActions.KEY_PARAMETER, b.key().value()),
                    ConsoleMarkup.submit(SessionActions.UNBLOCK, markup.string("blocks.unblock.button")));
            table.row(which, text(b.reason()), text(b.blockedBy()), text(ConsoleMarkup.time(b.blockedAt())), unblock);
        }
        content.add(table.node());
    }

    private Node blockForm(AdminPage page) {
        final Element form = ConsoleMarkup.postForm(page, SessionActions.BLOCK, ANCHOR);
        form.add(element("p").add(markup.t("blocks.form.intro")),
            ConsoleMarkup.formTable().add(element("tbody").add(
                ConsoleMarkup.inputRow("boshcertauth-block-sha256", markup.t("blocks.form.sha256"),
                    input("boshcertauth-block-sha256", SessionActions.SHA256_PARAMETER, 72, 100)),
                ConsoleMarkup.inputRow("boshcertauth-block-issuer", markup.t("blocks.form.issuer"),
                    input("boshcertauth-block-issuer", SessionActions.ISSUER_PARAMETER, 72, 4096)),
                ConsoleMarkup.inputRow("boshcertauth-block-serial", markup.t("blocks.form.serial"),
                    input("boshcertauth-block-serial", SessionActions.SERIAL_PARAMETER, 40, 200)),
                ConsoleMarkup.inputRow("boshcertauth-block-reason", markup.t("blocks.reason"),
                    input("boshcertauth-block-reason", SessionActions.REASON_PARAMETER, 72, 1024)))),
            ConsoleMarkup.submit(SessionActions.BLOCK, markup.string("blocks.form.button")));
        return form;
    }

    private static Element input(String id, String name, int size, int max) {
        return element("input").attr("type", "text").attr("id", id).attr("name", name).attr("size", String.valueOf(size))
            .attr("maxlength", String.valueOf(max));
    }

    static Optional<String> nonEmpty(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
