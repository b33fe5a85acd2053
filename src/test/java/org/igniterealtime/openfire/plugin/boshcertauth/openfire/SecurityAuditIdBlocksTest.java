package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.cluster.Cluster;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecurityAuditIdBlocksTest {

    /** A cluster whose membership the test sets, keeping the join listeners. */
    private static final class TestCluster implements Cluster {
        boolean clustered;
        final List<Runnable> joinListeners = new ArrayList<>();

        @Override public boolean clustered() { return clustered; }
        @Override public String localNode() { return "node-1"; }
        @Override public Map<String, String> members() { return Map.of("node-1", "localhost"); }
        @Override public List<Map<String, String>> ask(String query) { return List.of(); }

        @Override
        public AutoCloseable whenJoined(Runnable action) {
            joinListeners.add(action);
            return () -> joinListeners.remove(action);
        }

        void join() {
            clustered = true;
            List.copyOf(joinListeners).forEach(Runnable::run);
        }
    }

    private final List<Integer> blockSizes = new ArrayList<>();
    private final IntConsumer recording = blockSizes::add;
    private final TestCluster cluster = new TestCluster();

    @Test
    void aServerThatIsNotClusteredTakesIdsInBlocksUntilThePluginStops() {
        // Setup, Execute
        final SecurityAuditIdBlocks ids = SecurityAuditIdBlocks.start(recording, () -> false, cluster);
        final boolean whileLoaded = ids.inBlocks();
        ids.close();

        // Verify
        assertTrue(whileLoaded);
        assertFalse(ids.inBlocks());
        assertEquals(List.of(SecurityAuditIdBlocks.BLOCK, 1), blockSizes);
        assertEquals(List.of(), cluster.joinListeners, "the join watch is removed at the stop");
    }

    @Test
    void nothingChangesWhenClusteringIsEnabled() {
        // Execute: configured for a cluster, not (yet) a member
        final SecurityAuditIdBlocks ids = SecurityAuditIdBlocks.start(recording, () -> true, cluster);
        ids.close();

        // Verify: one id at a time all along (a block in the clustered cache could be handed out twice after a split)
        assertFalse(ids.inBlocks());
        assertEquals(List.of(), blockSizes);
        assertEquals(List.of(), cluster.joinListeners);
    }

    @Test
    void nothingChangesOnAClusterMember() {
        // Setup
        cluster.clustered = true;

        // Execute
        final SecurityAuditIdBlocks ids = SecurityAuditIdBlocks.start(recording, () -> false, cluster);
        ids.close();

        // Verify
        assertEquals(List.of(), blockSizes);
    }

    @Test
    void joiningAClusterLaterGoesBackToOneIdAtATimeAtOnce() {
        // Setup
        final SecurityAuditIdBlocks ids = SecurityAuditIdBlocks.start(recording, () -> false, cluster);

        // Execute
        cluster.join();
        final boolean afterJoin = ids.inBlocks();
        ids.close();

        // Verify: set once back to 1 at the join, not again at the stop
        assertFalse(afterJoin);
        assertEquals(List.of(SecurityAuditIdBlocks.BLOCK, 1), blockSizes);
    }

    @Test
    void aBlockSizeOpenfireRefusesLeavesIdsOneAtATimeAndTheStopChangesNothing() {
        // Setup
        final IntConsumer refusing = size -> {
            blockSizes.add(size);
            throw new IllegalStateException("refused");
        };

        // Execute
        final SecurityAuditIdBlocks ids = SecurityAuditIdBlocks.start(refusing, () -> false, cluster);
        ids.close();

        // Verify
        assertFalse(ids.inBlocks());
        assertEquals(List.of(SecurityAuditIdBlocks.BLOCK), blockSizes);
    }

    @Test
    void aClusterStateThatCannotBeReadCountsAsClustered() {
        // Execute
        final SecurityAuditIdBlocks ids = SecurityAuditIdBlocks.start(recording, () -> { throw new IllegalStateException("no cluster manager"); }, cluster);

        // Verify
        assertFalse(ids.inBlocks());
        assertEquals(List.of(), blockSizes);
    }
}
