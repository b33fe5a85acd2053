package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.cluster.Cluster;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.NodeCommands;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.NodeQueries;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.cluster.ClusterEventListener;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.openfire.cluster.ClusterNodeInfo;
import org.jivesoftware.openfire.cluster.NodeID;
import org.jivesoftware.util.cache.CacheFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link Cluster} on Openfire's cluster API (ClusterManager, CacheFactory's synchronous cluster tasks, cluster events),
 * which works with whichever clustering plugin is installed (Hazelcast). Not clustered: this node alone.
 */
public final class OpenfireCluster implements Cluster {

    public static final OpenfireCluster INSTANCE = new OpenfireCluster();

    private static final Logger Log = LoggerFactory.getLogger(OpenfireCluster.class);

    private OpenfireCluster() {}

    @Override
    public boolean clustered() {
        return ClusterManager.isClusteringStarted();
    }

    @Override
    public String localNode() {
        return XMPPServer.getInstance().getNodeID().toString();
    }

    @Override
    public Map<String, String> members() {
        final Map<String, String> members = new TreeMap<>();
        if (clustered()) {
            for (ClusterNodeInfo info : ClusterManager.getNodesInfo()) {
                members.put(info.getNodeID().toString(), info.getHostName());
            }
        }
        members.putIfAbsent(localNode(), XMPPServer.getInstance().getServerInfo().getHostname());
        return members;
    }

    @Override
    public List<Map<String, String>> ask(String query) {
        if (!clustered()) {
            return NodeQueries.answer(query, localNode()).<List<Map<String, String>>>map(List::of).orElse(List.of());
        }
        // Openfire's clustering logs (and leaves out) a member that failed or timed out; a member without the plugin
        // fails to load NodeQueryTask, so it is simply absent from the answers.
        final Collection<HashMap<String, String>> answers = CacheFactory.doSynchronousClusterTask(new NodeQueryTask(query), true);
        return answers.stream().filter(Objects::nonNull).<Map<String, String>>map(a -> a).toList();
    }

    @Override
    public Optional<Map<String, String>> tell(String nodeId, String command, Map<String, String> arguments) {
        if (!clustered() || localNode().equals(nodeId)) {
            return NodeCommands.perform(command, arguments, localNode()).map(answer -> answer);
        }
        final Optional<NodeID> member = ClusterManager.getNodesInfo().stream().map(ClusterNodeInfo::getNodeID)
            .filter(id -> id.toString().equals(nodeId)).findFirst();
        if (member.isEmpty()) {
            return Optional.empty(); // not (or no longer) a member
        }
        try {
            // Null when that member failed, timed out or cannot load the task (no plugin there); Openfire logs why.
            final HashMap<String, String> answer = CacheFactory.doSynchronousClusterTask(new NodeCommandTask(command, arguments),
                member.get().toByteArray());
            return Optional.ofNullable(answer);
        } catch (RuntimeException e) {
            Log.warn("The cluster command {} to node {} failed", command, nodeId, e);
            return Optional.empty();
        }
    }

    @Override
    public AutoCloseable whenJoined(Runnable action) {
        final ClusterEventListener listener = new ClusterEventListener() {
            @Override
            public void joinedCluster() {
                run();
            }

            /**
             * Another node joined: it may bring changes made on it while it was outside the cluster (they reached the
             * database, not us), so the members catch up as well.
             */
            @Override
            public void joinedCluster(byte[] nodeID) {
                run();
            }

            private void run() {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    Log.warn("Could not bring the plugin up to date after a cluster join", e);
                }
            }

            @Override
            public void leftCluster() {
            }

            @Override
            public void leftCluster(byte[] nodeID) {
            }

            @Override
            public void markedAsSeniorClusterMember() {
            }
        };
        ClusterManager.addListener(listener);
        return () -> ClusterManager.removeListener(listener);
    }
}
