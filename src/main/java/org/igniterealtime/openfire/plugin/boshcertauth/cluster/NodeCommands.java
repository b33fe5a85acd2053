package org.igniterealtime.openfire.plugin.boshcertauth.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * This node's handlers for actions another node asks it to take, by name (the counterpart of {@link NodeQueries} for
 * a request that carries arguments and changes something, e.g. ending one of this node's sessions). Arguments and
 * answers are flat string maps, so that only JDK classes cross the wire. The plugin registers its handlers when it
 * loads and removes them when it unloads; no handler (plugin not loaded) or a failing one: no answer.
 */
public final class NodeCommands {

    private static final Logger Log = LoggerFactory.getLogger(NodeCommands.class);
    private static final Map<String, Function<Map<String, String>, Map<String, String>>> HANDLERS = new ConcurrentHashMap<>();

    private NodeCommands() {}

    public static void register(String command, Function<Map<String, String>, Map<String, String>> handler) {
        HANDLERS.put(command, handler);
    }

    public static void unregister(String command) {
        HANDLERS.remove(command);
    }

    /** Runs the command here; its answer with {@link NodeQueries#NODE} set, empty when there is no handler or it failed. */
    public static Optional<HashMap<String, String>> perform(String command, Map<String, String> arguments, String nodeId) {
        final Function<Map<String, String>, Map<String, String>> handler = HANDLERS.get(command);
        if (handler == null) {
            return Optional.empty();
        }
        try {
            final HashMap<String, String> answer = new HashMap<>(handler.apply(Map.copyOf(arguments)));
            answer.put(NodeQueries.NODE, nodeId);
            return Optional.of(answer);
        } catch (RuntimeException e) {
            Log.warn("Could not perform the cluster command {}", command, e);
            return Optional.empty();
        }
    }
}
