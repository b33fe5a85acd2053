package org.igniterealtime.openfire.plugin.boshcertauth.tools;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class Pkcs12Test {

    private static final char[] PASSWORD = "user-secret".toCharArray();
    private static TestCertificateAuthority ca;
    private static IssuedCertificate alice;

    @BeforeAll
    static void setUp() throws Exception {
        ca = TestCertificateAuthority.create(TestCertificateAuthority.Options.defaults());
        alice = ca.issue(UserCertificateRequest.of("alice@example.org"));
    }

    @Test
    void theJdkLoadsKeyAndChainWithThePassword() throws Exception {
        // Setup
        final byte[] p12 = alice.toPkcs12(PASSWORD);

        // Execute: a plain JDK KeyStore, as any Java client would
        final KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(p12), PASSWORD);
        final List<String> aliases = Collections.list(store.aliases());
        final PrivateKey key = (PrivateKey) store.getKey(aliases.get(0), PASSWORD);
        final Certificate[] chain = store.getCertificateChain(aliases.get(0));

        // Verify: one key entry, leaf + CA, and the key belongs to the leaf
        assertEquals(1, aliases.size());
        assertEquals(List.of(alice.certificate(), ca.certificate()), List.of(chain));
        final Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        final byte[] signature = signer.sign();
        final Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(alice.certificate());
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signature));
    }

    @Test
    void theWrongPasswordIsReportedAsSuch() throws Exception {
        // Setup
        final byte[] p12 = alice.toPkcs12(PASSWORD);

        // Verify
        assertThrows(Pkcs12.WrongPasswordException.class, () -> Pkcs12.read(p12, "nope".toCharArray()));
    }

    @Test
    void garbageIsNotTakenForAWrongPassword() {
        // Verify
        final Exception e = assertThrows(java.security.GeneralSecurityException.class,
            () -> Pkcs12.read("not a key store".getBytes(StandardCharsets.US_ASCII), PASSWORD));
        assertFalse(e instanceof Pkcs12.WrongPasswordException);
    }

    @Test
    void opensslReadsItAsAes256Pbes2(@TempDir Path dir) throws Exception {
        // Setup
        assumeTrue(opensslAvailable(), "openssl is not installed");
        final Path file = dir.resolve("alice.p12");
        Files.write(file, alice.toPkcs12(PASSWORD));

        // Execute
        final Process process = new ProcessBuilder("openssl", "pkcs12", "-info", "-nokeys", "-in", file.toString(),
            "-passin", "pass:" + new String(PASSWORD)).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));

        // Verify: modern algorithms (what browsers and OpenSSL 3 accept without the legacy provider)
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC"), output);
        assertTrue(output.contains("PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC"), output);
        assertTrue(output.contains("MAC: sha256"), output);
        assertTrue(output.contains("friendlyName: alice@example.org (for testing)"), output);
        assertFalse(output.contains("PRIVATE KEY"), output);
    }

    private static boolean opensslAvailable() {
        try {
            final Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
