package org.igniterealtime.openfire.plugin.boshcertauth.tools;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The test CA in Openfire's database, table {@code ofBoshCertTestCa} (schema version 2), so that every cluster node
 * issues from and trusts the same CA. One row, {@value #NAME}: the CA's PKCS#12 (base64) and the random password that
 * protects it, passed through {@link Secrets} ({@link Secrets#STORED_AS_IS} on a server: Openfire's property encryptor
 * cannot be used, each node may have its own key in conf/security.xml, and then no other node could open the CA; so
 * whoever can read the database can use the test CA, as whoever could read its files before). Creation is create-if-absent: the primary key lets exactly one of two nodes creating it at once
 * insert its CA; the other reads the winner's and uses that one. The key is never logged.
 */
public final class JdbcTestCaStore implements TestCaKeeper {

    /** Gives a connection that closing returns (Openfire's pool). */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection get() throws SQLException;
    }

    /** Seals the PKCS#12 password for the database and opens it again. */
    public interface Secrets {
        /** The password as it is (readable by whoever can read the table; the same on every node). */
        Secrets STORED_AS_IS = new Secrets() {
            @Override public String seal(String secret) { return secret; }
            @Override public String open(String sealed) { return sealed; }
        };

        String seal(String secret);

        String open(String sealed);
    }

    static final String TABLE = "ofBoshCertTestCa";
    static final String NAME = "test-ca";
    /** The keyStore column's size (characters): an EC P-256 test CA takes about 1,700. */
    static final int MAX_KEYSTORE_CHARS = 4000;

    private static final String SELECT = "SELECT keyStore, keyStorePassword FROM " + TABLE + " WHERE caName = ?";
    private static final String INSERT = "INSERT INTO " + TABLE + " (caName, keyStore, keyStorePassword, fingerprint, createdAt) VALUES (?, ?, ?, ?, ?)";
    private static final String DELETE = "DELETE FROM " + TABLE + " WHERE caName = ?";

    private final ConnectionSource connections;
    private final Secrets secrets;
    private final Clock clock;

    public JdbcTestCaStore(ConnectionSource connections, Secrets secrets) {
        this(connections, secrets, Clock.systemUTC());
    }

    JdbcTestCaStore(ConnectionSource connections, Secrets secrets, Clock clock) {
        this.connections = connections;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public Optional<TestCertificateAuthority> load() throws IOException, GeneralSecurityException {
        try (Connection c = connections.get()) {
            return read(c);
        } catch (SQLException e) {
            throw new IOException("Could not read the test CA from the database: " + e.getMessage(), e);
        }
    }

    @Override
    public TestCertificateAuthority ensure(TestCertificateAuthority.Options options) throws IOException, GeneralSecurityException {
        final Optional<TestCertificateAuthority> stored = load();
        if (stored.isPresent()) {
            return stored.get();
        }
        final TestCertificateAuthority ca = TestCertificateAuthority.create(options);
        return insertIfAbsent(ca);
    }

    /**
     * Stores this CA unless one is stored already, and returns the one that is stored then: this CA, or the one another
     * node (or an earlier run) stored first. What the migration from a directory uses, too.
     */
    public TestCertificateAuthority insertIfAbsent(TestCertificateAuthority ca) throws IOException, GeneralSecurityException {
        final char[] password = TestCaStore.newPassword();
        final String keyStore = Base64.getEncoder().encodeToString(ca.toPkcs12(password));
        if (keyStore.length() > MAX_KEYSTORE_CHARS) {
            throw new GeneralSecurityException("the test CA's key store (" + keyStore.length() + " characters) does not fit the database column ("
                + MAX_KEYSTORE_CHARS + "); use an EC key");
        }
        final String sealed = secrets.seal(new String(password));
        Arrays.fill(password, '\0');
        try (Connection c = connections.get()) {
            try (PreparedStatement s = c.prepareStatement(INSERT)) {
                s.setString(1, NAME);
                s.setString(2, keyStore);
                s.setString(3, sealed);
                s.setString(4, fingerprint(ca));
                s.setLong(5, clock.millis());
                s.executeUpdate();
                return ca;
            } catch (SQLException insertFailed) {
                // Another node created it at the same moment (the primary key refused ours): use the one stored.
                final Optional<TestCertificateAuthority> winner = read(c);
                if (winner.isPresent()) {
                    return winner.get();
                }
                throw insertFailed;
            }
        } catch (SQLException e) {
            // Neither the message nor the exception as cause: a database may quote the row it refused (PostgreSQL's
            // "Failing row contains (...)"), i.e. the key store and the sealed password, and this ends up in the log.
            throw new IOException("Could not store the test CA in the database (SQLState " + e.getSQLState() + ", error code "
                + e.getErrorCode() + ")");
        }
    }

    @Override
    public boolean delete() throws IOException {
        try (Connection c = connections.get(); PreparedStatement s = c.prepareStatement(DELETE)) {
            s.setString(1, NAME);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IOException("Could not delete the test CA from the database: " + e.getMessage(), e);
        }
    }

    private Optional<TestCertificateAuthority> read(Connection c) throws SQLException, GeneralSecurityException {
        try (PreparedStatement s = c.prepareStatement(SELECT)) {
            s.setString(1, NAME);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                final byte[] pkcs12;
                try {
                    pkcs12 = Base64.getDecoder().decode(r.getString(1).strip());
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw new GeneralSecurityException("the test CA stored in the database is not base64");
                }
                final String password = secrets.open(r.getString(2));
                if (password == null || password.isEmpty()) {
                    throw new GeneralSecurityException("the test CA's password in the database cannot be decrypted on this node"
                        + " (another encryption key?)");
                }
                return Optional.of(TestCertificateAuthority.fromPkcs12(pkcs12, password.toCharArray()));
            }
        }
    }

    /** Hex SHA-256 of the CA certificate (what the page shows, and the column that lets an administrator tell CAs apart). */
    public static String fingerprint(TestCertificateAuthority ca) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ca.certificate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
