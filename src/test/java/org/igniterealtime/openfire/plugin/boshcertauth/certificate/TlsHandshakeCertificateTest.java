package org.igniterealtime.openfire.plugin.boshcertauth.certificate;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.RevocationTestBed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.net.InetAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Certificates as they arrive through a real TLS handshake ({@code SSLSocket.getSession().getPeerCertificates()} on a
 * loopback server that needs client authentication), judged by the verifier — the objects a servlet container hands
 * over, with whatever chain the client's key manager sends.
 */
class TlsHandshakeCertificateTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private RevocationTestBed bed;
    private TestPki.Issued root;
    private TestPki.Issued intermediate;

    @BeforeEach
    void createPki() {
        bed = RevocationTestBed.start("TLS Root");
        root = bed.root();
        intermediate = TestPki.certificate("TLS Intermediate").ca().issuedBy(root).crlDistributionPoint(bed.server().crlUrl(root)).build();
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    /** Runs one handshake with {@code client}'s key and chain and returns the chain the server saw. */
    private List<X509Certificate> peerCertificatesAfterHandshake(TestPki.Issued client) throws Exception {
        final TestPki.Issued serverCertificate = TestPki.certificate("localhost").dnsName("localhost")
            .extendedKeyUsage(KeyPurposeId.id_kp_serverAuth).issuedBy(root).build();
        final SSLContext serverContext = context(serverCertificate, new AcceptAnyClient());
        final TrustManagerFactory clientTrust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        clientTrust.init(TestPki.trustStore(root.certificate()));
        final SSLContext clientContext = context(client, clientTrust.getTrustManagers()[0]);

        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            final CompletableFuture<Certificate[]> seen = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.startHandshake();
                    final Certificate[] peer = accepted.getSession().getPeerCertificates();
                    accepted.getOutputStream().write(1);
                    accepted.getOutputStream().flush();
                    return peer;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                socket.startHandshake();
                assertEquals(1, socket.getInputStream().read());
            }
            final List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : seen.get(30, TimeUnit.SECONDS)) {
                chain.add((X509Certificate) certificate);
            }
            return chain;
        }
    }

    private static SSLContext context(TestPki.Issued identity, TrustManager trustManager) throws Exception {
        final KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(TestPki.keyStore(identity, PASSWORD), PASSWORD);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), new TrustManager[] { trustManager }, null);
        return context;
    }

    /** The server lets every client certificate through the handshake: judging it is the verifier's job. */
    private static final class AcceptAnyClient implements X509TrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("server side only");
        }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }

    private CertificateVerifier verifier(RevocationMode mode) {
        return new CertificateVerifier(CertificatePolicy.builder().trust(Set.of(root.certificate()))
            .domains(Set.of("localhost")).revocationMode(mode).build(), bed.revocation(), bed.clock());
    }

    @Test
    void handshakeChainViaIntermediateLogsIn() throws Exception {
        // Setup
        final TestPki.Issued alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(intermediate)
            .crlDistributionPoint(bed.server().crlUrl(intermediate)).build();
        final List<X509Certificate> chain = peerCertificatesAfterHandshake(alice);
        // Execute
        final Verdict verdict = verifier(RevocationMode.HARD_FAIL).authenticate(chain, null);
        // Verify
        assertEquals(2, chain.size(), "the client sent leaf and intermediate");
        assertTrue(verdict.isSuccess(), verdict::toString);
        assertEquals(new JID("alice@localhost"), verdict.jid());
    }

    @Test
    void handshakeChainWithRevokedLeafIsRefused() throws Exception {
        final TestPki.Issued mallory = TestPki.certificate("mallory").xmppAddr("mallory@localhost").issuedBy(intermediate)
            .crlDistributionPoint(bed.server().crlUrl(intermediate)).build();
        bed.server().revoke(mallory.certificate());
        final List<X509Certificate> chain = peerCertificatesAfterHandshake(mallory);

        final Verdict verdict = verifier(RevocationMode.SOFT_FAIL).authenticate(chain, "mallory@localhost");

        assertEquals(FailureReason.REVOKED, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex());
    }

    @Test
    void handshakeWithExpiredCertificateIsCredentialsExpired() throws Exception {
        // JSSE on the server accepts it (trust manager above); the verifier must not
        final TestPki.Issued old = TestPki.certificate("old").xmppAddr("old@localhost").issuedBy(intermediate).expired().build();
        final List<X509Certificate> chain = peerCertificatesAfterHandshake(old);

        final Verdict verdict = verifier(RevocationMode.OFF).authenticate(chain, null);

        assertEquals(SaslCondition.CREDENTIALS_EXPIRED, verdict.condition().orElseThrow(), verdict::toString);
    }
}
