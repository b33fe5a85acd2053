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
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18 on a real Openfire 5.1.1: {@code boshcertauth.sasl.enforcement} over WebSocket ({@code wss://.../ws/}) as
 * over BOSH — EXTERNAL_ONLY refuses every password login (with or without a certificate) with invalid-mechanism and
 * MECHANISM_NOT_ALLOWED in the audit log, CERTIFICATE_IDENTITY keeps a certificate connection from logging in as
 * another user with a password — and what a plugin reload does to WebSocket connections open at that moment.
 * (The enforcement is CERTIFICATE_IDENTITY from order 10 on, so that password logins work for the reload test.)
 */
@ExtendWith(AttachOpenfireLogs.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebSocketEnforcementIT {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final Duration LOG_WAIT = Duration.ofSeconds(10);
    private static TestPki.Issued alice;
    private static OpenfireServer openfire;

    @BeforeAll
    static void startOpenfire() throws Exception {
        final TestPki.Issued ca = TestPki.rootCa("boshcertauth WS enforcement IT CA");
        alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(ca).build();
        openfire = OpenfireServer.builder()
            .property("httpbind.client.cert.policy", "wanted")
            .property("boshcertauth.sasl.enforcement", "EXTERNAL_ONLY")
            .trustClientCertificate("boshcertauth-wsenf-it-ca", ca.certificate())
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
    void externalOnlyRefusesAWebSocketWithoutCertificateAsBoshRefusesTheRequest() throws Exception {
        final OpenfireServer.LogMark mark = openfire.logMark();
        try (XmppWebSocketClient client = connect(null)) {
            // Execute: what a password client does first
            final String closed = closedOrFeatures(client);

            // Verify: closed with 1008 policy violation before any stream (BOSH: HTTP 403)
            assertTrue(closed.startsWith("1008 policy-violation") && closed.contains("(NO_CERTIFICATE)"), closed);
        }
        assertNotNull(openfire.waitForLog(mark, Pattern.compile("Certificate login \\[websocket\\].*failure NO_CERTIFICATE.*"
            + "WebSocket connection refused"), LOG_WAIT), "audited like a BOSH refusal, stage websocket");
    }

    /** The close status when the server closes the connection at once; else opens the stream and says what it got. */
    private static String closedOrFeatures(XmppWebSocketClient client) throws Exception {
        try {
            return "opened, offered " + client.open(OpenfireServer.DOMAIN) + "; password login: "
                + client.authPlain("bob", openfire.password("bob")).frame();
        } catch (Exception | AssertionError e) {
            return client.awaitClosed(Duration.ofSeconds(10));
        }
    }

    @Test
    @Order(2)
    void externalOnlyRefusesAPasswordOnACertificateWebSocketAndStillLogsInWithTheCertificate() throws Exception {
        final OpenfireServer.LogMark mark = openfire.logMark();
        try (XmppWebSocketClient password = connect(alice); XmppWebSocketClient certificate = connect(alice)) {
            // Setup
            password.open(OpenfireServer.DOMAIN);
            certificate.open(OpenfireServer.DOMAIN);

            // Execute: bob's correct password on alice's certificate connection; alice's certificate on another
            final XmppWebSocketClient.AuthResult asBob = password.authPlain("bob", openfire.password("bob"));
            final XmppWebSocketClient.AuthResult external = certificate.authExternal(null);

            // Verify
            assertEquals("invalid-mechanism", asBob.condition(), asBob.frame());
            assertTrue(external.success(), external.frame());
        }
        assertNotNull(openfire.waitForLog(mark, Pattern.compile("Certificate login \\[websocket/PLAIN\\].*failure MECHANISM_NOT_ALLOWED.*"
            + "not allowed over WebSocket"), LOG_WAIT), "audited like a BOSH refusal, stage websocket");
    }

    @Test
    @Order(10)
    void certificateIdentityRefusesAPasswordAsAnotherUserOnACertificateWebSocket() throws Exception {
        // Setup
        openfire.adminConsole().setProperty("boshcertauth.sasl.enforcement", "CERTIFICATE_IDENTITY");
        final OpenfireServer.LogMark mark = openfire.logMark();
        try (XmppWebSocketClient client = connect(alice)) {
            client.open(OpenfireServer.DOMAIN);

            // Execute
            final XmppWebSocketClient.AuthResult asBob = client.authPlain("bob", openfire.password("bob"));

            // Verify
            assertFalse(asBob.success(), asBob.frame());
            assertEquals("not-authorized", asBob.condition(), asBob.frame());
        }
        assertNotNull(openfire.waitForLog(mark, Pattern.compile("Certificate login \\[websocket/PLAIN\\].*failure IDENTITY_NOT_CERTIFICATE_IDENTITY for bob@localhost"),
            LOG_WAIT));
    }

    @Test
    @Order(11)
    void certificateIdentityLetsTheCertificatesOwnUserAndUsersWithoutCertificateLogInWithAPassword() throws Exception {
        try (XmppWebSocketClient own = connect(alice); XmppWebSocketClient without = connect(null)) {
            // Setup
            own.open(OpenfireServer.DOMAIN);
            without.open(OpenfireServer.DOMAIN);

            // Execute
            final XmppWebSocketClient.AuthResult asAlice = own.authPlain("alice", openfire.password("alice"));
            final XmppWebSocketClient.AuthResult asBob = without.authPlain("bob", openfire.password("bob"));

            // Verify
            assertTrue(asAlice.success(), asAlice.frame());
            assertTrue(asBob.success(), asBob.frame());
        }
    }

    /**
     * What Openfire allows: its WebSocket servlet closes every WebSocket session when it is destroyed, which Jetty does
     * whenever the servlet in its holder is replaced — at load (Openfire's goes) and at unload (ours goes; the
     * connections also run the plugin's classes). Both close the connections open at that moment, with Openfire's
     * {@code <close/>}; new connections log in at once.
     */
    /**
     * What Openfire allows: its WebSocket servlet, whenever it is destroyed — which Jetty does when the servlet in its
     * holder is replaced, at load (Openfire's goes) and at unload (ours goes) — closes every WebSocket session that
     * has bound a resource (those in its routing table). Connections that have not, survive: at load they keep
     * working on Openfire's own endpoint (without certificate login: they predate the plugin); at unload the plugin
     * closes them itself, since they run its classes. Every close is RFC 7395's {@code <close/>}; new connections log
     * in at once.
     */
    @Test
    @Order(1000)
    void aPluginReloadClosesBoundWebSocketsAndKeepsNegotiatingOnesWhereItCan() throws Exception {
        final BoshClient bosh = BoshClient.builder(openfire.boshHttpsUri()).clientCertificate(alice).build();
        bosh.createSession();
        assertTrue(bosh.authExternal(null).success());
        bosh.restart();
        assertEquals("alice@localhost/bosh", bosh.bindResource("bosh"));
        try (XmppWebSocketClient bound = loggedInWithCertificate(); XmppWebSocketClient negotiating = connect(alice)) {
            // Setup
            negotiating.open(OpenfireServer.DOMAIN);

            // Execute: unload
            openfire.removePlugin(Duration.ofSeconds(60));

            // Verify: both closed (the second one by the plugin)
            final String boundAtUnload = bound.awaitClosed(Duration.ofSeconds(30));
            final String negotiatingAtUnload = negotiating.awaitClosed(Duration.ofSeconds(30));
            assertTrue(boundAtUnload.contains("<close"), boundAtUnload);
            assertTrue(negotiatingAtUnload.startsWith("1001 ") && negotiatingAtUnload.contains("<close"), negotiatingAtUnload);
        }
        try (XmppWebSocketClient bound = connect(null); XmppWebSocketClient negotiating = connect(null)) {
            // Setup: connections through Openfire's own servlet while the plugin is not loaded
            bound.open(OpenfireServer.DOMAIN);
            assertTrue(bound.authPlain("bob", openfire.password("bob")).success());
            bound.open(OpenfireServer.DOMAIN);
            assertEquals("bob@localhost/stock", bound.bind("stock"));
            negotiating.open(OpenfireServer.DOMAIN);

            // Execute: load
            openfire.installPlugin(Duration.ofSeconds(120));

            // Verify: the bound one closed by Openfire; the negotiating one still works on Openfire's endpoint
            final String boundAtLoad = bound.awaitClosed(Duration.ofSeconds(30));
            assertTrue(boundAtLoad.contains("<close"), boundAtLoad);
            assertTrue(negotiating.authPlain("bob", openfire.password("bob")).success(), "kept working across the load");
            negotiating.open(OpenfireServer.DOMAIN);
            assertEquals("bob@localhost/kept", negotiating.bind("kept"));
        }
        try (XmppWebSocketClient afterReload = loggedInWithCertificate()) {
            assertNotNull(afterReload, "certificate login at once on a new connection");
        }
        try (bosh) {
            // Verify: the BOSH session opened before the reload is still there
            final BoshClient.BoshResponse ping = bosh.send("<iq xmlns='jabber:client' type='get' id='ping1' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
            final BoshClient.BoshResponse answer = ping.text().contains("ping1") ? ping : bosh.pollUntil(r -> r.text().contains("ping1"), Duration.ofSeconds(20));
            assertEquals(200, answer.status(), answer.text());
            assertTrue(answer.text().contains("type=\"result\"") || answer.text().contains("type='result'"), answer.text());
        }
    }

    private static XmppWebSocketClient loggedInWithCertificate() throws Exception {
        final XmppWebSocketClient client = connect(alice);
        client.open(OpenfireServer.DOMAIN);
        final XmppWebSocketClient.AuthResult auth = client.authExternal(null);
        assertTrue(auth.success(), auth.frame());
        client.open(OpenfireServer.DOMAIN);
        assertEquals("alice@localhost/reload", client.bind("reload"));
        return client;
    }
}
