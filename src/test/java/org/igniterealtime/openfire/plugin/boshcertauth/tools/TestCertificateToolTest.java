package org.igniterealtime.openfire.plugin.boshcertauth.tools;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The command line end to end in a temporary directory, through {@link TestCertificateTool#run}. */
class TestCertificateToolTest {

    @TempDir
    Path dir;
    private String out;
    private String err;

    private Path ca;
    private Path caPem;
    private Path alice;

    @BeforeEach
    void setUp() {
        ca = dir.resolve("ca.p12");
        caPem = dir.resolve("ca.pem");
        alice = dir.resolve("alice.p12");
    }

    private int run(String... args) {
        final ByteArrayOutputStream o = new ByteArrayOutputStream();
        final ByteArrayOutputStream e = new ByteArrayOutputStream();
        final int code = TestCertificateTool.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        assertFalse((out + err).contains("PRIVATE KEY"), "a private key was printed");
        return code;
    }

    private void issueCaAndAlice() {
        assertEquals(0, run("issue-ca", "--out", ca.toString(), "--password", "ca-pw", "--pem", caPem.toString()), err);
        assertEquals(0, run("issue-user", "--ca", ca.toString(), "--ca-password", "ca-pw", "--jid", "alice@example.org",
            "--out", alice.toString(), "--password", "alice-pw"), err);
    }

    @Test
    void issueCaIssueUserAndCheckLogIn() throws Exception {
        // Execute
        issueCaAndAlice();
        final int check = run("check", "--cert", alice.toString(), "--password", "alice-pw", "--truststore", caPem.toString(),
            "--domain", "example.org");

        // Verify
        assertEquals(0, check, out + err);
        assertTrue(out.contains("ACCEPTED: would log in as alice@example.org"), out);
        final KeyStore p12 = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(alice)) {
            p12.load(in, "alice-pw".toCharArray());
        }
        assertEquals(2, p12.getCertificateChain(p12.aliases().nextElement()).length);
    }

    @Test
    void exportCaWritesThePemTheIssueCaPemHas() throws Exception {
        // Setup
        issueCaAndAlice();
        final Path exported = dir.resolve("exported.pem");

        // Execute
        final int code = run("export-ca", "--ca", ca.toString(), "--password", "ca-pw", "--out", exported.toString());

        // Verify
        assertEquals(0, code, err);
        assertEquals(Files.readString(caPem), Files.readString(exported));
        final List<X509Certificate> certificates = Pem.parseCertificates(Files.readString(exported));
        assertEquals(1, certificates.size());
        assertEquals(0, certificates.get(0).getBasicConstraints());
    }

    @Test
    void rsaUserWithEmailAndPemChain() throws Exception {
        // Setup
        assertEquals(0, run("issue-ca", "--out", ca.toString(), "--password", "ca-pw", "--key", "rsa", "--rsa-bits", "2048",
            "--days", "30", "--name", "Lab CA"), err);
        final Path bobPem = dir.resolve("bob.pem");

        // Execute
        final int issue = run("issue-user", "--ca", ca.toString(), "--ca-password", "ca-pw", "--jid", "bob@example.org",
            "--key", "rsa", "--rsa-bits", "2048", "--days", "7", "--email", "bob@example.org", "--out", dir.resolve("bob.p12").toString(),
            "--password", "bob-pw", "--pem", bobPem.toString());
        final int check = run("check", "--cert", bobPem.toString(), "--truststore", ca.toString(), "--truststore-password", "ca-pw",
            "--authzid", "bob@example.org", "--domain", "example.org");

        // Verify
        assertEquals(0, issue, err);
        assertEquals(0, check, out + err);
        assertTrue(out.contains("would log in as bob@example.org"), out);
        final X509Certificate bob = Pem.parseCertificates(Files.readString(bobPem)).get(0);
        assertEquals("RSA", bob.getPublicKey().getAlgorithm());
        assertTrue(bob.getIssuerX500Principal().getName().contains("Lab CA (for testing)"));
    }

    @Test
    void checkRefusesACertificateOfAnotherCaWithExitCode1() throws Exception {
        // Setup
        issueCaAndAlice();
        final Path otherPem = dir.resolve("other.pem");
        assertEquals(0, run("issue-ca", "--out", dir.resolve("other.p12").toString(), "--password", "x", "--pem", otherPem.toString()));

        // Execute
        final int code = run("check", "--cert", alice.toString(), "--password", "alice-pw", "--truststore", otherPem.toString(),
            "--domain", "example.org");

        // Verify
        assertEquals(1, code);
        assertTrue(out.contains("REFUSED: UNTRUSTED"), out);
        assertTrue(out.contains("<not-authorized/>"), out);
    }

    @Test
    void checkRefusesAnotherUsersAuthzidAndAForeignDomain() {
        // Setup
        issueCaAndAlice();

        // Execute
        final int mismatch = run("check", "--cert", alice.toString(), "--password", "alice-pw", "--truststore", caPem.toString(),
            "--authzid", "bob@example.org", "--domain", "example.org");
        final String mismatchOut = out;
        final int foreign = run("check", "--cert", alice.toString(), "--password", "alice-pw", "--truststore", caPem.toString(),
            "--domain", "example.com");

        // Verify
        assertEquals(1, mismatch);
        assertTrue(mismatchOut.contains("AUTHZID_MISMATCH"), mismatchOut);
        assertTrue(mismatchOut.contains("<invalid-authzid/>"), mismatchOut);
        assertEquals(1, foreign);
        assertTrue(out.contains("FOREIGN_DOMAIN"), out);
    }

    @Test
    void checkWithAServersTruststoreRefusesToGuessTheDomain() {
        // Setup: issue 15 — alice@example.org was ACCEPTED for a server that serves localhost
        issueCaAndAlice();

        // Execute
        final int code = run("check", "--cert", alice.toString(), "--password", "alice-pw", "--truststore", caPem.toString());

        // Verify
        assertEquals(2, code, out + err);
        assertFalse(out.contains("ACCEPTED"), out);
        assertTrue(err.contains("--domain is required with --truststore"), err);
    }

    @Test
    void keysAreNeverWrittenIntoAGitWorkingTree() throws Exception {
        // Setup: a directory that is (the inside of) a Git working tree
        final Path clone = dir.resolve("clone");
        Files.createDirectories(clone.resolve(".git"));
        Files.createDirectories(clone.resolve("sub"));
        issueCaAndAlice();

        // Execute
        final int caCode = run("issue-ca", "--out", clone.resolve("sub/ca.p12").toString(), "--password", "ca-pw");
        final String caErr = err;
        final int userCode = run("issue-user", "--ca", ca.toString(), "--ca-password", "ca-pw", "--jid", "alice@example.org",
            "--out", clone.resolve("alice.p12").toString(), "--password", "alice-pw");
        final int pemCode = run("export-ca", "--ca", ca.toString(), "--password", "ca-pw", "--out", clone.resolve("ca.pem").toString());

        // Verify
        assertEquals(1, caCode);
        assertTrue(caErr.contains("inside the Git working tree " + clone), caErr);
        assertEquals(1, userCode);
        assertFalse(Files.exists(clone.resolve("sub/ca.p12")));
        assertFalse(Files.exists(clone.resolve("alice.p12")));
        assertEquals(0, pemCode, "a certificate without key may go anywhere: " + err);
    }

    @Test
    void checkWithoutTruststoreTrustsTheCaInTheFileAndSaysSo() {
        // Setup
        issueCaAndAlice();

        // Execute
        final int code = run("check", "--cert", alice.toString(), "--password", "alice-pw");

        // Verify
        assertEquals(0, code, out + err);
        assertTrue(out.contains("no --truststore given"), out);
    }

    @Test
    void wrongPasswordsFailWithExitCode1() {
        // Setup
        issueCaAndAlice();

        // Execute
        final int export = run("export-ca", "--ca", ca.toString(), "--password", "wrong", "--out", dir.resolve("x.pem").toString());
        final String exportErr = err;
        final int check = run("check", "--cert", alice.toString(), "--password", "wrong");

        // Verify
        assertEquals(1, export);
        assertTrue(exportErr.contains("wrong password") && exportErr.contains("ca.p12"), exportErr);
        assertFalse(Files.exists(dir.resolve("x.pem")));
        assertEquals(1, check);
        assertTrue(err.contains("wrong password"), err);
    }

    @Test
    void unreadableFilesFailWithExitCode1() throws Exception {
        // Setup
        final Path garbage = dir.resolve("garbage.p12");
        Files.writeString(garbage, "not a certificate");

        // Execute
        final int missing = run("export-ca", "--ca", dir.resolve("missing.p12").toString(), "--password", "x", "--out", dir.resolve("x.pem").toString());
        final String missingErr = err;
        final int notACertificate = run("check", "--cert", garbage.toString(), "--password", "x");
        final String garbageErr = err;
        final int aDirectory = run("issue-user", "--ca", dir.toString(), "--jid", "a@example.org", "--out", alice.toString(), "--password", "x");

        // Verify
        assertEquals(1, missing);
        assertTrue(missingErr.contains("no such file"), missingErr);
        assertEquals(1, notACertificate);
        assertTrue(garbageErr.contains("not a certificate file"), garbageErr);
        assertEquals(1, aDirectory);
        assertTrue(err.startsWith("error: "), err);
    }

    @Test
    void existingFilesAreNotReplacedWithoutForce() throws Exception {
        // Setup
        issueCaAndAlice();
        final byte[] before = Files.readAllBytes(ca);

        // Execute
        final int again = run("issue-ca", "--out", ca.toString(), "--password", "ca-pw");
        final String againErr = err;
        final int forced = run("issue-ca", "--out", ca.toString(), "--password", "ca-pw", "--force");

        // Verify
        assertEquals(1, again);
        assertTrue(againErr.contains("--force"), againErr);
        assertEquals(0, forced, err);
        assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(ca)));
    }

    @Test
    void usageErrorsExitWith2() {
        // Verify: no command, unknown command, missing arguments, unknown or doubled options, bad values
        assertEquals(2, run());
        assertTrue(err.contains("Usage:"), err);
        assertEquals(2, run("make-coffee"));
        assertTrue(err.contains("unknown command"), err);
        assertEquals(2, run("issue-ca", "--password", "x"));
        assertTrue(err.contains("--out is required"), err);
        assertEquals(2, run("issue-ca", "--out", dir.resolve("a.p12").toString()));
        assertTrue(err.contains("--password is required"), err);
        assertEquals(2, run("issue-user", "--ca", ca.toString(), "--out", alice.toString(), "--password", "x"));
        assertTrue(err.contains("--jid is required"), err);
        assertEquals(2, run("issue-ca", "--out", dir.resolve("a.p12").toString(), "--password", "x", "--colour", "red"));
        assertTrue(err.contains("unknown option --colour"), err);
        assertEquals(2, run("issue-ca", "--out", "a", "--out", "b", "--password", "x"));
        assertEquals(2, run("issue-ca", "--out", dir.resolve("a.p12").toString(), "--password"));
        assertTrue(err.contains("--password needs a value"), err);
        assertEquals(2, run("issue-ca", "--out", dir.resolve("a.p12").toString(), "--password", "x", "--key", "dsa"));
        assertEquals(2, run("issue-ca", "--out", dir.resolve("a.p12").toString(), "--password", "x", "--key", "rsa", "--rsa-bits", "1024"));
        assertEquals(2, run("issue-ca", "--out", dir.resolve("a.p12").toString(), "--password", "x", "--rsa-bits", "4096"));
        assertEquals(2, run("issue-ca", "--out", dir.resolve("a.p12").toString(), "--password", "x", "--days", "many"));
        assertEquals(2, run("issue-user", "--ca", ca.toString(), "--jid", "alice@example.org/phone", "--out", alice.toString(), "--password", "x"));
        assertTrue(err.contains("resource"), err);
        assertEquals(2, run("check", "--cert", alice.toString(), "--revocation", "maybe"));
        assertEquals(2, run("issue-ca", "--out", dir.resolve("a.p12").toString(), "--password", "env:BOSHCERTAUTH_SURELY_UNSET_VARIABLE"));
        assertFalse(Files.exists(dir.resolve("a.p12")));
    }

    @Test
    void aPkcs12WithoutPasswordIsAUsageError() {
        // Setup
        issueCaAndAlice();

        // Execute
        final int code = run("check", "--cert", alice.toString());

        // Verify
        assertEquals(2, code);
        assertTrue(err.contains("--password"), err);
    }

    @Test
    void passwordsCanComeFromAFile() throws Exception {
        // Setup
        final Path passwordFile = dir.resolve("pw.txt");
        Files.writeString(passwordFile, "from-a-file\n");

        // Execute
        final int code = run("issue-ca", "--out", ca.toString(), "--password", "file:" + passwordFile);

        // Verify
        assertEquals(0, code, err);
        assertNotNull(TestCertificateAuthority.load(ca, "from-a-file".toCharArray()));
    }

    @Test
    void helpPrintsUsage() {
        // Verify
        assertEquals(0, run("help"));
        assertTrue(out.contains("issue-ca") && out.contains("issue-user") && out.contains("export-ca") && out.contains("check"), out);
    }
}
