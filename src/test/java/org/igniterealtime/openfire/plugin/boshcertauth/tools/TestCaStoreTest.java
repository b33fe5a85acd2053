package org.igniterealtime.openfire.plugin.boshcertauth.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TestCaStoreTest {

    @TempDir
    Path dir;

    @Test
    void createsOnceThenReuses() throws Exception {
        // Setup
        final TestCaStore store = new TestCaStore(dir.resolve("test-ca"));

        // Execute
        final TestCertificateAuthority first = store.ensure();
        final TestCertificateAuthority second = new TestCaStore(dir.resolve("test-ca")).ensure();

        // Verify
        assertEquals(first.certificate(), second.certificate());
        assertTrue(Files.exists(store.caFile()));
        final String password = Files.readString(store.passwordFile()).strip();
        assertTrue(password.length() >= 32, "random password of 24 bytes, base64");
        assertEquals(first.certificate(), TestCertificateAuthority.load(store.caFile(), password.toCharArray()).certificate());
    }

    @Test
    void filesAreReadableByTheOwnerOnly() throws Exception {
        // Setup
        assumeTrue(OwnerOnlyFiles.isPosix(dir), "POSIX file permissions");
        final TestCaStore store = new TestCaStore(dir);

        // Execute
        store.ensure();

        // Verify
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.caFile())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.passwordFile())));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void anIncompleteStoreIsNotReplaced() throws Exception {
        // Setup: the password file was lost
        final TestCaStore store = new TestCaStore(dir);
        store.ensure();
        final byte[] ca = Files.readAllBytes(store.caFile());
        Files.delete(store.passwordFile());

        // Execute
        final IOException e = assertThrows(IOException.class, store::ensure);

        // Verify
        assertTrue(e.getMessage().contains(TestCaStore.PASSWORD_FILE), e.getMessage());
        assertArrayEquals(ca, Files.readAllBytes(store.caFile()));
    }

    @Test
    void aPasswordThatDoesNotOpenTheCaIsReported() throws Exception {
        // Setup
        final TestCaStore store = new TestCaStore(dir);
        store.ensure();
        Files.writeString(store.passwordFile(), "something else");

        // Verify
        assertThrows(Pkcs12.WrongPasswordException.class, store::ensure);
    }
}
