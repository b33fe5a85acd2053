package org.igniterealtime.openfire.plugin.boshcertauth.cluster;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every member's {@link NodeReport} side by side: which members did not answer (no plugin there, or not loaded) and
 * which compared fields differ between the members that did.
 *
 * @param nodes      every member (answered or not), local node first, then by id
 * @param missing    ids of members that did not answer
 * @param differing  {@link NodeReport#COMPARED} fields whose values are not the same on every answering member
 */
public record ClusterView(List<Node> nodes, List<String> missing, List<String> differing) {

    /** One member: its id, host name, whether it is this node, and its report (empty: it did not answer). */
    public record Node(String id, String host, boolean local, Optional<Map<String, String>> report) {
    }

    public static ClusterView of(String localNode, Map<String, String> members, List<Map<String, String>> answers) {
        final Map<String, Map<String, String>> byNode = new TreeMap<>();
        // compared as sent; shown escaped and capped (PeerText): a peer's values reach the page. Keyed by the id as sent:
        // escaped ids are capped, so two long ones could collide (review L4)
        final Map<String, Map<String, String>> shown = new TreeMap<>();
        answers.forEach(a -> {
            final String id = String.valueOf(a.get(NodeQueries.NODE));
            byNode.put(id, a);
            shown.put(id, printable(a));
        });
        final Set<String> ids = new LinkedHashSet<>();
        ids.add(localNode);
        ids.addAll(new TreeMap<>(members).keySet());
        ids.addAll(byNode.keySet()); // an answer from a node that has just joined still counts
        final List<Node> nodes = new ArrayList<>();
        final List<String> missing = new ArrayList<>();
        for (String id : ids) {
            final Optional<Map<String, String>> report = Optional.ofNullable(shown.get(id));
            nodes.add(new Node(PeerText.printable(id), members.getOrDefault(id, "?"), id.equals(localNode), report));
            if (report.isEmpty()) {
                missing.add(PeerText.printable(id));
            }
        }
        final List<String> differing = new ArrayList<>();
        for (String field : NodeReport.COMPARED) {
            if (byNode.values().stream().map(r -> r.get(field)).distinct().count() > 1) {
                differing.add(field);
            }
        }
        return new ClusterView(List.copyOf(nodes), List.copyOf(missing), List.copyOf(differing));
    }

    /** The report's values (and the fingerprint list, which is longer) escaped and capped for display. */
    private static Map<String, String> printable(Map<String, String> report) {
        final Map<String, String> shown = new TreeMap<>();
        report.forEach((key, value) -> shown.put(PeerText.printable(key),
            PeerText.printable(value, NodeReport.TRUSTED_CAS.equals(key) ? MAX_FINGERPRINTS_CHARS : PeerText.MAX_CHARS)));
        return Map.copyOf(shown);
    }

    /** Room for 256 SHA-256 fingerprints, comma-separated. */
    static final int MAX_FINGERPRINTS_CHARS = 256 * 65;

    /** Whether every member answered with the same compared fields. */
    public boolean consistent() {
        return missing.isEmpty() && differing.isEmpty();
    }

}
