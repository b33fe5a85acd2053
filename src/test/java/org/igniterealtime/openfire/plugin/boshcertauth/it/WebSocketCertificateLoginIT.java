package org.igniterealtime.openfire.plugin.boshcertauth.it;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.XmppWebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Certificate login over Openfire's WebSocket endpoint (RFC 7395, {@code wss://.../ws/}) on a real Openfire (5.0, 5.1, 5.2):
 * EXTERNAL offered to certificate connections and logging in (stream restart, bind), the XEP-0178 refusals, password
 * login without a certificate unchanged, the internal mechanism never visible nor usable by clients, surviving a
 * restart of Openfire's HTTP server, and Openfire's WebSocket working as before after the plugin is unloaded.
 */
@ExtendWith(AttachOpenfireLogs.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebSocketCertificateLoginIT {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final String INTERNAL = "X-BOSHCERTAUTH-WS";
    private static TestPki.Issued alice;
    private static TestPki.Issued carol;
    private static OpenfireServer openfire;

    @BeforeAll
    static void startOpenfire() throws Exception {
        final TestPki.Issued ca = TestPki.rootCa("boshcertauth WS IT CA");
        alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(ca).build();
        carol = TestPki.certificate("carol").xmppAddr("carol@localhost").issuedBy(ca).build();
        openfire = OpenfireServer.builder()
            .property("httpbind.client.cert.policy", "wanted")
            .trustClientCertificate("boshcertauth-ws-it-ca", ca.certificate())
            .start();
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

    @Test
    @Order(1)
    void certificateConnectionIsOfferedExternalAndLogsIn() throws Exception {
        try (XmppWebSocketClient client = connect(alice)) {
            // Setup
            client.open(OpenfireServer.DOMAIN);
            assertEquals("xmpp", client.subprotocol());
            assertEquals(List.of("EXTERNAL"), client.mechanisms(), "a certificate connection is offered EXTERNAL only");

            // Execute
            final XmppWebSocketClient.AuthResult auth = client.authExternal(null);
            final String features = client.open(OpenfireServer.DOMAIN);
            final String jid = client.bind("ws");

            // Verify
            assertTrue(auth.success(), auth.frame());
            assertTrue(features.contains("urn:ietf:params:xml:ns:xmpp-bind"), features);
            assertEquals("alice@localhost/ws", jid);
        }
        assertNotNull(openfire.waitForLog(Pattern.compile("Certificate login \\[websocket/EXTERNAL\\].*success as alice@localhost"), Duration.ofSeconds(10)));
    }

    @Test
    @Order(2)
    void stropheStyleEmptyAuthGetsOneChallengeThenSucceeds() throws Exception {
        try (XmppWebSocketClient client = connect(alice)) {
            client.open(OpenfireServer.DOMAIN);

            client.send("<auth xmlns='" + XmppWebSocketClient.NS_SASL + "' mechanism='EXTERNAL'/>");
            final String challenge = client.receive();
            client.send("<response xmlns='" + XmppWebSocketClient.NS_SASL + "'/>");
            final String outcome = client.receive();

            assertTrue(challenge.contains("<challenge"), challenge);
            assertTrue(outcome.contains("<success"), outcome);
        }
    }

    @Test
    @Order(3)
    void authzidNotInCertificateIsInvalidAuthzid() throws Exception {
        try (XmppWebSocketClient client = connect(alice)) {
            client.open(OpenfireServer.DOMAIN);

            final XmppWebSocketClient.AuthResult auth = client.authExternal("bob@localhost");

            assertEquals("invalid-authzid", auth.condition(), auth.frame());
        }
    }

    @Test
    @Order(4)
    void unknownUserIsNotAuthorized() throws Exception {
        try (XmppWebSocketClient client = connect(carol)) {
            client.open(OpenfireServer.DOMAIN);
            assertTrue(client.mechanisms().contains("EXTERNAL"), "offered: " + client.mechanisms());

            final XmppWebSocketClient.AuthResult auth = client.authExternal(null);

            assertEquals("not-authorized", auth.condition(), auth.frame());
        }
    }

    @Test
    @Order(5)
    void withoutCertificateExternalIsNotOfferedAndPasswordLoginWorks() throws Exception {
        try (XmppWebSocketClient client = connect(null)) {
            client.open(OpenfireServer.DOMAIN);
            assertTrue(client.mechanisms().contains("PLAIN"), "offered: " + client.mechanisms());
            assertFalse(client.mechanisms().contains("EXTERNAL"), "offered: " + client.mechanisms());
            assertFalse(client.mechanisms().contains(INTERNAL), "offered: " + client.mechanisms());

            final XmppWebSocketClient.AuthResult auth = client.authPlain("bob", openfire.password("bob"));
            client.open(OpenfireServer.DOMAIN);

            assertTrue(auth.success(), auth.frame());
            assertEquals("bob@localhost/pw", client.bind("pw"));
        }
    }

    @Test
    @Order(6)
    void clientsCannotUseTheInternalMechanism() throws Exception {
        final String forged = XmppWebSocketClient.base64("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\0=");
        try (XmppWebSocketClient withCertificate = connect(alice); XmppWebSocketClient without = connect(null)) {
            withCertificate.open(OpenfireServer.DOMAIN);
            without.open(OpenfireServer.DOMAIN);

            final XmppWebSocketClient.AuthResult onCertificate = withCertificate.auth(INTERNAL, forged);
            final XmppWebSocketClient.AuthResult onPlain = without.auth(INTERNAL, forged);

            assertEquals("not-authorized", onCertificate.condition(), onCertificate.frame());
            assertFalse(onPlain.success(), onPlain.frame());
            assertEquals("invalid-mechanism", onPlain.condition(), "never implemented outside a certificate connection");
        }
    }

    @Test
    @Order(7)
    void boshNeverSeesTheInternalMechanism() throws Exception {
        try (BoshClient bosh = BoshClient.builder(openfire.boshHttpsUri()).build()) {
            bosh.createSession();

            assertFalse(bosh.mechanisms().contains(INTERNAL), "offered: " + bosh.mechanisms());
            assertTrue(bosh.mechanisms().contains("PLAIN"), "offered: " + bosh.mechanisms());
        }
    }

    @Test
    @Order(8)
    void tcpClientsNeverSeeTheInternalMechanism() throws Exception {
        try (java.net.Socket socket = new java.net.Socket(OpenfireServer.HOST, openfire.c2sPort())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(("<?xml version='1.0'?><stream:stream to='" + OpenfireServer.DOMAIN
                + "' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            final StringBuilder received = new StringBuilder();
            final byte[] buffer = new byte[4096];
            while (!received.toString().contains("</stream:features>")) {
                final int n = socket.getInputStream().read(buffer);
                if (n < 0) {
                    break;
                }
                received.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8));
            }

            assertTrue(received.toString().contains("<mechanism>"), received.toString());
            assertFalse(received.toString().contains(INTERNAL), received.toString());
        }
    }

    @Test
    @Order(50)
    void savingOpenfiresSaslMechanismsKeepsWebSocketCertificateLogin() throws Exception {
        // Setup: Openfire rebuilds its mechanism list on every change of sasl.mechs, dropping ours
        final OpenfireServer.LogMark mark = openfire.logMark();
        openfire.adminConsole().setProperty("sasl.mechs", "PLAIN,SCRAM-SHA-1,EXTERNAL");

        try (XmppWebSocketClient client = connect(alice)) {
            // Execute
            client.open(OpenfireServer.DOMAIN);
            final XmppWebSocketClient.AuthResult auth = client.authExternal(null);

            // Verify
            assertEquals(List.of("EXTERNAL"), client.mechanisms());
            assertTrue(auth.success(), auth.frame());
        }
        assertNotNull(openfire.waitForLog(mark, Pattern.compile("Support added for the '" + INTERNAL + "' SASL mechanism"), Duration.ofSeconds(10)),
            "the plugin put its mechanism back into Openfire's rebuilt list");
    }

    @Test
    @Order(51)
    void externalDisabledInOpenfireIsNotOfferedOverWebSocketEither() throws Exception {
        openfire.adminConsole().setProperty("sasl.mechs", "PLAIN,SCRAM-SHA-1");
        try (XmppWebSocketClient client = connect(alice)) {
            client.open(OpenfireServer.DOMAIN);
            final XmppWebSocketClient.AuthResult auth = client.authExternal(null);

            assertFalse(client.mechanisms().contains("EXTERNAL"), "offered: " + client.mechanisms());
            assertFalse(client.mechanisms().contains(INTERNAL), "offered: " + client.mechanisms());
            assertEquals("invalid-mechanism", auth.condition(), auth.frame());
        } finally {
            // back to this version's default list (5.0.x's has no SCRAM-SHA-1-PLUS)
            openfire.adminConsole().setProperty("sasl.mechs", String.join(",", openfire.openfireVersion().defaultSaslMechanisms()));
        }
    }

    @Test
    @Order(100)
    void survivesRestartOfOpenfiresHttpServer() throws Exception {
        // Setup: this change makes Openfire restart its HTTP-bind server (BOSH and WebSocket)
        final OpenfireServer.LogMark mark = openfire.logMark();
        openfire.adminConsole().setProperty("httpbind.client.cert.policy", "needed");
        openfire.waitForLog(mark, Pattern.compile("HTTP bind service started"), Duration.ofSeconds(60));

        try (XmppWebSocketClient client = connect(alice)) {
            // Execute
            client.open(OpenfireServer.DOMAIN);
            final XmppWebSocketClient.AuthResult auth = client.authExternal(null);

            // Verify
            assertTrue(auth.success(), auth.frame());
        } finally {
            final OpenfireServer.LogMark back = openfire.logMark();
            openfire.adminConsole().setProperty("httpbind.client.cert.policy", "wanted");
            openfire.waitForLog(back, Pattern.compile("HTTP bind service started"), Duration.ofSeconds(60));
        }
    }

    @Test
    @Order(1000)
    void afterUnloadOpenfiresWebSocketWorksAsBefore() throws Exception {
        // Execute
        final String unloadLog = openfire.removePlugin(Duration.ofSeconds(60));

        // Verify
        assertTrue(OpenfireServer.pluginProblems(unloadLog).isEmpty(), "problems: " + OpenfireServer.pluginProblems(unloadLog));
        try (XmppWebSocketClient password = connect(null); XmppWebSocketClient certificate = connect(alice)) {
            password.open(OpenfireServer.DOMAIN);
            certificate.open(OpenfireServer.DOMAIN);
            assertTrue(password.authPlain("bob", openfire.password("bob")).success());
            assertFalse(certificate.mechanisms().contains("EXTERNAL"), "stock Openfire never offers EXTERNAL over WebSocket");
            assertFalse(certificate.mechanisms().contains(INTERNAL), "offered: " + certificate.mechanisms());
        }
    }
}
