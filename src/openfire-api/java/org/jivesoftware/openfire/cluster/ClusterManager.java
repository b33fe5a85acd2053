// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.cluster;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Declares the ClusterManager members the plugin calls. The bodies are a minimal stand-in for unit tests: a node that
 * is not clustered, keeping its listeners; Openfire's real class is used at run time.
 */
public class ClusterManager {
    private static final List<ClusterEventListener> listeners = new CopyOnWriteArrayList<>();

    public ClusterManager() { throw new UnsupportedOperationException("compile-only declaration"); }

    public static void addListener(ClusterEventListener listener) { listeners.add(listener); }
    public static void removeListener(ClusterEventListener listener) { listeners.remove(listener); }
    public static boolean isClusteringStarted() { return false; }
    public static Collection<ClusterNodeInfo> getNodesInfo() { return List.of(); }
}
