package org.igniterealtime.openfire.plugin.boshcertauth.it;

import com.unboundid.ldap.sdk.LDAPException;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestDirectory;
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
 * {@code xmpp.httpbind.scriptSyntax.enabled=true}, for the cross-site {@code <script src>} attack of issue 13);
 * {@code ldap} (issue 19: Openfire's users come from a real LDAP server on loopback through
 * {@code LdapUserProvider}/{@code LdapAuthProvider}, AD-shaped entries; the plugin maps a certificate's UPN through the
 * directory; its certificates are an AD CS smart-card certificate without xmppAddr and a partner CA's certificate
 * carrying the same staff UPN, see {@link #ldapCertificates}).</p>
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

    /** Subject DN of the AD CS issuing CA of profile ldap (DC components, as AD CS names its CAs). */
    private static final String CORP_CA_DN = "CN=Corp Issuing CA," + TestDirectory.BASE_DN;
    /** The staff user's UPN: its local part is not the username (sAMAccountName alice), only the directory knows. */
    private static final String STAFF_UPN = "a.example@corp.example.com";

    private BrowserE2ELauncher() {}

    /** One client certificate of the scenario matrix. */
    private record ClientCertificate(String name, String jid, String description, TestPki.Issued issued) {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: BrowserE2ELauncher <wanted|needed|selfsigned|scriptsyntax|ldap> <out directory> <web root>");
            System.exit(2);
        }
        final String profile = args[0];
        final Path out = Path.of(args[1]).toAbsolutePath();
        final Path webRoot = Path.of(args[2]).toAbsolutePath();
        Files.createDirectories(out);

        // The LDAP server of profile ldap lives in this process (UnboundID's in-memory server, a real LDAP listener on
        // loopback); Openfire, a child process, reaches it over TCP like any directory.
        try (TestRevocationServer revocation = TestRevocationServer.start();
             TestDirectory directory = "ldap".equals(profile) ? TestDirectory.start() : null) {
            final TestPki.Issued ca = TestPki.rootCa("boshcertauth E2E CA");
            final TestPki.Issued otherCa = TestPki.rootCa("boshcertauth E2E unknown CA");
            // Profile ldap: an AD CS issuing CA (DC-component DN) and a partner CA, both in the BOSH truststore.
            final TestPki.Issued corpCa = TestPki.certificate("Corp Issuing CA").subject(CORP_CA_DN).ca().build();
            final TestPki.Issued partnerCa = TestPki.rootCa("boshcertauth E2E Partner CA");
            final Map<String, ClientCertificate> certificates = directory == null
                ? certificates(ca, otherCa, revocation) : ldapCertificates(corpCa, partnerCa);

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
                case "ldap" -> ldapDirectory(builder, directory, corpCa, partnerCa);
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
                writeFiles(out, profile, openfire, certificates, directory);
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

    /**
     * Profile ldap's certificates, both AD CS smart-card shaped (UPN otherName SAN, smartcardLogon + clientAuth EKU,
     * DC-component subject DN, no xmppAddr): {@code ad-smartcard} from the corp CA, and {@code partner-staff-upn}, the
     * same UPN from a partner CA that {@code boshcertauth.identity.ca-restrictions} limits to its own domain.
     */
    private static Map<String, ClientCertificate> ldapCertificates(TestPki.Issued corpCa, TestPki.Issued partnerCa) {
        final Map<String, ClientCertificate> all = new LinkedHashMap<>();
        add(all, "ad-smartcard", "alice@localhost", "AD CS smart card, corp CA: UPN " + STAFF_UPN
            + ", smartcardLogon + clientAuth, DC-component DN, no xmppAddr", adSmartCard().issuedBy(corpCa).build());
        add(all, "partner-staff-upn", "alice@localhost", "the same staff UPN, issued by the partner CA",
            adSmartCard().issuedBy(partnerCa).build());
        return all;
    }

    private static TestPki.Builder adSmartCard() {
        return TestPki.certificate("Alice Example").subject("CN=Alice Example," + TestDirectory.USERS_DN).upn(STAFF_UPN)
            .extendedKeyUsage(TestPki.SMARTCARD_LOGON, KeyPurposeId.id_kp_clientAuth);
    }

    /**
     * Openfire with its users in the directory (as LdapCertificateLoginIT configures it) and the plugin mapping UPNs
     * through it: xmppAddr first (the default), then UPN looked up as userPrincipalName; smart-card EKUs accepted.
     */
    private static void ldapDirectory(OpenfireServer.Builder builder, TestDirectory directory, TestPki.Issued corpCa,
                                      TestPki.Issued partnerCa) throws LDAPException {
        directory.addUser("Alice Example", "alice", "userPrincipalName", STAFF_UPN, "mail", "alice@example.com");
        builder.noDefaultUsers()
            .property("provider.user.className", "org.jivesoftware.openfire.ldap.LdapUserProvider")
            .property("provider.auth.className", "org.jivesoftware.openfire.ldap.LdapAuthProvider")
            .property("ldap.host", "127.0.0.1")
            .property("ldap.port", String.valueOf(directory.port()))
            .property("ldap.sslEnabled", "false")
            .property("ldap.startTlsEnabled", "false")
            .property("ldap.baseDN", TestDirectory.BASE_DN)
            .property("ldap.adminDN", TestDirectory.BIND_DN)
            .property("ldap.adminPassword", TestDirectory.BIND_PASSWORD)
            .property("ldap.usernameField", "sAMAccountName")
            .property("ldap.nameField", "cn")
            .property("ldap.emailField", "mail")
            .property("ldap.searchFilter", "(objectClass=user)")
            .property("httpbind.client.cert.policy", "wanted")
            .property("boshcertauth.identity.sources", "xmppAddr, upn")
            .property("boshcertauth.identity.directory.attributes", "upn=userPrincipalName")
            .property("boshcertauth.certificate.accepted-ekus", "clientAuth, smartcardLogon")
            // The partner CA may use UPNs, but only for its own domain: the staff UPN maps to alice@localhost, which
            // it may not vouch for (CA_NOT_ALLOWED; with the source itself forbidden it would be NO_IDENTITY).
            .property("boshcertauth.identity.ca-restrictions",
                partnerCa.certificate().getSubjectX500Principal().getName() + " | upn | partner.example.com")
            .trustClientCertificate("corp-ca", corpCa.certificate())
            .trustClientCertificate("partner-ca", partnerCa.certificate());
    }

    private static void add(Map<String, ClientCertificate> all, String name, String jid, String description,
                            TestPki.Issued issued) {
        all.put(name, new ClientCertificate(name, jid, description, issued));
    }

    private static void writeFiles(Path out, String profile, OpenfireServer openfire,
                                   Map<String, ClientCertificate> certificates, TestDirectory directory) throws IOException {
        final StringBuilder json = new StringBuilder();
        json.append("{\n");
        json.append("  \"profile\": ").append(quote(profile)).append(",\n");
        json.append("  \"openfireVersion\": ").append(quote(openfire.version())).append(",\n");
        json.append("  \"home\": ").append(quote(openfire.home().toString())).append(",\n");
        json.append("  \"openfireLog\": ").append(quote(openfire.logsDir().resolve("openfire.log").toString())).append(",\n");
        json.append("  \"boshHttpsPort\": ").append(openfire.boshHttpsPort()).append(",\n");
        json.append("  \"boshHttpPort\": ").append(openfire.boshHttpPort()).append(",\n");
        if (directory != null) {
            json.append("  \"directory\": ").append(quote(directory.url() + " (UnboundID in-memory LDAP server, AD-shaped entries below "
                + TestDirectory.BASE_DN + ")")).append(",\n");
        }
        // Profile ldap has no users of Openfire's own (they are in the directory, and log in by certificate here).
        json.append("  \"users\": {").append("ldap".equals(profile) ? "" : "\"alice\": " + quote(openfire.password("alice"))).append("},\n");
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
