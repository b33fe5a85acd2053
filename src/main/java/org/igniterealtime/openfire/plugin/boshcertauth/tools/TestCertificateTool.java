package org.igniterealtime.openfire.plugin.boshcertauth.tools;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Command line for test certificates: create a test CA, issue user certificates with an xmppAddr, export the CA
 * certificate for Openfire's truststore, and check a certificate with the plugin's own verifier.
 *
 * <p>Exit codes: 0 success; 1 the check refused the certificate, or the command failed (unreadable file, wrong
 * password, file exists); 2 usage error. Private keys are written only into password-protected PKCS#12 files and
 * never printed.</p>
 */
public final class TestCertificateTool {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    static final String USAGE_TEXT = """
        Test certificates for Certificate Login for Web Clients (certificate login over BOSH and WebSocket; for testing only; not a production CA).

        Usage: <command> [options]      (from a clone: mvn -q exec:java -Dexec.args="<command> [options]")

        Files with a private key (issue-ca/issue-user --out) are never written inside a Git working tree.

          issue-ca    --out ca.p12 --password PW [--name NAME] [--days 1825] [--key ec|rsa] [--rsa-bits 2048|3072|4096]
                      [--pem ca.pem] [--force]
              Creates a test CA (key + certificate) in a password-protected PKCS#12 file; --pem also writes the CA
              certificate for Openfire's BOSH client truststore.

          issue-user  --ca ca.p12 [--ca-password PW] --jid alice@example.org --out alice.p12 --password PW
                      [--days 365] [--key ec|rsa] [--rsa-bits 2048|3072|4096] [--email alice@example.org]
                      [--pem alice.pem] [--force]
              Issues a user certificate naming the JID (xmppAddr), with digitalSignature and clientAuth, as PKCS#12
              (key + chain) for the browser. --ca-password defaults to --password. --pem writes the chain (no key).

          export-ca   --ca ca.p12 --password PW --out ca.pem [--force]
              Writes the CA certificate as PEM (Openfire: TLS Certificates > Certificate Stores > client trust store).

          check       --cert alice.p12|alice.pem [--password PW] [--truststore ca.pem|ca.p12] [--truststore-password PW]
                      [--authzid JID] [--domain example.org[,other.org]] [--revocation off|soft|hard]
              Runs the plugin's certificate verifier offline and prints the verdict and the JID the certificate
              would log in as. With --truststore, --domain (the server's XMPP domain) is required. Without
              --truststore, the CA certificate inside the file is trusted and, without --domain, the certificate's
              own domain assumed (checks the form only). --revocation defaults to off.

          help        Shows this text.

        Passwords: PW may also be env:NAME (environment variable) or file:PATH (first line of a file).
        Exit codes: 0 success, 1 certificate refused or command failed, 2 usage error.
        """;

    private final PrintStream out;
    private final PrintStream err;

    TestCertificateTool(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        final int code = run(args, System.out, System.err);
        // Exit only on failure: under "mvn exec:java" a System.exit(0) would cut Maven short of its own success report.
        if (code != OK) {
            System.exit(code);
        }
    }

    /** Runs one command; returns the exit code instead of exiting. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new TestCertificateTool(out, err).run(List.of(args));
    }

    private int run(List<String> args) {
        if (args.isEmpty()) {
            err.println("error: no command given");
            err.print(USAGE_TEXT);
            return USAGE;
        }
        final String command = args.get(0);
        final List<String> rest = args.subList(1, args.size());
        try {
            return switch (command) {
                case "issue-ca" -> issueCa(Arguments.parse(rest,
                    Set.of("out", "password", "name", "days", "key", "rsa-bits", "pem"), Set.of("force")));
                case "issue-user" -> issueUser(Arguments.parse(rest,
                    Set.of("ca", "ca-password", "jid", "out", "password", "days", "key", "rsa-bits", "email", "pem"), Set.of("force")));
                case "export-ca" -> exportCa(Arguments.parse(rest, Set.of("ca", "password", "out"), Set.of("force")));
                case "check" -> check(Arguments.parse(rest,
                    Set.of("cert", "password", "truststore", "truststore-password", "authzid", "domain", "revocation"), Set.of()));
                case "help", "--help", "-h" -> {
                    out.print(USAGE_TEXT);
                    yield OK;
                }
                default -> throw new Arguments.UsageException("unknown command '" + command + "'");
            };
        } catch (Arguments.UsageException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println("Run with 'help' for usage.");
            return USAGE;
        } catch (Pkcs12.WrongPasswordException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        } catch (NoSuchFileException e) {
            err.println("error: no such file: " + e.getFile());
            return FAILED;
        } catch (AccessDeniedException e) {
            err.println("error: permission denied: " + e.getFile());
            return FAILED;
        } catch (IOException | GeneralSecurityException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        }
    }

    // ----- commands

    private int issueCa(Arguments a) throws Arguments.UsageException, IOException, GeneralSecurityException {
        final Path outFile = Path.of(a.required("out"));
        final char[] password = requiredPassword(a, "password");
        final Path pemFile = a.optional("pem") == null ? null : Path.of(a.optional("pem"));
        final TestCertificateAuthority.Options options = new TestCertificateAuthority.Options(a.optional("name"), keySpec(a),
            Duration.ofDays(a.integer("days", (int) TestCertificateAuthority.Options.DEFAULT_VALIDITY.toDays(), 1, 36500)));
        if (refuseKeyInWorkingTree(outFile) || refuseOverwrite(a, outFile) || refuseOverwrite(a, pemFile)) {
            return FAILED;
        }

        final TestCertificateAuthority ca = TestCertificateAuthority.create(options);
        ca.save(outFile, password);
        if (pemFile != null) {
            Files.writeString(pemFile, ca.certificatePem(), StandardCharsets.US_ASCII);
        }

        out.println("Created test CA: " + ca.certificate().getSubjectX500Principal());
        out.println("  key: " + options.key() + ", valid until " + ca.certificate().getNotAfter().toInstant());
        out.println("  SHA-256 fingerprint: " + fingerprint(ca.certificate()));
        out.println("Wrote " + outFile + " (PKCS#12 with the CA key; keep it and its password private)");
        if (pemFile != null) {
            out.println("Wrote " + pemFile + " (CA certificate; import it into Openfire's BOSH client truststore)");
        }
        return OK;
    }

    private int issueUser(Arguments a) throws Arguments.UsageException, IOException, GeneralSecurityException {
        final Path caFile = Path.of(a.required("ca"));
        final Path outFile = Path.of(a.required("out"));
        final char[] password = requiredPassword(a, "password");
        final char[] caPassword = a.password("ca-password") != null ? a.password("ca-password") : password;
        final Path pemFile = a.optional("pem") == null ? null : Path.of(a.optional("pem"));
        final UserCertificateRequest request = new UserCertificateRequest(a.required("jid"),
            Duration.ofDays(a.integer("days", (int) UserCertificateRequest.DEFAULT_VALIDITY.toDays(), 1, 36500)),
            keySpec(a), a.optional("email"));
        if (refuseKeyInWorkingTree(outFile) || refuseOverwrite(a, outFile) || refuseOverwrite(a, pemFile)) {
            return FAILED;
        }

        final TestCertificateAuthority ca = TestCertificateAuthority.load(caFile, caPassword);
        final IssuedCertificate issued = ca.issue(request);
        Files.write(outFile, issued.toPkcs12(password));
        if (pemFile != null) {
            Files.writeString(pemFile, issued.chainPem(), StandardCharsets.US_ASCII);
        }

        final X509Certificate certificate = issued.certificate();
        out.println("Issued a test certificate for " + issued.jid() + " (xmppAddr), " + request.key()
            + ", valid until " + certificate.getNotAfter().toInstant());
        if (certificate.getNotAfter().equals(ca.certificate().getNotAfter())) {
            out.println("  note: shortened to end with the CA certificate");
        }
        out.println("  subject: " + certificate.getSubjectX500Principal());
        out.println("  issuer:  " + certificate.getIssuerX500Principal());
        out.println("  serial:  " + certificate.getSerialNumber().toString(16));
        out.println("  SHA-256 fingerprint: " + fingerprint(certificate));
        out.println("Wrote " + outFile + " (PKCS#12: key + chain; import it into the browser with its password)");
        if (pemFile != null) {
            out.println("Wrote " + pemFile + " (certificate chain, no key)");
        }
        return OK;
    }

    private int exportCa(Arguments a) throws Arguments.UsageException, IOException, GeneralSecurityException {
        final Path caFile = Path.of(a.required("ca"));
        final char[] password = requiredPassword(a, "password");
        final Path outFile = Path.of(a.required("out"));
        if (refuseOverwrite(a, outFile)) {
            return FAILED;
        }
        final TestCertificateAuthority ca = TestCertificateAuthority.load(caFile, password);
        Files.writeString(outFile, ca.certificatePem(), StandardCharsets.US_ASCII);
        out.println("Wrote " + outFile + ": " + ca.certificate().getSubjectX500Principal());
        out.println("  SHA-256 fingerprint: " + fingerprint(ca.certificate()));
        return OK;
    }

    private int check(Arguments a) throws Arguments.UsageException, IOException, GeneralSecurityException {
        final Path certFile = Path.of(a.required("cert"));
        final char[] password = a.password("password");
        final char[] truststorePassword = a.password("truststore-password") != null ? a.password("truststore-password") : password;
        final RevocationMode mode = revocationMode(a.optional("revocation"));
        final Set<String> domains = domains(a.optional("domain"));
        if (a.optional("truststore") != null && domains.isEmpty()) {
            // The certificate's own domain would make a certificate of a domain the server does not serve look fine.
            throw new Arguments.UsageException("--domain is required with --truststore: the XMPP domain(s) of the server "
                + "(Openfire: Server Information > XMPP Domain Name), e.g. --domain localhost");
        }

        final List<X509Certificate> chain = readCertificates(certFile, password, "--password");
        if (chain.isEmpty()) {
            err.println("error: " + certFile + " holds no certificate");
            return FAILED;
        }
        final Set<X509Certificate> trusted = new LinkedHashSet<>();
        if (a.optional("truststore") != null) {
            trusted.addAll(readCertificates(Path.of(a.optional("truststore")), truststorePassword, "--truststore-password"));
        } else {
            final X509Certificate last = chain.get(chain.size() - 1);
            if (chain.size() > 1 && last.getSubjectX500Principal().equals(last.getIssuerX500Principal())) {
                trusted.add(last);
                out.println("note: no --truststore given; trusting the CA certificate inside " + certFile
                    + " (this checks the certificate's form, not whether Openfire trusts its CA)");
                if (domains.isEmpty()) {
                    out.println("note: no --domain given; assuming the certificate's own domain (not whether the server serves it)");
                }
            } else {
                out.println("note: no --truststore given and no CA certificate inside " + certFile + "; nothing is trusted");
            }
        }

        final CertificateCheck.Result result = CertificateCheck.run(chain, trusted, a.optional("authzid"), domains, mode);

        final X509Certificate leaf = chain.get(0);
        out.println("Certificate: " + leaf.getSubjectX500Principal());
        out.println("  issuer:    " + leaf.getIssuerX500Principal());
        out.println("  valid:     " + leaf.getNotBefore().toInstant() + " to " + leaf.getNotAfter().toInstant());
        out.println("  xmppAddr:  " + (result.xmppAddrs().isEmpty() ? "(none)" : String.join(", ", result.xmppAddrs())));
        out.println("Checked with: " + trusted.size() + " trusted certificate(s), domain(s) "
            + (result.domains().isEmpty() ? "(none)" : String.join(", ", result.domains())) + ", revocation " + mode
            + (a.optional("authzid") == null ? ", no authzid" : ", authzid " + a.optional("authzid")));
        final Verdict verdict = result.verdict();
        if (verdict.isSuccess()) {
            out.println("ACCEPTED: would log in as " + verdict.jid());
            out.println("  (not checked offline: that the user exists on the server and is not locked out)");
            return OK;
        }
        out.println("REFUSED: " + verdict.reason() + " - " + verdict.reason().description());
        if (verdict.failingIndex() >= 0) {
            out.println("  at certificate #" + verdict.failingIndex() + " of the chain (0 = the user's certificate)");
        }
        if (!verdict.detail().isEmpty()) {
            out.println("  detail: " + verdict.detail());
        }
        out.println("  the client would get the SASL failure <" + verdict.reason().condition().elementName() + "/>");
        return FAILED;
    }

    // ----- helpers

    private static char[] requiredPassword(Arguments a, String name) throws Arguments.UsageException {
        final char[] password = a.password(name);
        if (password == null) {
            throw new Arguments.UsageException("--" + name + " is required");
        }
        return password;
    }

    private static KeySpec keySpec(Arguments a) throws Arguments.UsageException {
        final String type = a.optional("key") == null ? "ec" : a.optional("key");
        final int bits = a.integer("rsa-bits", 2048, 1, 16384);
        if (a.optional("rsa-bits") != null && !"rsa".equalsIgnoreCase(type)) {
            throw new Arguments.UsageException("--rsa-bits needs --key rsa");
        }
        return KeySpec.parse(type, bits);
    }

    private static RevocationMode revocationMode(String value) throws Arguments.UsageException {
        if (value == null) {
            return RevocationMode.OFF;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "off" -> RevocationMode.OFF;
            case "soft" -> RevocationMode.SOFT_FAIL;
            case "hard" -> RevocationMode.HARD_FAIL;
            default -> throw new Arguments.UsageException("--revocation must be off, soft or hard, not '" + value + "'");
        };
    }

    private static Set<String> domains(String value) {
        final Set<String> result = new LinkedHashSet<>();
        if (value != null) {
            Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(result::add);
        }
        return result;
    }

    /** A PKCS#12 with a private key is never written where {@code git add .} would take it. */
    private boolean refuseKeyInWorkingTree(Path file) {
        final java.util.Optional<Path> tree = GitWorkingTree.containing(file);
        if (tree.isPresent()) {
            err.println("error: " + file + " would hold a private key inside the Git working tree " + tree.get()
                + " (git add . would commit it); write it outside, e.g. --out " + Path.of(System.getProperty("user.home"),
                "boshcertauth-test", file.getFileName().toString()));
            return true;
        }
        return false;
    }

    private boolean refuseOverwrite(Arguments a, Path file) {
        if (file != null && Files.exists(file) && !a.flag("force")) {
            err.println("error: " + file + " exists; use --force to replace it");
            return true;
        }
        return false;
    }

    /** PEM (one or more certificates), PKCS#12 (with the password) or a single DER certificate. */
    static List<X509Certificate> readCertificates(Path file, char[] password, String passwordOption)
        throws IOException, GeneralSecurityException, Arguments.UsageException {
        final byte[] content = Files.readAllBytes(file);
        if (Pem.looksLikePem(content)) {
            return Pem.parseCertificates(new String(content, StandardCharsets.US_ASCII));
        }
        try {
            return List.of((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(content)));
        } catch (CertificateException notDer) {
            if (password == null) {
                throw new Arguments.UsageException(file + " is not PEM or DER; if it is PKCS#12, give its password with " + passwordOption);
            }
            try {
                return Pkcs12.certificates(content, password);
            } catch (Pkcs12.WrongPasswordException e) {
                throw new Pkcs12.WrongPasswordException(file.toString());
            } catch (GeneralSecurityException e) {
                throw new GeneralSecurityException(file + " is not a certificate file (PEM, DER or PKCS#12)", e);
            }
        }
    }

    static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }
}
