package org.igniterealtime.openfire.plugin.boshcertauth.it;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Element;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Server CPU per login on real Openfire: a certificate login (TLS with a client certificate, SASL EXTERNAL through the
 * plugin) against Openfire's own password logins (TLS without one, SCRAM-SHA-1 as Converse.js uses it, and PLAIN), each a
 * complete BOSH login on a new TLS connection (session creation, SASL, restart, resource binding, terminate); and, to
 * separate what TLS client authentication adds, a session creation alone with and without a client certificate.
 *
 * <p>A measurement, run on request only ({@code -Dit.login-cpu=N}, N logins per kind after N/4 warm-up logins), since
 * its figures are what matters and a shared CI machine is no place for them. It reads Openfire's process CPU time
 * ({@link ProcessHandle.Info#totalCpuDuration()}: user + system of every thread of the server's JVM, so TLS, Jetty,
 * Openfire's BOSH code, GC and the plugin) before and after each block; the kinds run in alternating blocks so that
 * background work (timers, JIT, GC) falls on all of them alike. It asserts that every login of every kind succeeds as
 * the right user; the CPU figures are reported, not asserted (they depend on the machine and its load, and a
 * certificate login pays for TLS client authentication that a password login does not). The figures go to stdout and to
 * {@code target/login-cpu.txt}; {@code -Dit.login-cpu.jfr=FILE} also records the server with Java Flight Recorder.</p>
 */
@ExtendWith(AttachOpenfireLogs.class)
class LoginCpuCostIT {

    private static final String PROPERTY = "it.login-cpu";
    private static final int BLOCK = 25;

    private enum Kind {
        CERTIFICATE_EXTERNAL, PASSWORD_SCRAM_SHA_1, PASSWORD_PLAIN,
        /** Only a new TLS connection and the BOSH session creation, with and without a client certificate: what TLS client authentication (and the plugin's look at the certificate there) adds before any SASL. */
        SESSION_ONLY_WITH_CERTIFICATE, SESSION_ONLY_WITHOUT_CERTIFICATE
    }

    private static OpenfireServer openfire;
    private static TestPki.Issued alice;
    private static int logins;

    @BeforeAll
    static void startOpenfire() throws Exception {
        logins = Integer.getInteger(PROPERTY, 0);
        assumeTrue(logins > 0, "a measurement: run with -D" + PROPERTY + "=N (N logins per kind, e.g. 400)");
        final TestPki.Issued ca = TestPki.rootCa("boshcertauth CPU IT CA");
        alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(ca).build();
        final OpenfireServer.Builder builder = OpenfireServer.builder()
            .property("httpbind.client.cert.policy", "wanted")
            .trustClientCertificate("boshcertauth-cpu-it-ca", ca.certificate());
        final String recording = System.getProperty(PROPERTY + ".jfr", "");
        if (!recording.isBlank()) {
            // where the server's CPU goes: jfr print --events jdk.ExecutionSample FILE
            builder.jvmArgument("-XX:StartFlightRecording=filename=" + Path.of(recording).toAbsolutePath() + ",settings=profile");
        }
        openfire = builder.start();
    }

    @AfterAll
    static void stopOpenfire() {
        if (openfire != null) {
            openfire.close();
        }
    }

    @Test
    void serverCpuPerLoginForCertificateAndPasswordLogins() throws Exception {
        // Setup: warm-up (JIT, caches: the plugin's verdict cache, Openfire's user and roster caches)
        final int blocks = Math.max(1, logins / BLOCK);
        for (Kind kind : Kind.values()) {
            for (int i = 0; i < Math.max(BLOCK, logins / 4); i++) {
                login(kind);
            }
        }

        // Execute: alternating blocks, CPU and wall time per block
        final Map<Kind, Duration> cpu = new EnumMap<>(Kind.class);
        final Map<Kind, Duration> wall = new EnumMap<>(Kind.class);
        for (int block = 0; block < blocks; block++) {
            for (Kind kind : Kind.values()) {
                final Duration cpuBefore = serverCpu();
                final long wallBefore = System.nanoTime();
                for (int i = 0; i < BLOCK; i++) {
                    login(kind);
                }
                cpu.merge(kind, serverCpu().minus(cpuBefore), Duration::plus);
                wall.merge(kind, Duration.ofNanos(System.nanoTime() - wallBefore), Duration::plus);
            }
        }

        // Report
        final int measured = blocks * BLOCK;
        final StringBuilder report = new StringBuilder("Server CPU per login, Openfire " + openfire.version() + ", "
            + measured + " logins per kind, " + Runtime.getRuntime().availableProcessors() + " cores, load "
            + Files.readString(Path.of("/proc/loadavg")).split(" ")[0] + ":\n");
        for (Kind kind : Kind.values()) {
            report.append(String.format(Locale.ROOT, "  %-22s %7.3f ms CPU  %7.3f ms wall%n", kind,
                cpu.get(kind).toNanos() / 1e6 / measured, wall.get(kind).toNanos() / 1e6 / measured));
        }
        System.out.print(report);
        Files.writeString(Path.of("target", "login-cpu.txt"), report);
    }

    private static Duration serverCpu() {
        return openfire.processHandle().orElseThrow().info().totalCpuDuration().orElseThrow();
    }

    private static void login(Kind kind) throws Exception {
        final boolean withCertificate = kind == Kind.CERTIFICATE_EXTERNAL || kind == Kind.SESSION_ONLY_WITH_CERTIFICATE;
        try (BoshClient bosh = BoshClient.builder(openfire.boshHttpsUri()).clientCertificate(withCertificate ? alice : null).build()) {
            bosh.createSession();
            if (kind == Kind.SESSION_ONLY_WITH_CERTIFICATE || kind == Kind.SESSION_ONLY_WITHOUT_CERTIFICATE) {
                assertEquals(withCertificate, bosh.mechanisms().equals(java.util.List.of("EXTERNAL")), kind + ": " + bosh.mechanisms());
                bosh.terminate();
                return;
            }
            final boolean success = switch (kind) {
                case CERTIFICATE_EXTERNAL -> bosh.authExternal(null).success();
                case PASSWORD_SCRAM_SHA_1 -> scramSha1(bosh, "bob", openfire.password("bob"));
                case PASSWORD_PLAIN -> bosh.authPlain("bob", openfire.password("bob")).success();
                default -> throw new IllegalStateException(kind.toString());
            };
            assertTrue(success, kind + " login failed");
            bosh.restart();
            assertEquals(kind == Kind.CERTIFICATE_EXTERNAL ? "alice@localhost/cpu" : "bob@localhost/cpu", bosh.bindResource("cpu"));
            bosh.terminate();
        }
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
        final Map<String, String> attributes = new java.util.HashMap<>();
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
        final java.util.function.Predicate<BoshClient.BoshResponse> has = r -> r.payload().stream()
            .anyMatch(e -> wanted == null ? r.saslOutcome().isPresent() : wanted.equals(e.getLocalName()) || "failure".equals(e.getLocalName()));
        final BoshClient.BoshResponse answer = has.test(response) ? response : bosh.pollUntil(has, Duration.ofSeconds(30));
        final Element element = answer.payload().stream()
            .filter(e -> wanted == null ? e.getLocalName().equals("success") || e.getLocalName().equals("failure") : wanted.equals(e.getLocalName()))
            .findFirst().orElseThrow(() -> new IOException("SCRAM-SHA-1 failed: " + answer.text()));
        return element;
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
