package org.igniterealtime.openfire.plugin.boshcertauth.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * This node's answers to cluster-wide questions, by name. The plugin registers its handlers when it loads and removes
 * them when it unloads; a cluster task arriving from another node looks the handler up here. No handler (plugin not
 * loaded) or a failing one: no answer, so the asking node sees this node as lacking the plugin.
 */
public final class NodeQueries {

    /** The key every answer carries: the id of the node that answered. */
    public static final String NODE = "node";

    private static final Logger Log = LoggerFactory.getLogger(NodeQueries.class);
    private static final Map<String, Supplier<Map<String, String>>> HANDLERS = new ConcurrentHashMap<>();

    private NodeQueries() {}

    public static void register(String query, Supplier<Map<String, String>> handler) {
        HANDLERS.put(query, handler);
    }

    public static void unregister(String query) {
        HANDLERS.remove(query);
    }

    /** This node's answer, with {@link #NODE} set; empty when there is no handler or it failed. */
    public static Optional<HashMap<String, String>> answer(String query, String nodeId) {
        final Supplier<Map<String, String>> handler = HANDLERS.get(query);
        if (handler == null) {
            return Optional.empty();
        }
        try {
            final HashMap<String, String> answer = new HashMap<>(handler.get());
            answer.put(NODE, nodeId);
            return Optional.of(answer);
        } catch (RuntimeException e) {
            Log.warn("Could not answer the cluster query {}", query, e);
            return Optional.empty();
        }
    }
}
