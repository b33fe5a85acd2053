package org.igniterealtime.openfire.plugin.boshcertauth.blocking;

import java.sql.SQLException;
import java.util.List;

/** Where the block list lives: Openfire's database ({@link JdbcBlockStore}), shared by every cluster node. */
public interface BlockStore {

    List<BlockedCertificate> all() throws SQLException;

    /** @return false when the key is blocked already (the existing entry is kept) */
    boolean add(BlockedCertificate entry) throws SQLException;

    /** @return false when the key was not blocked */
    boolean remove(BlockKey key) throws SQLException;
}
