package org.igniterealtime.openfire.plugin.boshcertauth.blocking;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A block store in memory, for tests of what uses the block list; {@link #failing} makes reads fail like a lost database. */
public final class InMemoryBlockStore implements BlockStore {

    private final Map<BlockKey, BlockedCertificate> entries = new LinkedHashMap<>();
    public volatile boolean failing;
    public volatile int reads;

    @Override
    public synchronized List<BlockedCertificate> all() throws SQLException {
        reads++;
        if (failing) {
            throw new SQLException("database unavailable (test)");
        }
        return new ArrayList<>(entries.values());
    }

    @Override
    public synchronized boolean add(BlockedCertificate entry) throws SQLException {
        if (failing) {
            throw new SQLException("database unavailable (test)");
        }
        return entries.putIfAbsent(entry.key(), entry) == null;
    }

    @Override
    public synchronized boolean remove(BlockKey key) throws SQLException {
        if (failing) {
            throw new SQLException("database unavailable (test)");
        }
        return entries.remove(key) != null;
    }
}
