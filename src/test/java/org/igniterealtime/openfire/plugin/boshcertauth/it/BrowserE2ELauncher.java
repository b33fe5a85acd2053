package org.igniterealtime.openfire.plugin.boshcertauth.it;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestRevocationServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Starts a real Openfire with the plugin for the browser end-to-end test ({@code src/test/e2e}), not a JUnit test:
 * makes a fresh test PKI (good and bad client certificates, PKCS#12 files), starts Openfire with one configuration
 * profile, writes {@code <out>/openfire.json} (ports, log file, certificate files) and runs until its standard input
 * closes, then stops Openfire.
 *
 * <p>Profiles: {@code wanted} and {@code needed} ({@code httpbind.client.cert.policy}, the test CA in the BOSH client
 * truststore); {@code selfsigned} (the recipe for a single self-signed certificate: no CA, that exact certificate in
 * the truststore, {@code sasl.mechs=EXTERNAL}, policy {@code wanted}); {@code scriptsyntax} ({@code wanted} with
 * {@code xmpp.httpbind.scriptSyntax.enabled=true}, for the cross-site {@code <script src>} attack of issue 13).</p>
 *
 * <p>Arguments: {@code <profile> <out directory> <web root>}; system properties {@code openfire.home} and
 * {@code plugin.jar} as for the integration tests, and optionally {@value #ALLOWED_ORIGINS_PROPERTY} (comma-separated
 * origins, copied into {@code boshcertauth.web.allowed-origins}; absent or empty: that setting is left at its
 * default). The web root is served by Openfire at the root of its BOSH ports, so pages and BOSH share one origin.</p>
 */
public final class BrowserE2ELauncher {

    /** System property: the origins to allow for certificate login ({@code boshcertauth.web.allowed-origins}). */
    static final String ALLOWED_ORIGINS_PROPERTY = "e2e.allowed-origins";

    /** Password of every PKCS#12 file written. */
    static final String P12_PASSWORD = "e2e-secret";

    /** What Converse.js needs (inline styles, wasm for OMEMO, data: images) from its own origin only. */
    static final String WEB_CLIENT_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; "
        + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'";

    private BrowserE2ELauncher() {}

    /** One client certificate of the scenario matrix. */
    private record ClientCertificate(String name, String jid, String description, TestPki.Issued issued) {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: BrowserE2ELauncher <wanted|needed|selfsigned|scriptsyntax> <out directory> <web root>");
            System.exit(2);
        }
        final String profile = args[0];
        final Path out = Path.of(args[1]).toAbsolutePath();
        final Path webRoot = Path.of(args[2]).toAbsolutePath();
        Files.createDirectories(out);

        try (TestRevocationServer revocation = TestRevocationServer.start()) {
            final TestPki.Issued ca = TestPki.rootCa("boshcertauth E2E CA");
            final TestPki.Issued otherCa = TestPki.rootCa("boshcertauth E2E unknown CA");
            final Map<String, ClientCertificate> certificates = certificates(ca, otherCa, revocation);

            final OpenfireServer.Builder builder = OpenfireServer.builder().webRoot(webRoot)
                // Openfire sends "Content-Security-Policy: default-src 'none'" on its BOSH ports, which blocks any
                // page served there; a web client hosted in resources/spank needs its own policy.
                .property("httpbind.CSP.responsevalue", WEB_CLIENT_CSP);
            switch (profile) {
                case "wanted", "needed" -> builder
                    .property("httpbind.client.cert.policy", profile)
                    .trustClientCertificate("boshcertauth-e2e-ca", ca.certificate());
                case "scriptsyntax" -> builder
                    .property("httpbind.client.cert.policy", "wanted")
                    .property("xmpp.httpbind.scriptSyntax.enabled", "true")
                    .trustClientCertificate("boshcertauth-e2e-ca", ca.certificate());
                case "selfsigned" -> builder
                    .property("httpbind.client.cert.policy", "wanted")
                    .property("sasl.mechs", "EXTERNAL")
                    .trustClientCertificate("alice-self-signed", certificates.get("self-signed").issued().certificate());
                default -> throw new IllegalArgumentException("Unknown profile: " + profile);
            }
            final String allowedOrigins = System.getProperty(ALLOWED_ORIGINS_PROPERTY, "").trim();
            if (!allowedOrigins.isEmpty()) {
                builder.property("boshcertauth.web.allowed-origins", allowedOrigins);
            }

            try (OpenfireServer openfire = builder.start()) {
                // Also stop Openfire when we are terminated by a signal instead of by the end of our input.
                final Thread stopper = new Thread(openfire::close, "stop-openfire");
                Runtime.getRuntime().addShutdownHook(stopper);
                writeFiles(out, profile, openfire, certificates);
                System.out.println("E2E-READY " + out.resolve("openfire.json"));
                System.out.flush();
                // Runs until the test driver closes our standard input (or dies).
                while (System.in.read() != -1) {
                    // ignore input
                }
                Runtime.getRuntime().removeShutdownHook(stopper);
            }
        }
    }

    private static Map<String, ClientCertificate> certificates(TestPki.Issued ca, TestPki.Issued otherCa,
                                                               TestRevocationServer revocation) {
        final Map<String, ClientCertificate> all = new LinkedHashMap<>();
        add(all, "alice", "alice@localhost", "valid, test CA, xmppAddr alice@localhost",
            TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(ca).build());
        add(all, "expired", "alice@localhost", "expired yesterday",
            TestPki.certificate("alice expired").xmppAddr("alice@localhost").expired().issuedBy(ca).build());
        add(all, "unknown-ca", "alice@localhost", "issued by a CA not in the truststore",
            TestPki.certificate("alice other CA").xmppAddr("alice@localhost").issuedBy(otherCa).build());
        final TestPki.Issued revoked = TestPki.certificate("alice revoked").xmppAddr("alice@localhost")
            .crlDistributionPoint(revocation.crlUrl(ca)).issuedBy(ca).build();
        revocation.revoke(revoked.certificate());
        add(all, "revoked", "alice@localhost", "revoked in the CA's CRL (loopback CRL distribution point)", revoked);
        add(all, "server-auth-only", "alice@localhost", "extendedKeyUsage serverAuth only",
            TestPki.certificate("alice server").xmppAddr("alice@localhost")
                .extendedKeyUsage(KeyPurposeId.id_kp_serverAuth).issuedBy(ca).build());
        add(all, "unknown-user", "carol@localhost", "xmppAddr of a user that does not exist",
            TestPki.certificate("carol").xmppAddr("carol@localhost").issuedBy(ca).build());
        add(all, "foreign-domain", "alice@example.org", "xmppAddr in a foreign domain",
            TestPki.certificate("alice elsewhere").xmppAddr("alice@example.org").issuedBy(ca).build());
        add(all, "self-signed", "alice@localhost", "self-signed (no CA), trusted only in profile selfsigned",
            TestPki.certificate("alice self-signed").xmppAddr("alice@localhost").build());
        return all;
    }

    private static void add(Map<String, ClientCertificate> all, String name, String jid, String description,
                            TestPki.Issued issued) {
        all.put(name, new ClientCertificate(name, jid, description, issued));
    }

    private static void writeFiles(Path out, String profile, OpenfireServer openfire,
                                   Map<String, ClientCertificate> certificates) throws IOException {
        final StringBuilder json = new StringBuilder();
        json.append("{\n");
        json.append("  \"profile\": ").append(quote(profile)).append(",\n");
        json.append("  \"openfireVersion\": ").append(quote(openfire.version())).append(",\n");
        json.append("  \"home\": ").append(quote(openfire.home().toString())).append(",\n");
        json.append("  \"openfireLog\": ").append(quote(openfire.logsDir().resolve("openfire.log").toString())).append(",\n");
        json.append("  \"boshHttpsPort\": ").append(openfire.boshHttpsPort()).append(",\n");
        json.append("  \"boshHttpPort\": ").append(openfire.boshHttpPort()).append(",\n");
        json.append("  \"users\": {\"alice\": ").append(quote(openfire.password("alice"))).append("},\n");
        json.append("  \"p12Password\": ").append(quote(P12_PASSWORD)).append(",\n");
        json.append("  \"certificates\": {\n");
        json.append(certificates.values().stream().map(c -> {
            final Path p12 = out.resolve(c.name() + ".p12");
            try {
                Files.write(p12, TestPki.pkcs12Bytes(c.issued(), P12_PASSWORD.toCharArray()));
                Files.writeString(out.resolve(c.name() + ".pem"), TestPki.pem(c.issued().certificate()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return "    " + quote(c.name()) + ": {\"p12\": " + quote(p12.toString()) + ", \"jid\": " + quote(c.jid())
                + ", \"description\": " + quote(c.description()) + "}";
        }).collect(Collectors.joining(",\n")));
        json.append("\n  }\n}\n");
        Files.writeString(out.resolve("openfire.json"), json, StandardCharsets.UTF_8);
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
