package org.igniterealtime.openfire.plugin.boshcertauth.cluster;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recent login attempts of every cluster node ({@link #QUERY}): each node answers with its newest attempts as a flat
 * string map, the asking node merges them, newest first, each with the name of the node it happened on. What an
 * answer carries is escaped and capped again here ({@link PeerText#getEscapedAttemptText}): the peer's own escaping
 * ({@link LoginAttempt#printable}) is not relied on, but not doubled either, so a peer's row shows like a local one; a
 * malformed entry is skipped.
 */
public final class ClusterAttempts {

    public static final String QUERY = "boshcertauth.recent-attempts";
    /** Attempts per node in an answer, and the most an answer is read for. */
    public static final int PER_NODE = 50;

    /** One attempt and where it happened. */
    public record NodeAttempt(String node, Instant time, String stage, String remoteAddress, String subject, String jid,
                              boolean success, String reason) {
    }

    private ClusterAttempts() {}

    /** This node's answer: its newest {@link #PER_NODE} attempts. */
    public static Map<String, String> encode(List<LoginAttempt> newestFirst) {
        final Map<String, String> answer = new HashMap<>();
        final int n = Math.min(PER_NODE, newestFirst.size());
        answer.put("count", Integer.toString(n));
        for (int i = 0; i < n; i++) {
            final LoginAttempt a = newestFirst.get(i);
            answer.put(i + ".time", Long.toString(a.time().toEpochMilli()));
            answer.put(i + ".stage", a.stage());
            answer.put(i + ".address", a.remoteAddress());
            answer.put(i + ".subject", a.certificate().subject());
            answer.put(i + ".jid", a.jid());
            answer.put(i + ".reason", a.reason() == null ? "" : a.reason().name());
        }
        return answer;
    }

    /** Every answer's attempts, newest first, named by the node's host (its id when the host is unknown). */
    public static List<NodeAttempt> merge(List<Map<String, String>> answers, Map<String, String> hostsById) {
        final List<NodeAttempt> all = new ArrayList<>();
        for (Map<String, String> answer : answers) {
            final String id = answer.getOrDefault(NodeQueries.NODE, "?");
            final String node = hostsById.getOrDefault(id, PeerText.printable(id));
            final int n;
            try {
                n = Math.min(PER_NODE, Integer.parseInt(answer.getOrDefault("count", "0")));
            } catch (NumberFormatException e) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                try {
                    // the peer's own escaping is not relied on: escaped (not twice) and capped here (PeerText)
                    final String reason = PeerText.getEscapedAttemptText(answer, i + ".reason");
                    all.add(new NodeAttempt(node, Instant.ofEpochMilli(Long.parseLong(answer.get(i + ".time"))),
                        PeerText.getEscapedAttemptText(answer, i + ".stage"), PeerText.getEscapedAttemptText(answer, i + ".address"),
                        PeerText.getEscapedAttemptText(answer, i + ".subject"), PeerText.getEscapedAttemptText(answer, i + ".jid"),
                        reason.isEmpty(), reason));
                } catch (RuntimeException malformed) {
                    // skip this entry
                }
            }
        }
        all.sort(Comparator.comparing(NodeAttempt::time).reversed());
        return List.copyOf(all);
    }
}
