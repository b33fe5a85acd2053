package org.igniterealtime.openfire.plugin.boshcertauth.tools;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * The test CA in the database, taking over the one an earlier version kept in a directory of this node: when the
 * database has none and the directory has one, that CA is stored in the database (create-if-absent, so the first node
 * to do so wins) and keeps working, with the certificates it issued. Deleting deletes both.
 */
public final class ImportingTestCaKeeper implements TestCaKeeper {

    private final JdbcTestCaStore database;
    private final TestCaKeeper directory;

    public ImportingTestCaKeeper(JdbcTestCaStore database, TestCaKeeper directory) {
        this.database = database;
        this.directory = directory;
    }

    @Override
    public Optional<TestCertificateAuthority> load() throws IOException, GeneralSecurityException {
        final Optional<TestCertificateAuthority> stored = database.load();
        if (stored.isPresent()) {
            return stored;
        }
        final Optional<TestCertificateAuthority> earlier = directory.load();
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        final TestCertificateAuthority kept = database.insertIfAbsent(earlier.get());
        directory.delete(); // from now on in the database only (a later delete must not bring it back)
        return Optional.of(kept);
    }

    @Override
    public TestCertificateAuthority ensure(TestCertificateAuthority.Options options) throws IOException, GeneralSecurityException {
        final Optional<TestCertificateAuthority> kept = load();
        return kept.isPresent() ? kept.get() : database.ensure(options);
    }

    @Override
    public boolean delete() throws IOException {
        final boolean inDatabase = database.delete();
        return directory.delete() || inDatabase;
    }
}
