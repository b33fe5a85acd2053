package org.igniterealtime.openfire.plugin.boshcertauth.it;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestDirectory;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TrustAnythingTrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Element;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Server CPU per login on real Openfire: a certificate login (TLS with a client certificate, SASL EXTERNAL through the
 * plugin) against Openfire's own password logins, each a complete BOSH login (session creation, SASL, restart,
 * resource binding, terminate).
 *
 * <p>Kinds, so that like is compared with like:</p>
 * <ul>
 *   <li>each login on a NEW TLS connection (a full handshake, no session resumption): certificate + EXTERNAL, with an
 *       ECDSA P-256 and with an RSA 2048 client key (see {@link ClientKey});
 *       password (SCRAM-SHA-1 as Converse.js uses it, and PLAIN) without a client certificate; the same password
 *       logins by a client that presents its certificate (under {@code httpbind.client.cert.policy=wanted} a browser
 *       that holds one presents it on every connection, whatever mechanism the page then uses, so this is the same
 *       TLS cost as the certificate login's); and a session creation alone with and without a certificate;</li>
 *   <li>each login on a new TCP connection that RESUMES the client's TLS session (one SSLContext for the block, its
 *       session made by one untimed login; the block asserts that no full handshake happened), as a browser does
 *       when it opens another connection to a server it already has a TLS session with;</li>
 *   <li>each login over a KEPT-ALIVE connection (one HTTP client per block, its connection opened by one untimed login
 *       before the block; the block asserts that no further handshake happened), as browsers keep their BOSH
 *       connections: the handshake is then out of the per-login figure;</li>
 *   <li>the same on an Openfire whose users come from LDAP ({@code LdapUserProvider}/{@code LdapAuthProvider}
 *       against {@link TestDirectory}, as in {@link LdapCertificateLoginIT}): an AD CS smart-card certificate (UPN,
 *       no xmppAddr) mapped through the plugin's directory look-up ({@code userPrincipalName}), against a password
 *       login, for which Openfire binds to the directory (PLAIN only: LdapAuthProvider offers no SCRAM).</li>
 * </ul>
 *
 * <p>A measurement, run on request only ({@code -Dit.login-cpu=N}, N logins per kind after N/4 warm-up logins), since
 * its figures are what matters and a shared CI machine is no place for them. It reads Openfire's process CPU time
 * ({@link ProcessHandle.Info#totalCpuDuration()}: user + system of every thread of the server's JVM, so TLS, Jetty,
 * Openfire's BOSH code, GC and the plugin) before and after each block; the kinds run in alternating blocks so that
 * background work (timers, JIT, GC) falls on all of them alike. It asserts that every login of every kind succeeds as
 * the right user and that each connection kind really had the handshakes it claims; the CPU figures are reported, not
 * asserted (they depend on the machine and its load). The figures go to stdout and to {@code target/login-cpu.txt};
 * {@code -Dit.login-cpu.jfr=FILE} also records each server with Java Flight Recorder (FILE, and FILE with
 * {@code -ldap} before its extension for the LDAP server).</p>
 */
@ExtendWith(AttachOpenfireLogs.class)
class LoginCpuCostIT {

    private static final String PROPERTY = "it.login-cpu";
    private static final int BLOCK = 25;
    private static final String ISSUER_DN = "CN=Corp Issuing CA,DC=corp,DC=example,DC=com";

    private enum Mechanism { EXTERNAL, SCRAM_SHA_1, PLAIN, /** session creation, then terminate */ NONE }

    /**
     * The client certificate's key, or none. The key decides what the server's TLS stack pays in a full handshake: it
     * verifies the client's CertificateVerify signature with it, and an ECDSA P-256 verification costs JDK 17 a few
     * milliseconds, an RSA one a small fraction of that. AD CS templates and PIV smart cards issue RSA 2048 by default.
     */
    private enum ClientKey { NONE, EC_P256, RSA_2048 }

    /** How each login of a kind reaches the server. */
    private enum Connection {
        /** a new TCP connection with a full TLS handshake (no session to resume) */
        NEW,
        /**
         * a new TCP connection that resumes the client's TLS session (TLS 1.3 PSK), as a browser does when it opens
         * another connection to a server it has a session with: no certificate is sent or verified again
         */
        RESUMED,
        /** the connection of the previous login, kept alive as browsers keep their BOSH connection */
        KEPT_ALIVE
    }

    /** One kind of login: its mechanism, the certificate the client presents, and over which connection. */
    private record Kind(String name, Mechanism mechanism, ClientKey key, Connection connection) {
        static Kind newConnection(String name, Mechanism mechanism, ClientKey key) {
            return new Kind(name, mechanism, key, Connection.NEW);
        }

        static Kind resumed(String name, Mechanism mechanism, ClientKey key) {
            return new Kind("resumed TLS session: " + name, mechanism, key, Connection.RESUMED);
        }

        static Kind keptAlive(String name, Mechanism mechanism, ClientKey key) {
            return new Kind("kept-alive: " + name, mechanism, key, Connection.KEPT_ALIVE);
        }

        boolean presentsCertificate() {
            return key != ClientKey.NONE;
        }
    }

    /** A server under measurement with the certificates and users its kinds log in with. */
    private record Bed(String label, OpenfireServer openfire, Map<ClientKey, TestPki.Issued> certificates, String certificateUser,
                       Map<String, String> passwords, List<Kind> kinds) {}

    private static int logins;

    @BeforeAll
    static void measurementRequested() {
        logins = Integer.getInteger(PROPERTY, 0);
        assumeTrue(logins > 0, "a measurement: run with -D" + PROPERTY + "=N (N logins per kind, e.g. 400)");
    }

    @Test
    void serverCpuPerLoginWithOpenfiresOwnUsers() throws Exception {
        // Setup
        final TestPki.Issued ca = TestPki.rootCa("boshcertauth CPU IT CA");
        final TestPki.Issued alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(ca).build();
        final TestPki.Issued rsaCa = TestPki.certificate("boshcertauth CPU IT RSA CA").rsa(2048).ca().build();
        final TestPki.Issued aliceRsa = TestPki.certificate("alice").xmppAddr("alice@localhost").rsa(2048).issuedBy(rsaCa).build();
        final OpenfireServer.Builder builder = OpenfireServer.builder()
            .property("httpbind.client.cert.policy", "wanted")
            .trustClientCertificate("boshcertauth-cpu-it-ca", ca.certificate())
            .trustClientCertificate("boshcertauth-cpu-it-rsa-ca", rsaCa.certificate());
        recordWithJfr(builder, "");
        try (OpenfireServer openfire = builder.start()) {
            final List<Kind> kinds = List.of(
                Kind.newConnection("certificate (P-256) + EXTERNAL", Mechanism.EXTERNAL, ClientKey.EC_P256),
                Kind.newConnection("certificate (RSA 2048) + EXTERNAL", Mechanism.EXTERNAL, ClientKey.RSA_2048),
                Kind.newConnection("password + SCRAM-SHA-1", Mechanism.SCRAM_SHA_1, ClientKey.NONE),
                Kind.newConnection("password + PLAIN", Mechanism.PLAIN, ClientKey.NONE),
                Kind.newConnection("password + SCRAM-SHA-1, P-256 certificate presented", Mechanism.SCRAM_SHA_1, ClientKey.EC_P256),
                Kind.newConnection("password + SCRAM-SHA-1, RSA 2048 certificate presented", Mechanism.SCRAM_SHA_1, ClientKey.RSA_2048),
                Kind.newConnection("password + PLAIN, P-256 certificate presented", Mechanism.PLAIN, ClientKey.EC_P256),
                Kind.newConnection("session creation only, P-256 certificate", Mechanism.NONE, ClientKey.EC_P256),
                Kind.newConnection("session creation only, RSA 2048 certificate", Mechanism.NONE, ClientKey.RSA_2048),
                Kind.newConnection("session creation only, no certificate", Mechanism.NONE, ClientKey.NONE),
                Kind.resumed("certificate + EXTERNAL", Mechanism.EXTERNAL, ClientKey.EC_P256),
                Kind.resumed("password + SCRAM-SHA-1", Mechanism.SCRAM_SHA_1, ClientKey.NONE),
                Kind.resumed("password + PLAIN", Mechanism.PLAIN, ClientKey.NONE),
                Kind.keptAlive("certificate + EXTERNAL", Mechanism.EXTERNAL, ClientKey.EC_P256),
                Kind.keptAlive("password + SCRAM-SHA-1", Mechanism.SCRAM_SHA_1, ClientKey.NONE),
                Kind.keptAlive("password + PLAIN", Mechanism.PLAIN, ClientKey.NONE),
                Kind.keptAlive("password + SCRAM-SHA-1, certificate presented", Mechanism.SCRAM_SHA_1, ClientKey.EC_P256),
                // what a session costs the server because of its certificate, without any TLS handshake
                Kind.keptAlive("session creation only, certificate", Mechanism.NONE, ClientKey.EC_P256),
                Kind.keptAlive("session creation only, no certificate", Mechanism.NONE, ClientKey.NONE));
            // a password login with the certificate presented logs in as the certificate's user: under the default
            // enforcement (CERTIFICATE_IDENTITY) a certificate session may only become the identity it names
            final Bed bed = new Bed("Openfire's own users", openfire, Map.of(ClientKey.EC_P256, alice, ClientKey.RSA_2048, aliceRsa), "alice",
                Map.of("alice", openfire.password("alice"), "bob", openfire.password("bob")), kinds);

            // Execute, Verify (every login succeeded) and Report
            measure(bed, "login-cpu.txt");
        }
    }

    @Test
    void serverCpuPerLoginWithLdapUsersAndDirectoryMapping() throws Exception {
        // Setup: as LdapCertificateLoginIT, alice with a password in the directory
        final TestPki.Issued corpCa = TestPki.certificate("Corp Issuing CA").subject(ISSUER_DN).ca().build();
        final TestPki.Issued smartCard = TestPki.certificate("Alice Example").subject("CN=Alice Example,OU=Staff," + TestDirectory.BASE_DN)
            .upn("a.example@corp.example.com").extendedKeyUsage(TestPki.SMARTCARD_LOGON, KeyPurposeId.id_kp_clientAuth)
            .issuedBy(corpCa).build();
        // AD CS's own defaults: an RSA 2048 CA and an RSA 2048 smart-card key
        final TestPki.Issued corpRsaCa = TestPki.certificate("Corp RSA Issuing CA").subject("CN=Corp RSA Issuing CA,DC=corp,DC=example,DC=com")
            .rsa(2048).ca().build();
        final TestPki.Issued rsaSmartCard = TestPki.certificate("Alice Example").subject("CN=Alice Example,OU=Staff," + TestDirectory.BASE_DN)
            .upn("a.example@corp.example.com").extendedKeyUsage(TestPki.SMARTCARD_LOGON, KeyPurposeId.id_kp_clientAuth)
            .rsa(2048).issuedBy(corpRsaCa).build();
        try (TestDirectory directory = TestDirectory.start()) {
            directory.addUser("Alice Example", "alice", "userPrincipalName", "a.example@corp.example.com", "userPassword", "alice-secret");
            directory.addUser("Bob", "bob", "userPrincipalName", "bob@corp.example.com", "userPassword", "bob-secret");
            final OpenfireServer.Builder builder = OpenfireServer.builder()
                .noDefaultUsers()
                .property("autosetup.authprovider.mode", "ldap") // see LdapCertificateLoginIT (OF-3297)
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
                .property("ldap.searchFilter", "(objectClass=user)")
                .property("httpbind.client.cert.policy", "wanted")
                .property("boshcertauth.identity.sources", "xmppAddr, upn")
                .property("boshcertauth.identity.directory.attributes", "upn=userPrincipalName")
                .property("boshcertauth.certificate.accepted-ekus", "clientAuth, smartcardLogon")
                .trustClientCertificate("corp-ca", corpCa.certificate())
                .trustClientCertificate("corp-rsa-ca", corpRsaCa.certificate());
            recordWithJfr(builder, "-ldap");
            try (OpenfireServer openfire = builder.start()) {
                final List<Kind> kinds = List.of(
                    Kind.newConnection("certificate (P-256, UPN, directory mapping) + EXTERNAL", Mechanism.EXTERNAL, ClientKey.EC_P256),
                    Kind.newConnection("certificate (RSA 2048, UPN, directory mapping) + EXTERNAL", Mechanism.EXTERNAL, ClientKey.RSA_2048),
                    Kind.newConnection("LDAP password + PLAIN", Mechanism.PLAIN, ClientKey.NONE),
                    Kind.newConnection("LDAP password + PLAIN, P-256 certificate presented", Mechanism.PLAIN, ClientKey.EC_P256),
                    Kind.newConnection("LDAP password + PLAIN, RSA 2048 certificate presented", Mechanism.PLAIN, ClientKey.RSA_2048),
                    Kind.resumed("certificate (UPN, directory mapping) + EXTERNAL", Mechanism.EXTERNAL, ClientKey.EC_P256),
                    Kind.resumed("LDAP password + PLAIN", Mechanism.PLAIN, ClientKey.NONE),
                    Kind.keptAlive("certificate (UPN, directory mapping) + EXTERNAL", Mechanism.EXTERNAL, ClientKey.EC_P256),
                    Kind.keptAlive("LDAP password + PLAIN", Mechanism.PLAIN, ClientKey.NONE),
                    Kind.keptAlive("LDAP password + PLAIN, certificate presented", Mechanism.PLAIN, ClientKey.EC_P256));
                final Bed bed = new Bed("LDAP users (LdapUserProvider/LdapAuthProvider), directory mapping on", openfire,
                    Map.of(ClientKey.EC_P256, smartCard, ClientKey.RSA_2048, rsaSmartCard),
                    "alice", Map.of("alice", "alice-secret", "bob", "bob-secret"), kinds);

                // Execute, Verify (every login succeeded) and Report
                measure(bed, "login-cpu-ldap.txt");
            }
        }
    }

    private static void recordWithJfr(OpenfireServer.Builder builder, String suffix) {
        final String recording = System.getProperty(PROPERTY + ".jfr", "");
        if (recording.isBlank()) {
            return;
        }
        final String file = Path.of(recording).toAbsolutePath().toString();
        final int dot = file.lastIndexOf('.');
        final String named = dot > file.lastIndexOf('/') ? file.substring(0, dot) + suffix + file.substring(dot) : file + suffix;
        // stacks deep enough to reach the servlet filters under Jetty's and Openfire's frames (JFR's default is 64)
        builder.jvmArgument("-XX:FlightRecorderOptions:stackdepth=512");
        // where the server's CPU goes: jfr print --events jdk.ExecutionSample FILE
        builder.jvmArgument("-XX:StartFlightRecording=filename=" + named + ",settings=profile");
    }

    private static void measure(Bed bed, String reportFile) throws Exception {
        // Setup: warm-up (JIT, caches: the plugin's verdict and directory caches, Openfire's user and roster caches)
        final int blocks = Math.max(1, logins / BLOCK);
        for (Kind kind : bed.kinds()) {
            runBlock(bed, kind, Math.max(BLOCK, logins / 4));
        }

        // Execute: alternating blocks, CPU and wall time per block
        final Map<Kind, Duration> cpu = new LinkedHashMap<>();
        final Map<Kind, Duration> wall = new LinkedHashMap<>();
        final Map<Kind, List<Double>> perBlock = new LinkedHashMap<>();
        final Map<Kind, Duration> sasl = new LinkedHashMap<>();
        final List<String> loads = new ArrayList<>();
        for (int block = 0; block < blocks; block++) {
            loads.add(loadAverage());
            for (Kind kind : bed.kinds()) {
                final Duration[] spent = runBlock(bed, kind, BLOCK);
                cpu.merge(kind, spent[0], Duration::plus);
                sasl.merge(kind, spent[2], Duration::plus);
                perBlock.computeIfAbsent(kind, k -> new ArrayList<>()).add(spent[0].toNanos() / 1e6 / BLOCK);
                wall.merge(kind, spent[1], Duration::plus);
            }
        }
        loads.add(loadAverage());

        // Report
        final int measured = blocks * BLOCK;
        final StringBuilder report = new StringBuilder("Server CPU per login, Openfire " + bed.openfire().version() + ", "
            + bed.label() + ", " + measured + " logins per kind, " + Runtime.getRuntime().availableProcessors()
            + " cores, load average (1 min) during the run " + String.join(" ", loads) + ":\n");
        for (Kind kind : bed.kinds()) {
            // the spread of the blocks' figures shows how much the machine's other work moved them
            final List<Double> blocksCpu = perBlock.get(kind);
            report.append(String.format(Locale.ROOT, "  %-66s %7.2f ms CPU (blocks %.1f-%.1f)  %7.2f ms SASL step  %7.2f ms wall%n",
                kind.name(), cpu.get(kind).toNanos() / 1e6 / measured, Collections.min(blocksCpu), Collections.max(blocksCpu),
                sasl.get(kind).toNanos() / 1e6 / measured, wall.get(kind).toNanos() / 1e6 / measured));
        }
        System.out.print(report);
        Files.writeString(Path.of("target", reportFile), report);
    }

    /**
     * {@code count} logins of one kind; returns the server's CPU time, the wall time they took and the server's CPU
     * time within their SASL steps. A kept-alive block first opens its connection, a resumed one its TLS session, with
     * an untimed login.
     */
    private static Duration[] runBlock(Bed bed, Kind kind, int count) throws Exception {
        final ConnectionFactory connections = new ConnectionFactory(bed.certificates().get(kind.key()), kind.connection() == Connection.RESUMED);
        final HttpClient kept = kind.connection() == Connection.KEPT_ALIVE ? connections.newClient() : null;
        if (kind.connection() != Connection.NEW) {
            login(bed, kind, kept != null ? kept : connections.newClient());
        }
        final int handshakesBefore = connections.handshakes();
        final Duration cpuBefore = serverCpu(bed.openfire());
        final long wallBefore = System.nanoTime();
        Duration saslCpu = Duration.ZERO;
        for (int i = 0; i < count; i++) {
            saslCpu = saslCpu.plus(login(bed, kind, kept != null ? kept : connections.newClient()));
        }
        final Duration[] spent = {serverCpu(bed.openfire()).minus(cpuBefore), Duration.ofNanos(System.nanoTime() - wallBefore), saslCpu};
        // Verify: the connection kind is what it claims (the server asks every client for a certificate under "wanted")
        assertEquals(kind.connection() == Connection.NEW ? count : 0, connections.handshakes() - handshakesBefore, kind + ": full TLS handshakes");
        return spent;
    }

    private static Duration serverCpu(OpenfireServer openfire) {
        return openfire.processHandle().orElseThrow().info().totalCpuDuration().orElseThrow();
    }

    /**
     * One complete login; returns the server's CPU time in its SASL step alone (from the first SASL request until the
     * success arrived: the mechanism's own work, with the identity mapping and the audit row for a certificate). The
     * process CPU clock ticks in 10-ms steps, so one step's figure is coarse, but the rounding is unbiased and the
     * per-login mean over hundreds of logins is good to a fraction of a millisecond.
     */
    private static Duration login(Bed bed, Kind kind, HttpClient http) throws Exception {
        try (BoshClient bosh = BoshClient.builder(bed.openfire().boshHttpsUri()).httpClient(http).build()) {
            bosh.createSession();
            if (kind.mechanism() == Mechanism.NONE) {
                assertEquals(kind.presentsCertificate(), bosh.mechanisms().equals(List.of("EXTERNAL")), kind + ": " + bosh.mechanisms());
                bosh.terminate();
                return Duration.ZERO;
            }
            final String user = kind.presentsCertificate() ? bed.certificateUser() : "bob";
            final Duration saslBefore = serverCpu(bed.openfire());
            final boolean success = switch (kind.mechanism()) {
                case EXTERNAL -> bosh.authExternal(null).success();
                case SCRAM_SHA_1 -> scramSha1(bosh, user, bed.passwords().get(user));
                case PLAIN -> bosh.authPlain(user, bed.passwords().get(user)).success();
                case NONE -> throw new IllegalStateException(kind.toString());
            };
            final Duration saslCpu = serverCpu(bed.openfire()).minus(saslBefore);
            assertTrue(success, kind + " login failed");
            bosh.restart();
            assertEquals(user + "@localhost/cpu", bosh.bindResource("cpu"));
            bosh.terminate();
            return saslCpu;
        }
    }

    /**
     * HTTP clients of one kind, each with an SSLContext of its own (so no TLS session is resumed across clients) or,
     * for resumed sessions, all with one (whose session cache resumes), that count full handshakes: under
     * {@code wanted} the server asks every client for a certificate in each full handshake, and the client's key
     * manager is asked to choose one (a resumed session asks nothing).
     */
    private static final class ConnectionFactory {
        private final TestPki.Issued certificateOrNull;
        private final boolean resume;
        private final Set<Object> handshakes = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        private SSLContext shared;

        ConnectionFactory(TestPki.Issued certificateOrNull, boolean resume) {
            this.certificateOrNull = certificateOrNull;
            this.resume = resume;
        }

        int handshakes() {
            return handshakes.size();
        }

        HttpClient newClient() throws GeneralSecurityException, IOException {
            if (shared == null || !resume) {
                shared = newSslContext();
            }
            return HttpClient.newBuilder().sslContext(shared).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        }

        private SSLContext newSslContext() throws GeneralSecurityException, IOException {
            final char[] password = "changeit".toCharArray();
            final KeyStore keys;
            if (certificateOrNull != null) {
                keys = TestPki.keyStore(certificateOrNull, password);
            } else {
                keys = KeyStore.getInstance("PKCS12");
                keys.load(null, password);
            }
            final KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password);
            final SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(new KeyManager[]{new CountingKeyManager((X509ExtendedKeyManager) factory.getKeyManagers()[0], handshakes)},
                new TrustManager[]{new TrustAnythingTrustManager()}, new SecureRandom());
            return ssl;
        }
    }

    /**
     * Counts the connections whose handshake carried a certificate request, i.e. the full handshakes (JSSE may ask
     * once per key type in one handshake, so connections are counted, not calls).
     */
    private static final class CountingKeyManager extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager delegate;
        private final Set<Object> connections;

        CountingKeyManager(X509ExtendedKeyManager delegate, Set<Object> connections) {
            this.delegate = delegate;
            this.connections = connections;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            connections.add(engine);
            return delegate.chooseEngineClientAlias(keyType, issuers, engine);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            connections.add(socket);
            return delegate.chooseClientAlias(keyType, issuers, socket);
        }

        @Override public String[] getClientAliases(String keyType, Principal[] issuers) { return delegate.getClientAliases(keyType, issuers); }
        @Override public String[] getServerAliases(String keyType, Principal[] issuers) { return delegate.getServerAliases(keyType, issuers); }
        @Override public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) { return delegate.chooseServerAlias(keyType, issuers, socket); }
        @Override public X509Certificate[] getCertificateChain(String alias) { return delegate.getCertificateChain(alias); }
        @Override public PrivateKey getPrivateKey(String alias) { return delegate.getPrivateKey(alias); }
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    /** SASL SCRAM-SHA-1 (RFC 5802) without channel binding, as Converse.js and Strophe.js do it over BOSH. */
    private static boolean scramSha1(BoshClient bosh, String username, String password) throws IOException, InterruptedException, GeneralSecurityException {
        final byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        final String clientNonce = Base64.getEncoder().encodeToString(random);
        final String clientFirstBare = "n=" + username + ",r=" + clientNonce;
        BoshClient.BoshResponse response = bosh.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>"
            + base64("n,," + clientFirstBare) + "</auth>");
        final Element challenge = saslElement(bosh, response, "challenge");
        final String serverFirst = new String(Base64.getDecoder().decode(challenge.getTextContent().trim()), StandardCharsets.UTF_8);
        final Map<String, String> attributes = new HashMap<>();
        for (String part : serverFirst.split(",")) {
            attributes.put(part.substring(0, 1), part.substring(2));
        }
        final String nonce = attributes.get("r");
        final byte[] salt = Base64.getDecoder().decode(attributes.get("s"));
        final int iterations = Integer.parseInt(attributes.get("i"));
        final byte[] saltedPassword = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1")
            .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 160)).getEncoded();
        final byte[] clientKey = hmac(saltedPassword, "Client Key");
        final byte[] storedKey = MessageDigest.getInstance("SHA-1").digest(clientKey);
        final String clientFinalWithoutProof = "c=biws,r=" + nonce;
        final byte[] signature = hmac(storedKey, clientFirstBare + "," + serverFirst + "," + clientFinalWithoutProof);
        final byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        response = bosh.send("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
            + base64(clientFinalWithoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)) + "</response>");
        return "success".equals(saslElement(bosh, response, null).getLocalName());
    }

    /** The SASL element of {@code response} (or of the next polls): {@code wanted}, or success/failure when null. */
    private static Element saslElement(BoshClient bosh, BoshClient.BoshResponse response, String wanted) throws IOException, InterruptedException {
        final Predicate<BoshClient.BoshResponse> has = r -> r.payload().stream()
            .anyMatch(e -> wanted == null ? r.saslOutcome().isPresent() : wanted.equals(e.getLocalName()) || "failure".equals(e.getLocalName()));
        final BoshClient.BoshResponse answer = has.test(response) ? response : bosh.pollUntil(has, Duration.ofSeconds(30));
        return answer.payload().stream()
            .filter(e -> wanted == null ? e.getLocalName().equals("success") || e.getLocalName().equals("failure") : wanted.equals(e.getLocalName()))
            .findFirst().orElseThrow(() -> new IOException("SCRAM-SHA-1 failed: " + answer.text()));
    }

    private static byte[] hmac(byte[] key, String message) throws GeneralSecurityException {
        final Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "HmacSHA1"));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
