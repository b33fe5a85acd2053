package org.igniterealtime.openfire.plugin.boshcertauth.blocking;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The block list as logins and the session supervisor consult it: an in-memory snapshot of the database table, read
 * again on every supervisor tick (a few seconds), so a block made on another cluster node takes effect here within a
 * tick and a login never waits for the database. Blocking or unblocking on this node updates the snapshot at once.
 *
 * <p>Fails closed: until the table has been read once, {@link #match} reports every certificate as unverifiable
 * ({@link Match#unavailable()}), so a database that is down at start-up cannot let a blocked certificate in. After a
 * failed re-read the last snapshot stays in effect.</p>
 */
public final class BlockList {

    private static final Logger Log = LoggerFactory.getLogger(BlockList.class);

    /** The outcome of a look-up: the entry that blocks the certificate, none, or "cannot tell" (never read). */
    public record Match(BlockedCertificate entry, boolean unavailable) {
        static final Match NONE = new Match(null, false);
        static final Match UNAVAILABLE = new Match(null, true);

        public boolean blocked() {
            return entry != null;
        }
    }

    private final BlockStore store;
    private volatile Map<BlockKey, BlockedCertificate> snapshot;
    private volatile boolean lastReadFailed;

    public BlockList(BlockStore store) {
        this.store = store;
    }

    /** Reads the table again; false (and the previous snapshot kept) when it cannot be read. */
    public boolean refresh() {
        try {
            snapshot = store.all().stream().collect(Collectors.toUnmodifiableMap(BlockedCertificate::key, Function.identity(), (a, b) -> a));
            if (lastReadFailed) {
                Log.info("The certificate block list can be read again ({} entries)", snapshot.size());
            }
            lastReadFailed = false;
            return true;
        } catch (SQLException | RuntimeException e) {
            if (!lastReadFailed) {
                Log.warn("Could not read the certificate block list from the database; {}", snapshot == null
                    ? "certificate logins are refused until it can be read" : "the last list read stays in effect", e);
            }
            lastReadFailed = true;
            return false;
        }
    }

    public Match match(X509Certificate certificate) {
        final Map<BlockKey, BlockedCertificate> current = snapshot;
        if (current == null) {
            return Match.UNAVAILABLE;
        }
        if (current.isEmpty()) {
            return Match.NONE;
        }
        for (BlockKey key : BlockKey.of(certificate)) {
            final BlockedCertificate entry = current.get(key);
            if (entry != null) {
                return new Match(entry, false);
            }
        }
        return Match.NONE;
    }

    /** Every entry, newest first; empty when the table was never read. */
    public List<BlockedCertificate> entries() {
        final Map<BlockKey, BlockedCertificate> current = snapshot;
        return current == null ? List.of() : current.values().stream()
            .sorted(Comparator.comparing(BlockedCertificate::blockedAt).reversed().thenComparing(e -> e.key().value())).toList();
    }

    public boolean readable() {
        return snapshot != null && !lastReadFailed;
    }

    /** Adds the entry to the database and re-reads it; false when the key was blocked already. */
    public boolean block(BlockedCertificate entry) throws SQLException {
        final boolean added = store.add(entry);
        refresh();
        return added;
    }

    /** Removes the key from the database and re-reads it; false when it was not blocked. */
    public boolean unblock(BlockKey key) throws SQLException {
        final boolean removed = store.remove(key);
        refresh();
        return removed;
    }

    public Optional<BlockedCertificate> find(BlockKey key) {
        final Map<BlockKey, BlockedCertificate> current = snapshot;
        return current == null ? Optional.empty() : Optional.ofNullable(current.get(key));
    }
}
