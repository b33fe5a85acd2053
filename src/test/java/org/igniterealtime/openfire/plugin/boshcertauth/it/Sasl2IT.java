package org.igniterealtime.openfire.plugin.boshcertauth.it;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.XmppWebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SASL2 (XEP-0388, {@code xmpp.auth.sasl2=true}; Openfire main after 5.1.1) against the plugin's rules: certificate
 * sessions are not offered SASL2 over BOSH or WebSocket, and a SASL2 {@code <authenticate>} sent anyway gets around
 * none of the rules — EXTERNAL for oneself or another authzid, the internal WebSocket mechanism with a forged
 * reference (also over TCP), a password mechanism on a certificate session (the same outcome as with SASL1), and any
 * SASL2 over BOSH. Skipped, by assumption, on an Openfire that offers no SASL2.
 */
@ExtendWith(AttachOpenfireLogs.class)
class Sasl2IT {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final String INTERNAL = "X-BOSHCERTAUTH-WS";
    private static final String NS_SASL2 = "urn:xmpp:sasl:2";
    private static final String FORGED_REFERENCE = XmppWebSocketClient.base64("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\0=");
    private static TestPki.Issued alice;
    private static OpenfireServer openfire;
    private static boolean sasl2Offered;

    @BeforeAll
    static void startOpenfireWithSasl2() throws Exception {
        final TestPki.Issued ca = TestPki.rootCa("boshcertauth SASL2 IT CA");
        alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(ca).build();
        openfire = OpenfireServer.builder()
            .property("httpbind.client.cert.policy", "wanted")
            .property("xmpp.auth.sasl2", "true")
            .property("xmpp.auth.sasl2.require-tls", "false") // for the plain TCP case; BOSH and WebSocket use TLS anyway
            .trustClientCertificate("boshcertauth-sasl2-it-ca", ca.certificate())
            .start();
        try (XmppWebSocketClient probe = connect(null)) {
            sasl2Offered = probe.open(OpenfireServer.DOMAIN).contains(NS_SASL2);
        }
    }

    /** Per test, not in {@code @BeforeAll}: Maven's reports lose the message of an assumption that skips a whole class. */
    @BeforeEach
    void onlyOnAnOpenfireWithSasl2() {
        assumeTrue(sasl2Offered, "Openfire " + openfire.version()
            + " offers no SASL2 (XEP-0388, xmpp.auth.sasl2; Openfire after 5.1.1): SASL2 IT skipped");
    }

    @AfterAll
    static void stopOpenfire() {
        if (openfire != null) {
            openfire.close();
        }
    }

    private static XmppWebSocketClient connect(TestPki.Issued certificate) throws Exception {
        final URI ws = URI.create("wss://" + OpenfireServer.HOST + ":" + openfire.boshHttpsPort() + "/ws/");
        final KeyStore keys = certificate == null ? null : TestPki.keyStore(certificate, PASSWORD);
        return XmppWebSocketClient.connect(ws, keys, PASSWORD);
    }

    private static String authenticate(String mechanism, String initialResponse) {
        return "<authenticate xmlns='" + NS_SASL2 + "' mechanism='" + mechanism + "'><initial-response>" + initialResponse
            + "</initial-response><user-agent id='d4565fa7-4d72-4749-b3d3-740edbf87770'><software>Sasl2IT</software></user-agent></authenticate>";
    }

    private static XmppWebSocketClient.AuthResult sasl2(XmppWebSocketClient client, String mechanism, String initialResponse) throws Exception {
        client.send(authenticate(mechanism, initialResponse));
        return new XmppWebSocketClient.AuthResult(client.receive());
    }

    @Test
    void webSocketCertificateConnectionsAreOfferedSasl1ExternalOnlyAndNoSasl2() throws Exception {
        try (XmppWebSocketClient certificate = connect(alice); XmppWebSocketClient password = connect(null)) {
            // Execute
            final String withCertificate = certificate.open(OpenfireServer.DOMAIN);
            final String without = password.open(OpenfireServer.DOMAIN);

            // Verify
            assertFalse(withCertificate.contains(NS_SASL2), withCertificate);
            assertEquals(List.of("EXTERNAL"), certificate.mechanisms(), withCertificate);
            assertTrue(without.contains(NS_SASL2), "connections without certificate login keep Openfire's SASL2: " + without);
            assertFalse(without.contains(INTERNAL), without);
        }
    }

    @Test
    void sasl2ExternalOverWebSocketLogsNobodyIn() throws Exception {
        try (XmppWebSocketClient asSelf = connect(alice); XmppWebSocketClient asBob = connect(alice)) {
            // Setup
            asSelf.open(OpenfireServer.DOMAIN);
            asBob.open(OpenfireServer.DOMAIN);

            // Execute: EXTERNAL is Openfire's own here (only a SASL1 <auth> is translated), which has no certificate
            final XmppWebSocketClient.AuthResult self = sasl2(asSelf, "EXTERNAL", "=");
            final XmppWebSocketClient.AuthResult other = sasl2(asBob, "EXTERNAL", XmppWebSocketClient.base64("bob@localhost"));

            // Verify
            assertFalse(self.success(), self.frame());
            assertEquals("invalid-mechanism", self.condition(), self.frame());
            assertFalse(other.success(), other.frame());
            assertEquals("invalid-mechanism", other.condition(), other.frame());
        }
    }

    @Test
    void theInternalMechanismIsRefusedOverSasl2() throws Exception {
        try (XmppWebSocketClient certificate = connect(alice); XmppWebSocketClient password = connect(null)) {
            // Setup
            certificate.open(OpenfireServer.DOMAIN);
            password.open(OpenfireServer.DOMAIN);

            // Execute
            final XmppWebSocketClient.AuthResult onCertificate = sasl2(certificate, INTERNAL, FORGED_REFERENCE);
            final XmppWebSocketClient.AuthResult onPassword = sasl2(password, INTERNAL, FORGED_REFERENCE);

            // Verify: as over SASL1 (WebSocketCertificateLoginIT.clientsCannotUseTheInternalMechanism)
            assertFalse(onCertificate.success(), onCertificate.frame());
            assertEquals("not-authorized", onCertificate.condition(), "a reference we never issued: " + onCertificate.frame());
            assertFalse(onPassword.success(), onPassword.frame());
            assertEquals("invalid-mechanism", onPassword.condition(), onPassword.frame());
        }
    }

    @Test
    void aPasswordOnACertificateConnectionHasTheSameOutcomeOverSasl2AsOverSasl1() throws Exception {
        try (XmppWebSocketClient overSasl1 = connect(alice); XmppWebSocketClient overSasl2 = connect(alice)) {
            // Setup
            overSasl1.open(OpenfireServer.DOMAIN);
            overSasl2.open(OpenfireServer.DOMAIN);
            final String bob = XmppWebSocketClient.base64("\0bob\0bob-secret");

            // Execute
            final XmppWebSocketClient.AuthResult sasl1 = overSasl1.auth("PLAIN", bob);
            final XmppWebSocketClient.AuthResult sasl2 = sasl2(overSasl2, "PLAIN", bob);

            // Verify: boshcertauth.sasl.enforcement is BOSH only; choosing SASL2 changes nothing
            assertEquals(sasl1.success(), sasl2.success(), sasl1.frame() + " / " + sasl2.frame());
        }
    }

    @Test
    void boshCertificateSessionsAreNotOfferedSasl2() throws Exception {
        try (BoshClient certificate = BoshClient.builder(openfire.boshHttpsUri()).clientCertificate(alice).build();
             BoshClient password = BoshClient.builder(openfire.boshHttpsUri()).build()) {
            // Execute
            final String withCertificate = certificate.createSession().text();
            final String without = password.createSession().text();

            // Verify
            assertEquals(List.of("EXTERNAL"), certificate.mechanisms(), withCertificate);
            assertFalse(withCertificate.contains(NS_SASL2), withCertificate);
            assertTrue(without.contains(NS_SASL2), "Openfire advertises SASL2 on BOSH: " + without);
        }
    }

    @Test
    void sasl2OverBoshNeverAuthenticates() throws Exception {
        final List<String> attempts = List.of(
            authenticate("PLAIN", XmppWebSocketClient.base64("\0bob\0bob-secret")),
            authenticate("EXTERNAL", XmppWebSocketClient.base64("bob@localhost")));
        for (String attempt : attempts) {
            // wait 5 s, not 2: with 2 s, one CI run on 5.2 saw the poll after the dropped element unanswered for 32 s
            // (not reproduced in 4 local runs). Suspected: Openfire answers a held request at 'wait' from a container
            // timer, racing its per-session executor that has not yet taken the request on a loaded machine.
            try (BoshClient bosh = BoshClient.builder(openfire.boshHttpsUri()).clientCertificate(alice).waitSeconds(5).build()) {
                // Setup
                bosh.createSession();

                // Execute
                final List<String> answers = new ArrayList<>();
                answers.add(bosh.send(attempt).text());
                answers.add(bosh.poll().text());

                // Verify (Openfire's SessionPacketRouter drops an <authenticate> on BOSH: empty bodies)
                assertFalse(answers.toString().contains("success"), attempt + " -> " + answers);
            }
        }
    }

    @Test
    void theInternalMechanismIsRefusedOverSasl2OnTcp() throws Exception {
        try (Socket socket = new Socket(OpenfireServer.HOST, openfire.c2sPort())) {
            // Setup
            socket.setSoTimeout(15_000);
            send(socket, "<?xml version='1.0'?><stream:stream to='" + OpenfireServer.DOMAIN
                + "' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>");
            final String features = readUntil(socket.getInputStream(), "</stream:features>");
            assertTrue(features.contains(NS_SASL2), features);

            // Execute
            send(socket, authenticate(INTERNAL, FORGED_REFERENCE));
            final String answer = readUntil(socket.getInputStream(), "</failure>");

            // Verify
            assertFalse(answer.contains("<success"), answer);
            assertTrue(answer.contains("invalid-mechanism"), answer);
        }
    }

    private static void send(Socket socket, String xml) throws Exception {
        socket.getOutputStream().write(xml.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Reads until {@code end} (or a success) was received, or the stream ends. */
    private static String readUntil(InputStream in, String end) throws Exception {
        final StringBuilder received = new StringBuilder();
        final byte[] buffer = new byte[4096];
        while (!received.toString().contains(end) && !received.toString().contains("</success>")) {
            final int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return received.toString();
    }
}
