package org.igniterealtime.openfire.plugin.boshcertauth.audit;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The recent login attempts of each node in table {@code ofBoshCertAttempt} (schema version 2), so that the list
 * survives a plugin reload and an Openfire restart. A node's rows are its list as it was last written, position 0 the
 * newest; {@link #replace} writes the whole list in one transaction, which also prunes it to the configured size. Every
 * value was made printable by {@link LoginAttempt} and is cut to its column here (it is the client's choice, e.g. a
 * certificate subject or an authzid); every value is a bound parameter.
 */
public final class JdbcAttemptStore {

    /** Gives a connection that closing returns (Openfire's pool: DbConnectionManager.getConnection()). */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection get() throws SQLException;
    }

    static final String TABLE = "ofBoshCertAttempt";
    /** Column sizes of the schema scripts (characters). */
    static final int NODE_CHARS = 255;
    static final int STAGE_CHARS = 32;
    static final int ADDRESS_CHARS = 255;
    static final int NAME_CHARS = 1024;
    static final int SERIAL_CHARS = 128;
    static final int SHA256_CHARS = 64;
    static final int MECHANISM_CHARS = 64;
    static final int JID_CHARS = 1024;
    static final int REASON_CHARS = 64;
    static final int DETAIL_CHARS = 2048;
    static final int ORIGIN_CHARS = 512;

    private static final String COLUMNS = "attemptAt, stage, remoteAddress, subjectDn, issuerDn, serialHex, sha256, mechanism, jid, reason, detail, origin, repeats";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE nodeName = ? ORDER BY listIndex";
    private static final String DELETE = "DELETE FROM " + TABLE + " WHERE nodeName = ?";
    private static final String INSERT = "INSERT INTO " + TABLE + " (nodeName, listIndex, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final ConnectionSource connections;

    public JdbcAttemptStore(ConnectionSource connections) {
        this.connections = connections;
    }

    /** The node's stored attempts, newest first, at most {@code max}; a row that does not make an attempt is skipped. */
    public List<LoginAttempt> load(String node, int max) throws SQLException {
        final List<LoginAttempt> attempts = new ArrayList<>();
        try (Connection c = connections.get(); PreparedStatement s = c.prepareStatement(SELECT)) {
            s.setString(1, column(node, NODE_CHARS));
            s.setMaxRows(Math.max(1, max));
            try (ResultSet r = s.executeQuery()) {
                while (r.next() && attempts.size() < max) {
                    final String reason = text(r.getString(10));
                    final FailureReason failure;
                    try {
                        failure = reason.isEmpty() ? null : FailureReason.valueOf(reason);
                    } catch (IllegalArgumentException unknown) {
                        continue; // written by another plugin version, or not by us: not shown as something it is not
                    }
                    attempts.add(new LoginAttempt(Instant.ofEpochMilli(r.getLong(1)), text(r.getString(2)), text(r.getString(3)),
                        new CertificateSummary(text(r.getString(4)), text(r.getString(5)), text(r.getString(6)), text(r.getString(7))),
                        text(r.getString(8)), text(r.getString(9)), failure, text(r.getString(11)), r.getInt(13), text(r.getString(12))));
                }
            }
        }
        return attempts;
    }

    /**
     * Makes the node's stored list the newest {@code keep} of these attempts (newest first): older rows of the node
     * are deleted in the same transaction, so the table never holds more than {@code keep} rows per node.
     */
    public void replace(String node, List<LoginAttempt> newestFirst, int keep) throws SQLException {
        final String nodeName = column(node, NODE_CHARS);
        final int n = Math.min(Math.max(0, keep), newestFirst.size());
        try (Connection c = connections.get()) {
            final boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement delete = c.prepareStatement(DELETE)) {
                    delete.setString(1, nodeName);
                    delete.executeUpdate();
                }
                if (n > 0) {
                    try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                        for (int i = 0; i < n; i++) {
                            bind(insert, nodeName, i, newestFirst.get(i));
                            insert.addBatch();
                        }
                        insert.executeBatch();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static void bind(PreparedStatement s, String node, int index, LoginAttempt a) throws SQLException {
        final CertificateSummary certificate = a.certificate();
        s.setString(1, node);
        s.setInt(2, index);
        s.setLong(3, a.time().toEpochMilli());
        s.setString(4, column(a.stage(), STAGE_CHARS));
        s.setString(5, column(a.remoteAddress(), ADDRESS_CHARS));
        s.setString(6, column(certificate.subject(), NAME_CHARS));
        s.setString(7, column(certificate.issuer(), NAME_CHARS));
        s.setString(8, column(certificate.serial(), SERIAL_CHARS));
        s.setString(9, column(certificate.sha256(), SHA256_CHARS));
        s.setString(10, column(a.mechanism(), MECHANISM_CHARS));
        s.setString(11, column(a.jid(), JID_CHARS));
        s.setString(12, a.reason() == null ? "" : column(a.reason().name(), REASON_CHARS));
        s.setString(13, column(a.detail(), DETAIL_CHARS));
        s.setString(14, column(a.origin(), ORIGIN_CHARS));
        s.setInt(15, a.count());
    }

    /** The value made printable (it may not have come through {@link LoginAttempt}) and cut to the column. */
    static String column(String value, int chars) {
        return LoginAttempt.cut(LoginAttempt.printable(value), chars);
    }

    /** Oracle stores '' as NULL. */
    private static String text(String value) {
        return value == null ? "" : value;
    }
}
