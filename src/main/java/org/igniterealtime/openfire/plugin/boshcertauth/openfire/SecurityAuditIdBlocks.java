package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.cluster.Cluster;
import org.jivesoftware.database.SequenceManager;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.util.JiveConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * How many security-audit row ids Openfire takes from its id table at a time while the plugin is loaded.
 *
 * <p>Openfire takes them one by one (its default for an id type it gives no block size), so every audit row cost a
 * read and an update of {@code ofID} before its insert; every certificate login writes a row, and that read and update
 * were more than half of what the row cost (JFR; README "Server CPU per login"). On a server that is not clustered
 * the plugin lets Openfire take {@link #BLOCK} at a time, as Openfire does for MUC message ids. This applies to every
 * security-audit row, the admin console's too. Ids stay unique and increasing on the server; the unused ids of a
 * block are skipped after a restart, when Openfire's "Sequences" cache entry expires (6 hours without an audit row)
 * or when that cache is cleared, so a gap in the ids is not a deleted row (the viewer sorts by time).</p>
 *
 * <p><b>Never in a cluster.</b> There the block lives in a clustered cache; after a split-brain both halves hand out
 * the same unused ids of it, and when they merge again a row whose id was taken fails its insert and is lost with only
 * a warning in Openfire's log. With one id at a time the database row is the only authority and that cannot happen.
 * So nothing is changed when clustering is enabled or running at start, and a node that joins a cluster later goes
 * back to one id at a time at once (until the plugin's next start).</p>
 *
 * <p>{@link #close()} sets one id at a time again, Openfire's own default for this id type in 5.0 to 5.2; another
 * component's block size for it, if one existed, is not restored (Openfire offers no way to read it).</p>
 */
public final class SecurityAuditIdBlocks implements AutoCloseable {

    private static final Logger Log = LoggerFactory.getLogger(SecurityAuditIdBlocks.class);

    /** Ids per block while in use. */
    public static final int BLOCK = 50;
    /** Openfire's default: one id at a time. */
    static final int ONE_BY_ONE = 1;

    private final IntConsumer setBlockSize;
    private final AutoCloseable joinWatch;
    private boolean blocks;

    private SecurityAuditIdBlocks(IntConsumer setBlockSize, boolean blocks, Cluster cluster) {
        this.setBlockSize = setBlockSize;
        this.blocks = blocks;
        this.joinWatch = blocks ? cluster.whenJoined(this::oneByOne) : () -> { };
    }

    /** Starts with Openfire's SequenceManager and cluster state. */
    public static SecurityAuditIdBlocks start(Cluster cluster) {
        return start(blockSize -> SequenceManager.setBlockSize(JiveConstants.SECURITY_AUDIT, blockSize),
            ClusterManager::isClusteringEnabled, cluster);
    }

    /**
     * @param setBlockSize      sets the block size of the security-audit id type
     * @param clusteringEnabled whether this node is configured to join a cluster
     */
    static SecurityAuditIdBlocks start(IntConsumer setBlockSize, BooleanSupplier clusteringEnabled, Cluster cluster) {
        boolean clustered;
        try {
            clustered = clusteringEnabled.getAsBoolean() || cluster.clustered();
        } catch (RuntimeException | LinkageError e) {
            Log.warn("Could not tell whether this node is clustered; security-audit row ids stay one at a time", e);
            clustered = true;
        }
        final boolean blocks = !clustered && set(setBlockSize, BLOCK);
        if (clustered) {
            Log.debug("Security-audit row ids stay one at a time: clustering is enabled");
        }
        return new SecurityAuditIdBlocks(setBlockSize, blocks, cluster);
    }

    /** Whether ids are now taken in blocks. */
    public synchronized boolean inBlocks() {
        return blocks;
    }

    /** Back to one id at a time (this node joined a cluster, or the plugin stops). */
    private synchronized void oneByOne() {
        if (blocks) {
            blocks = !set(setBlockSize, ONE_BY_ONE);
        }
    }

    @Override
    public void close() {
        try {
            joinWatch.close();
        } catch (Exception e) {
            Log.warn("Could not stop watching for cluster joins", e);
        }
        oneByOne();
    }

    /** Returns whether Openfire took the block size; a failure only costs speed, so it is logged and ignored. */
    private static boolean set(IntConsumer setBlockSize, int size) {
        try {
            setBlockSize.accept(size);
            return true;
        } catch (RuntimeException | LinkageError e) {
            Log.warn("Could not set how Openfire allocates security-audit row ids; audit rows are written as before", e);
            return false;
        }
    }
}
