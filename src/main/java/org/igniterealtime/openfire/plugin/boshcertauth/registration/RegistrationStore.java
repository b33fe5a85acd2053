package org.igniterealtime.openfire.plugin.boshcertauth.registration;

import java.sql.SQLException;
import java.util.List;

/** Where registered certificates live: Openfire's database ({@link JdbcRegistrationStore}), shared by every cluster node. */
public interface RegistrationStore {

    List<RegisteredCertificate> all() throws SQLException;

    /** The certificates of one user, in the order they were added. */
    List<RegisteredCertificate> of(String username) throws SQLException;

    /** @return false when the certificate (by SHA-256) or the user's name for it is taken (nothing is changed) */
    boolean add(RegisteredCertificate entry) throws SQLException;

    /** @return false when the user has no certificate of that name */
    boolean disable(String username, String name) throws SQLException;

    /** @return false when the user has no certificate of that name */
    boolean remove(String username, String name) throws SQLException;

    /** Deletes the registration of this certificate, whoever owns it; @return false when there is none */
    boolean removeCertificate(String sha256) throws SQLException;
}
