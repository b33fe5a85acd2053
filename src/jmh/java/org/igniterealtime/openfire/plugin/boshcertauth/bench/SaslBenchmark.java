package org.igniterealtime.openfire.plugin.boshcertauth.bench;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AttemptLog;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AuditTrail;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.config.BoshClientCertPolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.config.PluginConfiguration;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateSaslServerFactory;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateSaslSession;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.MechanismEnforcement;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.MechanismOffer;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.SaslEnvironment;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.xmpp.packet.JID;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import javax.security.sasl.SaslServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One login's SASL work. {@link #external}: our EXTERNAL server through the factory (as Openfire's
 * {@code Sasl.createSaslServer} reaches it) with a fake environment, certificate verdict warm in the cache (the BOSH
 * filter judged the chain when the session was created). Against it, SCRAM-SHA-1 as Openfire's ScramSha1SaslServer
 * computes it: {@link #scramSha1ServerProof} is the server's per-login work when the user's StoredKey/ServerKey are
 * stored (two HMAC-SHA-1 and one SHA-1); {@link #scramSha1KeyDerivation} adds the PBKDF2-HMAC-SHA1 (4096 iterations,
 * 20-byte key) that derives those keys from the password — done by every client per login, and by the server whenever
 * it must derive the keys from the password.
 */
public class SaslBenchmark extends BenchmarkSettings {

    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();
    private static final byte[] SALT = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String AUTH_MESSAGE = "n=alice,r=fyko+d2lbbFgONRv9qkxdawL,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,"
        + "s=QSXCR+Q6sek8bf92,i=4096,c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j";

    private CertificateSaslServerFactory factory;
    private Map<String, Object> props;
    private byte[] storedKey;
    private byte[] serverKey;

    @Setup
    public void setUp() throws Exception {
        final CertificatePolicy policy = BenchPki.policy(RevocationMode.OFF);
        final PluginRuntime runtime = new PluginRuntime(new PluginConfiguration(policy, BoshClientCertPolicy.WANTED,
            MechanismOffer.EXTERNAL_ONLY, MechanismEnforcement.CERTIFICATE_IDENTITY, true, 100, null, List.of(), List.of()),
            new CertificateVerifier(policy, new RevocationService(), Clock.systemUTC()));
        final CertificateSaslSession session = new CertificateSaslSession("stream-1", "127.0.0.1", true,
            List.of(BenchPki.tlsChain()), () -> false);
        final SaslEnvironment environment = new SaslEnvironment() {
            @Override public Optional<CertificateSaslSession> boshSession(Map<String, ?> saslProperties) { return Optional.of(session); }
            @Override public boolean userExists(JID jid) { return true; }
            @Override public boolean accountDisabled(String username) { return false; }
        };
        factory = new CertificateSaslServerFactory(List.of("EXTERNAL", "SCRAM-SHA-1", "PLAIN"), () -> runtime, environment,
            new AuditTrail(new AttemptLog(100), (user, summary, details) -> { }), Clock.systemUTC(), () -> "localhost");
        props = Map.of();
        final byte[] salted = saltedPassword();
        storedKey = MessageDigest.getInstance("SHA-1").digest(hmac(salted, "Client Key"));
        serverKey = hmac(salted, "Server Key");
        if (!"alice".equals(external())) {
            throw new IllegalStateException("EXTERNAL did not log alice in");
        }
    }

    @Benchmark
    public String external() throws Exception {
        final SaslServer server = factory.createSaslServer("EXTERNAL", "xmpp", "localhost", props, null);
        server.evaluateResponse(new byte[0]);            // Strophe.js: empty <auth/>, answered by an empty challenge
        server.evaluateResponse(new byte[0]);            // empty response: no authzid
        return server.isComplete() ? server.getAuthorizationID() : null;
    }

    @Benchmark
    public byte[] scramSha1ServerProof() throws Exception {
        return serverProof(storedKey, serverKey);
    }

    @Benchmark
    public byte[] scramSha1KeyDerivation() throws Exception {
        final byte[] salted = saltedPassword();
        final byte[] stored = MessageDigest.getInstance("SHA-1").digest(hmac(salted, "Client Key"));
        return serverProof(stored, hmac(salted, "Server Key"));
    }

    private static byte[] saltedPassword() throws Exception {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1")
            .generateSecret(new PBEKeySpec(PASSWORD, SALT, 4096, 160)).getEncoded();
    }

    /** What ScramSha1SaslServer does with the client's final message: both signatures and the proof check. */
    private static byte[] serverProof(byte[] storedKey, byte[] serverKey) throws Exception {
        final byte[] clientSignature = hmac(storedKey, AUTH_MESSAGE);
        final byte[] serverSignature = hmac(serverKey, AUTH_MESSAGE);
        final byte[] clientKey = clientSignature.clone();   // a real proof XORs to the ClientKey; the cost is the same
        MessageDigest.isEqual(storedKey, MessageDigest.getInstance("SHA-1").digest(clientKey));
        return serverSignature;
    }

    private static byte[] hmac(byte[] key, String text) throws Exception {
        final Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "HmacSHA1"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }
}
