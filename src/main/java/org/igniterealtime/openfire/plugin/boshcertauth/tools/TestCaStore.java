package org.igniterealtime.openfire.plugin.boshcertauth.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * A test CA kept in a directory: {@value #CA_FILE} (PKCS#12) and {@value #PASSWORD_FILE} (its random password), both
 * readable by the owner only. {@link #ensure()} reuses what is there and creates it otherwise; it never replaces a CA
 * it cannot open, because certificates issued by it (and the truststore entry) would silently stop working.
 * Pure JDK + Bouncy Castle.
 */
public final class TestCaStore implements TestCaKeeper {

    public static final String CA_FILE = "test-ca.p12";
    public static final String PASSWORD_FILE = "test-ca.password";
    private static final int PASSWORD_BYTES = 24;

    private final Path directory;

    public TestCaStore(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    public Path directory() {
        return directory;
    }

    public Path caFile() {
        return directory.resolve(CA_FILE);
    }

    public Path passwordFile() {
        return directory.resolve(PASSWORD_FILE);
    }

    public boolean exists() {
        return Files.exists(caFile());
    }

    /** The stored CA; a new one (EC P-256, five years) when there is none yet. */
    public TestCertificateAuthority ensure() throws IOException, GeneralSecurityException {
        return ensure(TestCertificateAuthority.Options.defaults());
    }

    /**
     * The stored CA; a new one made with these options when there is none yet.
     *
     * @throws IOException when only one of the two files exists, or they cannot be read or written
     * @throws GeneralSecurityException when the stored CA cannot be opened with the stored password
     */
    @Override
    public synchronized TestCertificateAuthority ensure(TestCertificateAuthority.Options options) throws IOException, GeneralSecurityException {
        final Optional<TestCertificateAuthority> stored = load();
        if (stored.isPresent()) {
            return stored.get();
        }
        final char[] password = newPassword();
        final TestCertificateAuthority ca = TestCertificateAuthority.create(options);
        // Password first: a CA file without its password could never be opened again.
        OwnerOnlyFiles.write(passwordFile(), new String(password).getBytes(StandardCharsets.US_ASCII));
        ca.save(caFile(), password);
        return ca;
    }

    /**
     * The stored CA, or empty when there is none; never creates anything (what a page that only shows the state needs).
     *
     * @throws IOException when only one of the two files exists, or they cannot be read
     * @throws GeneralSecurityException when the stored CA cannot be opened with the stored password
     */
    @Override
    public synchronized Optional<TestCertificateAuthority> load() throws IOException, GeneralSecurityException {
        final boolean caPresent = Files.exists(caFile());
        final boolean passwordPresent = Files.exists(passwordFile());
        if (caPresent && passwordPresent) {
            return Optional.of(TestCertificateAuthority.load(caFile(), readPassword()));
        }
        if (caPresent || passwordPresent) {
            throw new IOException("Incomplete test CA in " + directory + ": " + (caPresent ? PASSWORD_FILE : CA_FILE)
                + " is missing. Remove " + (caPresent ? CA_FILE : PASSWORD_FILE) + " to create a new test CA.");
        }
        return Optional.empty();
    }

    /** Deletes both files, and the directory when that is then empty. */
    @Override
    public synchronized boolean delete() throws IOException {
        final boolean existed = Files.deleteIfExists(caFile());
        final boolean password = Files.deleteIfExists(passwordFile());
        if (Files.isDirectory(directory)) {
            try (java.util.stream.Stream<Path> left = Files.list(directory)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(directory);
                }
            }
        }
        return existed || password;
    }

    private char[] readPassword() throws IOException {
        final String password = Files.readString(passwordFile(), StandardCharsets.US_ASCII).strip();
        if (password.isEmpty()) {
            throw new IOException(passwordFile() + " is empty");
        }
        return password.toCharArray();
    }

    static char[] newPassword() {
        final byte[] random = new byte[PASSWORD_BYTES];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
    }
}
