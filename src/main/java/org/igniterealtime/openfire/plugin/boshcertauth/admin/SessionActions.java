package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.AdminText.Message;
import org.igniterealtime.openfire.plugin.boshcertauth.blocking.BlockKey;
import org.igniterealtime.openfire.plugin.boshcertauth.blocking.BlockList;
import org.igniterealtime.openfire.plugin.boshcertauth.blocking.BlockedCertificate;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.ClusterSessions;
import org.igniterealtime.openfire.plugin.boshcertauth.session.LiveCertificateSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The live-session section's POST actions: end a session (of this node, or of another cluster node through a cluster
 * task), block a certificate (by SHA-256, or by issuer and serial)
 * and end its sessions on this node at once (other nodes: at their next supervisor tick), unblock. Every parameter is
 * re-validated here; each action is logged and written to Openfire's security audit log with the admin's name.
 */
final class SessionActions {

    private static final Logger Log = LoggerFactory.getLogger(SessionActions.class);

    static final String END = "end-session";
    static final String BLOCK = "block-certificate";
    static final String UNBLOCK = "unblock-certificate";
    static final String SESSION_PARAMETER = "session";
    /** Only on another node's row: that node's id (the session is ended there, through the cluster). */
    static final String NODE_PARAMETER = "node";
    /** Longest session or node id sent to another node (stream ids and node ids are short). */
    static final int MAX_ID_LENGTH = 200;
    static final String SHA256_PARAMETER = "sha256";
    static final String ISSUER_PARAMETER = "issuer";
    static final String SERIAL_PARAMETER = "serial";
    static final String REASON_PARAMETER = "reason";
    static final String KEY_PARAMETER = "key";

    /** What the action did: notices (success) or messages (errors), shown at the top of the page. */
    record Outcome(boolean ok, List<Message> messages) {
        static Outcome done(String key, Object... arguments) {
            return new Outcome(true, List.of(new Message(key, arguments)));
        }

        static Outcome refused(String key, Object... arguments) {
            return new Outcome(false, List.of(new Message(key, arguments)));
        }
    }

    private final AdminEnvironment environment;
    private final Clock clock;

    SessionActions(AdminEnvironment environment, Clock clock) {
        this.environment = environment;
        this.clock = clock;
    }

    static boolean handles(String action) {
        return END.equals(action) || BLOCK.equals(action) || UNBLOCK.equals(action);
    }

    Outcome perform(String action, Function<String, String> parameters, String admin) {
        return switch (action) {
            case END -> LiveSessionsSection.nonEmpty(parameters.apply(NODE_PARAMETER))
                .map(node -> endOn(node, parameters.apply(SESSION_PARAMETER), admin))
                .orElseGet(() -> end(parameters.apply(SESSION_PARAMETER), admin));
            case BLOCK -> block(parameters, admin);
            case UNBLOCK -> unblock(parameters.apply(KEY_PARAMETER), admin);
            default -> Outcome.refused("message.unknown-action");
        };
    }

    private Outcome end(String id, String admin) {
        final Optional<LiveCertificateSession> session = environment.liveSessions().stream().filter(s -> s.id().equals(id)).findFirst();
        if (session.isEmpty() || !environment.endSession(id, admin)) {
            return Outcome.refused("sessions.end.gone");
        }
        Log.info("Admin '{}' ended the certificate session {} of {}", admin, id, session.get().jid());
        audit(admin, "Ended a certificate session of " + session.get().jid(),
            "session: " + id + "; certificate sha256: " + session.get().certificate().sha256());
        return Outcome.done("sessions.end.done", session.get().jid());
    }

    /** Another node's session: a cluster task ends it there; a node that does not answer is named as such. */
    private Outcome endOn(String node, String id, String admin) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH || node.length() > MAX_ID_LENGTH) {
            return Outcome.refused("sessions.end.gone");
        }
        final ClusterSessions.EndResult result = environment.endSessionOn(node, id, admin);
        return switch (result.status()) {
            case ENDED -> {
                Log.info("Admin '{}' ended the certificate session {} of {} on node {}", admin, id, result.jid(), result.node());
                audit(admin, "Ended a certificate session of " + result.jid(), "session: " + id + "; node: " + result.node());
                yield Outcome.done("sessions.end.remote-done", result.jid(), result.node());
            }
            case GONE -> Outcome.refused("sessions.end.remote-gone", result.node());
            case NO_ANSWER -> Outcome.refused("sessions.end.no-answer", result.node());
        };
    }

    private Outcome block(Function<String, String> parameters, String admin) {
        final Optional<BlockList> blocks = environment.blockList();
        if (blocks.isEmpty()) {
            return Outcome.refused("blocks.not-loaded");
        }
        final String reason = LiveSessionsSection.nonEmpty(parameters.apply(REASON_PARAMETER)).orElse("");
        final Optional<String> sha256 = LiveSessionsSection.nonEmpty(parameters.apply(SHA256_PARAMETER));
        final Optional<String> issuer = LiveSessionsSection.nonEmpty(parameters.apply(ISSUER_PARAMETER));
        final Optional<String> serial = LiveSessionsSection.nonEmpty(parameters.apply(SERIAL_PARAMETER));
        final BlockedCertificate entry;
        if (sha256.isPresent() && issuer.isEmpty() && serial.isEmpty()) {
            final Optional<BlockKey> key = BlockKey.ofSha256(sha256.get());
            if (key.isEmpty()) {
                return Outcome.refused("blocks.invalid.sha256");
            }
            entry = BlockedCertificate.bySha256(key.get(), reason, admin, clock.instant());
        } else if (sha256.isEmpty() && issuer.isPresent() && serial.isPresent()) {
            final Optional<BlockKey> key = BlockKey.ofIssuerSerial(issuer.get(), serial.get());
            if (key.isEmpty()) {
                return Outcome.refused("blocks.invalid.issuer-serial");
            }
            entry = BlockedCertificate.byIssuerSerial(key.get(), issuer.get(), serial.get(), reason, admin, clock.instant());
        } else {
            return Outcome.refused("blocks.invalid.which");
        }
        final boolean added;
        try {
            added = blocks.get().block(entry);
        } catch (SQLException | RuntimeException e) {
            Log.warn("Could not block the certificate {}", entry.key(), e);
            return Outcome.refused("blocks.failed", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        final int ended = environment.endBlockedSessions();
        final String which = entry.key().bySha256() ? "sha256 " + entry.sha256() : "issuer '" + entry.issuer() + "' serial " + entry.serial();
        if (added) {
            Log.info("Admin '{}' blocked the certificate {} ({}); {} session(s) on this node ended", admin, which, reason, ended);
            audit(admin, "Blocked a client certificate", which + "; reason: " + reason + "; sessions ended on this node: " + ended);
        }
        return Outcome.done(added ? "blocks.done" : "blocks.already", which, ended);
    }

    private Outcome unblock(String key, String admin) {
        final Optional<BlockList> blocks = environment.blockList();
        if (blocks.isEmpty()) {
            return Outcome.refused("blocks.not-loaded");
        }
        final Optional<BlockedCertificate> entry = key == null ? Optional.empty() : blocks.get().find(new BlockKey(key));
        if (entry.isEmpty()) {
            return Outcome.refused("blocks.unblock.gone");
        }
        try {
            blocks.get().unblock(entry.get().key());
        } catch (SQLException | RuntimeException e) {
            Log.warn("Could not unblock the certificate {}", key, e);
            return Outcome.refused("blocks.failed", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        Log.info("Admin '{}' unblocked the certificate {}", admin, entry.get().key());
        audit(admin, "Unblocked a client certificate", entry.get().key() + "; had been blocked by " + entry.get().blockedBy()
            + " at " + entry.get().blockedAt() + "; reason: " + entry.get().reason());
        return Outcome.done("blocks.unblock.done");
    }

    private void audit(String admin, String summary, String details) {
        try {
            environment.audit(admin, summary, details);
        } catch (RuntimeException e) {
            Log.warn("Could not write '{}' to Openfire's security audit log", summary, e);
        }
    }
}
