package org.igniterealtime.openfire.plugin.boshcertauth.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the plugin needs of an Openfire cluster, without Openfire's types ({@code openfire.OpenfireCluster} is the real
 * one). A node that is not in a cluster is a cluster of one: {@link #SINGLE}.
 *
 * <p>Other parts of the plugin that need every node (e.g. live sessions, a block list) register a {@link NodeQueries}
 * handler on every node and {@link #ask} it here; answers are flat string maps so that only JDK classes cross the
 * wire.</p>
 */
public interface Cluster {

    /** Whether this node is a member of a running cluster. */
    boolean clustered();

    /** This node's id (Openfire's NodeID as text). */
    String localNode();

    /** Every member now, id → host name, this node included. */
    Map<String, String> members();

    /**
     * Asks every member, this node included, and waits (bounded by Openfire's cluster task timeout). A member
     * without the plugin, or whose handler failed, does not answer; each answer carries {@link NodeQueries#NODE}.
     */
    List<Map<String, String>> ask(String query);

    /**
     * Runs a {@link NodeCommands} command on one member (this node included) and waits for its answer (bounded by
     * Openfire's cluster task timeout). Empty when that member is not in the cluster, has no handler (no plugin), failed
     * or did not answer in time. The default serves a node that is not clustered: only this node can be told.
     */
    default Optional<Map<String, String>> tell(String nodeId, String command, Map<String, String> arguments) {
        return localNode().equals(nodeId)
            ? NodeCommands.perform(command, arguments, localNode()).map(answer -> answer)
            : Optional.empty();
    }

    /**
     * Runs the action each time this node joins a cluster or another node joins this node's cluster (either may have
     * missed changes the other made meanwhile); closing the returned handle stops that.
     */
    AutoCloseable whenJoined(Runnable action);

    /** Not clustered: this node alone, answering from its own registry. */
    Cluster SINGLE = new Cluster() {
        @Override
        public boolean clustered() {
            return false;
        }

        @Override
        public String localNode() {
            return "local";
        }

        @Override
        public Map<String, String> members() {
            return Map.of(localNode(), "localhost");
        }

        @Override
        public List<Map<String, String>> ask(String query) {
            return NodeQueries.answer(query, localNode()).<List<Map<String, String>>>map(List::of).orElse(List.of());
        }

        @Override
        public AutoCloseable whenJoined(Runnable action) {
            return () -> { };
        }
    };
}
