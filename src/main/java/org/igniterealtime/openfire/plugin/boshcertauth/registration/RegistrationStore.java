package org.igniterealtime.openfire.plugin.boshcertauth.registration;

import java.sql.SQLException;
import java.util.List;

/** Where registered certificates live: Openfire's database ({@link JdbcRegistrationStore}), shared by every cluster node. */
public interface RegistrationStore {

    List<RegisteredCertificate> all() throws SQLException;

    /**
     * Every row without its certificate and notAfter (which the SHA-256 fixes): what the periodic re-read compares with
     * its snapshot before reading the whole table again ({@link RegisteredCertificates#refreshIfChanged()}).
     */
    default List<RowState> states() throws SQLException {
        return all().stream().map(RowState::of).toList();
    }

    /** The certificates of one user, in the order they were added. */
    List<RegisteredCertificate> of(String username) throws SQLException;

    /** @return false when the certificate (by SHA-256) or the user's name for it is taken (nothing is changed) */
    boolean add(RegisteredCertificate entry) throws SQLException;

    /** @return false when the user has no certificate of that name */
    boolean disable(String username, String name) throws SQLException;

    /** @return false when the user has no certificate of that name */
    boolean remove(String username, String name) throws SQLException;

    /** A row as {@link #states()} reads it. */
    record RowState(String sha256, String username, String name, boolean enabled, boolean noCertManagement, long addedAtMillis) {
        public static RowState of(RegisteredCertificate entry) {
            return new RowState(entry.sha256(), entry.username(), entry.name(), entry.enabled(), entry.noCertManagement(), entry.addedAtMillis());
        }
    }
}
