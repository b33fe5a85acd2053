package org.igniterealtime.openfire.plugin.boshcertauth.blocking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The block list in table {@code ofBoshCertBlock} (created by the plugin's schema scripts, database/boshcertauth_*.sql,
 * which Openfire runs on install). Plain SQL that every database Openfire supports understands; every value is a
 * bound parameter.
 */
public final class JdbcBlockStore implements BlockStore {

    /** Gives a connection that closing returns (Openfire's pool: DbConnectionManager.getConnection()). */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection get() throws SQLException;
    }

    static final String TABLE = "ofBoshCertBlock";
    /** Upper bound of rows read: the block list is read every few seconds by every node. */
    static final int MAX_ENTRIES = 100_000;

    private static final String SELECT = "SELECT blockKey, sha256, issuerDn, serialHex, reason, blockedBy, blockedAt FROM " + TABLE;
    private static final String EXISTS = "SELECT 1 FROM " + TABLE + " WHERE blockKey = ?";
    private static final String INSERT = "INSERT INTO " + TABLE + " (blockKey, sha256, issuerDn, serialHex, reason, blockedBy, blockedAt) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String DELETE = "DELETE FROM " + TABLE + " WHERE blockKey = ?";

    private final ConnectionSource connections;

    public JdbcBlockStore(ConnectionSource connections) {
        this.connections = connections;
    }

    @Override
    public List<BlockedCertificate> all() throws SQLException {
        final List<BlockedCertificate> entries = new ArrayList<>();
        try (Connection c = connections.get(); PreparedStatement s = c.prepareStatement(SELECT)) {
            s.setMaxRows(MAX_ENTRIES + 1);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (entries.size() == MAX_ENTRIES) {
                        // Never a silently shortened list (the entries left out would be unblocked): unreadable instead.
                        throw new SQLException("the block list has more than " + MAX_ENTRIES + " entries");
                    }
                    entries.add(new BlockedCertificate(new BlockKey(r.getString(1)), text(r.getString(2)), text(r.getString(3)),
                        text(r.getString(4)), text(r.getString(5)), text(r.getString(6)), Instant.ofEpochMilli(r.getLong(7))));
                }
            }
        }
        return entries;
    }

    @Override
    public boolean add(BlockedCertificate entry) throws SQLException {
        try (Connection c = connections.get()) {
            try (PreparedStatement exists = c.prepareStatement(EXISTS)) {
                exists.setString(1, entry.key().value());
                try (ResultSet r = exists.executeQuery()) {
                    if (r.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(INSERT)) {
                s.setString(1, entry.key().value());
                s.setString(2, entry.sha256());
                s.setString(3, entry.issuer());
                s.setString(4, entry.serial());
                s.setString(5, entry.reason());
                s.setString(6, entry.blockedBy());
                s.setLong(7, entry.blockedAt().toEpochMilli());
                s.executeUpdate();
                return true;
            } catch (SQLException e) {
                // Two admins (or nodes) blocking the same certificate at once: the primary key refuses the second.
                if (stillThere(c, entry.key())) {
                    return false;
                }
                throw e;
            }
        }
    }

    @Override
    public boolean remove(BlockKey key) throws SQLException {
        try (Connection c = connections.get(); PreparedStatement s = c.prepareStatement(DELETE)) {
            s.setString(1, key.value());
            return s.executeUpdate() > 0;
        }
    }

    private static boolean stillThere(Connection c, BlockKey key) {
        try (PreparedStatement exists = c.prepareStatement(EXISTS)) {
            exists.setString(1, key.value());
            try (ResultSet r = exists.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /** Oracle stores '' as NULL. */
    private static String text(String value) {
        return value == null ? "" : value;
    }
}
