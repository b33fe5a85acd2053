package org.igniterealtime.openfire.plugin.boshcertauth.cluster;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;
import org.igniterealtime.openfire.plugin.boshcertauth.session.LiveCertificateSession;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The live certificate sessions of every cluster node ({@link #QUERY}), and ending one on the node it lives on
 * ({@link #END_COMMAND}). Each node answers with its newest {@link #PER_NODE} sessions as a flat string map; the asking
 * node merges them, newest first, each with the node's name, and names the members that did not answer. Everything in
 * an answer is displayed through the page's escaping builder; a malformed entry is skipped.
 */
public final class ClusterSessions {

    public static final String QUERY = "boshcertauth.live-sessions";
    public static final String END_COMMAND = "boshcertauth.end-session";
    /** Sessions per node in an answer, and the most an answer is read for (the page stays a page). */
    public static final int PER_NODE = 500;

    static final String SESSION_ARGUMENT = "session";
    static final String ADMIN_ARGUMENT = "admin";
    static final String FROM_ARGUMENT = "from";
    static final String OUTCOME = "outcome";
    static final String JID = "jid";
    static final String ENDED = "ended";
    static final String GONE = "gone";

    /** One session and the node it lives on ({@code nodeId} is what "end session" sends back). */
    public record NodeSession(String nodeId, String node, boolean local, String id, String jid, String transport, String peer,
                              Instant since, CertificateSummary certificate, Instant notAfter) {
    }

    /**
     * @param sessions   every node's sessions, newest first
     * @param silent     names of the members that did not answer (no plugin there, not loaded, or too slow)
     * @param truncated  node name → how many sessions it has, for the nodes with more than {@link #PER_NODE}
     * @param clustered  whether this node is in a cluster (otherwise the sessions are this node's)
     */
    public record View(List<NodeSession> sessions, List<String> silent, Map<String, Integer> truncated, boolean clustered) {

        /** This node's own sessions, not clustered (nobody else to ask). */
        public static View local(List<LiveCertificateSession> newestFirst) {
            final List<NodeSession> rows = newestFirst.stream().limit(PER_NODE).map(s -> new NodeSession(s.node(), s.node(), true, s.id(),
                s.jid(), s.transport().name(), s.peer(), s.since(), s.certificate(), s.notAfter())).toList();
            final Map<String, Integer> truncated = newestFirst.size() > PER_NODE
                ? Map.of(rows.get(0).node(), newestFirst.size()) : Map.of();
            return new View(rows, List.of(), truncated, false);
        }
    }

    /** What ending a session on another node came to. */
    public enum EndStatus { ENDED, GONE, NO_ANSWER }

    /** @param jid the session's JID when it was ended; {@code node} the node's name */
    public record EndResult(EndStatus status, String jid, String node) {
    }

    private ClusterSessions() {}

    /** This node's answer to {@link #QUERY}: its newest {@link #PER_NODE} sessions and how many it has. */
    public static Map<String, String> encode(List<LiveCertificateSession> newestFirst) {
        final Map<String, String> answer = new HashMap<>();
        final int n = Math.min(PER_NODE, newestFirst.size());
        answer.put("count", Integer.toString(n));
        answer.put("total", Integer.toString(newestFirst.size()));
        for (int i = 0; i < n; i++) {
            final LiveCertificateSession s = newestFirst.get(i);
            answer.put(i + ".id", s.id());
            answer.put(i + ".jid", s.jid());
            answer.put(i + ".transport", s.transport().name());
            answer.put(i + ".peer", s.peer());
            answer.put(i + ".since", Long.toString(s.sinceMillis()));
            answer.put(i + ".subject", s.certificate().subject());
            answer.put(i + ".issuer", s.certificate().issuer());
            answer.put(i + ".serial", s.certificate().serial());
            answer.put(i + ".sha256", s.certificate().sha256());
            answer.put(i + ".notAfter", Long.toString(s.notAfterMillis()));
        }
        return answer;
    }

    /**
     * Every answer's sessions, newest first, named by the node's host (its id when the host is unknown); the members
     * without an answer by name.
     */
    public static View merge(String localNode, Map<String, String> hostsById, List<Map<String, String>> answers, boolean clustered) {
        final List<NodeSession> all = new ArrayList<>();
        final Map<String, Integer> truncated = new TreeMap<>();
        final Map<String, Boolean> answered = new LinkedHashMap<>();
        for (Map<String, String> answer : answers) {
            final String id = answer.getOrDefault(NodeQueries.NODE, "?");
            final String node = hostsById.getOrDefault(id, PeerText.printable(id));
            answered.put(id, true);
            final int n;
            final int total;
            try {
                n = Math.max(0, Math.min(PER_NODE, Integer.parseInt(answer.getOrDefault("count", "0"))));
                total = Integer.parseInt(answer.getOrDefault("total", "0"));
            } catch (NumberFormatException e) {
                continue;
            }
            if (total > n) {
                truncated.put(node, total);
            }
            for (int i = 0; i < n; i++) {
                try {
                    // every text from the peer is shown, and the JID logged when the session is ended: escaped and capped
                    all.add(new NodeSession(id, node, id.equals(localNode), PeerText.printable(require(answer, i + ".id")),
                        PeerText.printable(require(answer, i + ".jid")), PeerText.get(answer, i + ".transport"), PeerText.get(answer, i + ".peer"),
                        Instant.ofEpochMilli(Long.parseLong(answer.get(i + ".since"))),
                        new CertificateSummary(PeerText.get(answer, i + ".subject"), PeerText.get(answer, i + ".issuer"),
                            PeerText.get(answer, i + ".serial"), PeerText.get(answer, i + ".sha256")),
                        Instant.ofEpochMilli(Long.parseLong(answer.get(i + ".notAfter")))));
                } catch (RuntimeException malformed) {
                    // skip this entry
                }
            }
        }
        all.sort(Comparator.comparing(NodeSession::since).reversed().thenComparing(NodeSession::node).thenComparing(NodeSession::id));
        final List<String> silent = new TreeMap<>(hostsById).entrySet().stream()
            .filter(member -> !answered.containsKey(member.getKey())).map(Map.Entry::getValue).toList();
        return new View(List.copyOf(all), silent, Map.copyOf(truncated), clustered);
    }

    /** The arguments of {@link #END_COMMAND}: the session's stream id, the admin (for the audit) and the asking node. */
    public static Map<String, String> endArguments(String sessionId, String admin, String fromNode) {
        return Map.of(SESSION_ARGUMENT, sessionId, ADMIN_ARGUMENT, admin, FROM_ARGUMENT, fromNode);
    }

    /**
     * The handler of {@link #END_COMMAND} on the node that has the session: {@code ender} ends the session of this
     * id for this detail (the audit's text) and gives its JID, empty when the session is not open here.
     */
    public static Map<String, String> endHere(Map<String, String> arguments, BiFunction<String, String, Optional<String>> ender) {
        final String id = arguments.getOrDefault(SESSION_ARGUMENT, "");
        // admin and from come from the peer node and go into the log and the audit: no line breaks, controls or bidi
        // overrides, and not endless
        final String detail = "by " + PeerText.printable(arguments.getOrDefault(ADMIN_ARGUMENT, "?"))
            + " on node " + PeerText.printable(arguments.getOrDefault(FROM_ARGUMENT, "?"));
        return ender.apply(id, detail).<Map<String, String>>map(jid -> Map.of(OUTCOME, ENDED, JID, jid)).orElse(Map.of(OUTCOME, GONE));
    }

    /** What the other node's answer to {@link #END_COMMAND} says (empty: it did not answer). */
    public static EndResult endResult(Optional<Map<String, String>> answer, String nodeName) {
        if (answer.isEmpty()) {
            return new EndResult(EndStatus.NO_ANSWER, "", nodeName);
        }
        return ENDED.equals(answer.get().get(OUTCOME))
            ? new EndResult(EndStatus.ENDED, PeerText.get(answer.get(), JID), nodeName)
            : new EndResult(EndStatus.GONE, "", nodeName);
    }

    private static String require(Map<String, String> answer, String key) {
        final String value = answer.get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("missing " + key);
        }
        return value;
    }
}
