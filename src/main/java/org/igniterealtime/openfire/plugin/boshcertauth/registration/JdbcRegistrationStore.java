package org.igniterealtime.openfire.plugin.boshcertauth.registration;

import org.igniterealtime.openfire.plugin.boshcertauth.blocking.JdbcBlockStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Registered certificates in table {@code ofBoshCertRegistered} (schema version 3 of database/boshcertauth_*.sql and
 * database/upgrade/3/). Plain SQL every database Openfire supports understands; every value a bound parameter;
 * booleans as 1/0.
 */
public final class JdbcRegistrationStore implements RegistrationStore {

    static final String TABLE = "ofBoshCertRegistered";
    /** Upper bound of rows read at once: every node reads the table every few seconds. More: unreadable, never cut short. */
    static final int MAX_ENTRIES = 100_000;

    private static final String COLUMNS = "sha256, username, name, certificate, notAfter, enabled, noCertManagement, addedAt";
    private static final String SELECT_ALL = "SELECT " + COLUMNS + " FROM " + TABLE;
    /** The periodic probe: every column but the certificate (kilobytes a row) and its notAfter. */
    private static final String SELECT_STATES = "SELECT sha256, username, name, enabled, noCertManagement, addedAt FROM " + TABLE;
    private static final String SELECT_USER = SELECT_ALL + " WHERE username = ? ORDER BY addedAt, name";
    private static final String TAKEN = "SELECT 1 FROM " + TABLE + " WHERE sha256 = ? OR (username = ? AND name = ?)";
    private static final String INSERT = "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String DISABLE = "UPDATE " + TABLE + " SET enabled = 0 WHERE username = ? AND name = ?";
    private static final String DELETE = "DELETE FROM " + TABLE + " WHERE username = ? AND name = ?";

    private final JdbcBlockStore.ConnectionSource connections;

    public JdbcRegistrationStore(JdbcBlockStore.ConnectionSource connections) {
        this.connections = connections;
    }

    @Override
    public List<RegisteredCertificate> all() throws SQLException {
        try (Connection c = connections.get(); PreparedStatement s = c.prepareStatement(SELECT_ALL)) {
            s.setMaxRows(MAX_ENTRIES + 1);
            return read(s);
        }
    }

    @Override
    public List<RowState> states() throws SQLException {
        try (Connection c = connections.get(); PreparedStatement s = c.prepareStatement(SELECT_STATES)) {
            s.setMaxRows(MAX_ENTRIES + 1);
            final List<RowState> states = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (states.size() == MAX_ENTRIES) {
                        throw new SQLException("more than " + MAX_ENTRIES + " registered certificates");
                    }
                    states.add(new RowState(r.getString(1), r.getString(2), r.getString(3), r.getInt(4) != 0, r.getInt(5) != 0, r.getLong(6)));
                }
            }
            return states;
        }
    }

    @Override
    public List<RegisteredCertificate> of(String username) throws SQLException {
        try (Connection c = connections.get(); PreparedStatement s = c.prepareStatement(SELECT_USER)) {
            s.setString(1, username);
            s.setMaxRows(MAX_ENTRIES + 1);
            return read(s);
        }
    }

    @Override
    public boolean add(RegisteredCertificate entry) throws SQLException {
        try (Connection c = connections.get()) {
            if (taken(c, entry)) {
                return false;
            }
            try (PreparedStatement s = c.prepareStatement(INSERT)) {
                s.setString(1, entry.sha256());
                s.setString(2, entry.username());
                s.setString(3, entry.name());
                s.setString(4, entry.certificateBase64());
                s.setLong(5, entry.notAfterMillis());
                s.setInt(6, entry.enabled() ? 1 : 0);
                s.setInt(7, entry.noCertManagement() ? 1 : 0);
                s.setLong(8, entry.addedAtMillis());
                s.executeUpdate();
                return true;
            } catch (SQLException e) {
                // The same certificate or name added at the same moment elsewhere: the constraints refuse the second.
                if (stillTaken(c, entry)) {
                    return false;
                }
                throw e;
            }
        }
    }

    @Override
    public boolean disable(String username, String name) throws SQLException {
        return update(DISABLE, username, name);
    }

    @Override
    public boolean remove(String username, String name) throws SQLException {
        return update(DELETE, username, name);
    }

    private boolean update(String sql, String username, String name) throws SQLException {
        try (Connection c = connections.get(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, username);
            s.setString(2, name);
            return s.executeUpdate() > 0;
        }
    }

    private static List<RegisteredCertificate> read(PreparedStatement s) throws SQLException {
        final List<RegisteredCertificate> entries = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                if (entries.size() == MAX_ENTRIES) {
                    throw new SQLException("more than " + MAX_ENTRIES + " registered certificates");
                }
                entries.add(new RegisteredCertificate(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5),
                    r.getInt(6) != 0, r.getInt(7) != 0, r.getLong(8)));
            }
        }
        return entries;
    }

    private static boolean taken(Connection c, RegisteredCertificate entry) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(TAKEN)) {
            s.setString(1, entry.sha256());
            s.setString(2, entry.username());
            s.setString(3, entry.name());
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private static boolean stillTaken(Connection c, RegisteredCertificate entry) {
        try {
            return taken(c, entry);
        } catch (SQLException e) {
            return false;
        }
    }
}
