package org.igniterealtime.openfire.plugin.boshcertauth.websocket;

import org.igniterealtime.openfire.plugin.boshcertauth.openfire.JettyPeerAddress;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.CreatorWrappingFactory;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.WebSocketServletInstallation;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestRuntimes;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.ee8.websocket.api.Session;
import org.eclipse.jetty.ee8.websocket.api.annotations.OnWebSocketClose;
import org.eclipse.jetty.ee8.websocket.api.annotations.OnWebSocketConnect;
import org.eclipse.jetty.ee8.websocket.api.annotations.OnWebSocketError;
import org.eclipse.jetty.ee8.websocket.api.annotations.OnWebSocketMessage;
import org.eclipse.jetty.ee8.websocket.api.annotations.WebSocket;
import org.eclipse.jetty.ee8.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee8.websocket.server.JettyWebSocketServletFactory;
import org.eclipse.jetty.ee8.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AttemptLog;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AuditTrail;
import org.igniterealtime.openfire.plugin.boshcertauth.request.RequestCertificateSource;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.ProxyFormat;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.ProxySettings;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.TrustedProxies;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.SaslEnvironmentStub;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateSaslServerFactory;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateTokens;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.MechanismEnforcement;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.MechanismOffer;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.XmppWebSocketClient;
import org.jivesoftware.openfire.sasl.SaslFailureException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import java.util.Map;
import org.junit.jupiter.api.Test;

import javax.security.sasl.SaslServer;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real TLS with client certificates, a real WebSocket client (the JDK's) and Jetty 12 ee8 with a "/ws" context shaped
 * like Openfire's: a servlet whose creator makes an endpoint per connection for the "xmpp" subprotocol. The endpoint
 * here ({@link MiniOpenfire}) does what Openfire does with SASL: it lists the mechanisms the JVM's factory reports
 * and hands an auth to {@code createSaslServer}/{@code evaluateResponse} — with our real factory.
 */
class CertificateWebSocketTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final TestPki.Issued CA = TestPki.rootCa("ws tls CA");
    private static final TestPki.Issued ALICE = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(CA).build();
    private static final TestPki.Issued OTHER_CA = TestPki.rootCa("untrusted CA");
    private static final TestPki.Issued MALLORY = TestPki.certificate("mallory").xmppAddr("alice@localhost").issuedBy(OTHER_CA).build();

    private static final AttemptLog ATTEMPTS = new AttemptLog(100);
    private static final AtomicReference<PluginRuntime> RUNTIME = new AtomicReference<>();
    private static final CertificateTokens TOKENS = new CertificateTokens();
    private static CertificateSaslServerFactory factory;
    private static WebSocketCertificateLogin login;
    private static Server server;
    private static ServletContextHandler wsContext;
    private static ServerConnector https;
    private static ServerConnector http;
    private WebSocketServletInstallation installation;

    /** Stands in for OpenfireWebSocketServlet: same creator logic (subprotocol "xmpp", one endpoint per connection). */
    public static class OpenfireLikeServlet extends JettyWebSocketServlet {
        @Override
        public void configure(JettyWebSocketServletFactory factory) {
            factory.setCreator((req, resp) -> {
                if (req.getSubProtocols().contains("xmpp")) {
                    resp.setAcceptedSubProtocol("xmpp");
                    return new MiniOpenfire();
                }
                return null;
            });
        }
    }

    /** Our servlet: as CertificateWebSocketServlet does for Openfire's, wraps the creator of the servlet it extends. */
    public static final class WrappingServlet extends OpenfireLikeServlet {
        @Override
        public void configure(JettyWebSocketServletFactory factory) {
            super.configure(new CreatorWrappingFactory(factory, login::wrap));
        }
    }

    /** Openfire's per-connection handling, reduced to stream opening and SASL; a Jetty endpoint of its own like Openfire's. */
    @WebSocket
    public static final class MiniOpenfire implements XmppSocketHandler {
        private Session session;

        @Override
        @OnWebSocketConnect
        public void onConnect(Session session) {
            this.session = session;
        }

        @Override
        @OnWebSocketMessage
        public void onText(String frame) {
            try {
                if (frame.startsWith("<open")) {
                    final StringBuilder features = new StringBuilder("<stream:features xmlns:stream=\"http://etherx.jabber.org/streams\"><mechanisms xmlns=\"" + SASL + "\">");
                    for (String name : factory.getMechanismNames(null)) {
                        features.append("<mechanism>").append(name).append("</mechanism>");
                    }
                    session.getRemote().sendString("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='localhost' id='1' version='1.0'/>");
                    session.getRemote().sendString(features.append("</mechanisms></stream:features>").toString());
                } else if (frame.startsWith("<auth")) {
                    session.getRemote().sendString(authenticate(frame));
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private String authenticate(String frame) {
            final Matcher m = Pattern.compile("mechanism='([^']+)'>([^<]*)</auth>").matcher(frame);
            if (!m.find() || !List.of(factory.getMechanismNames(null)).contains(m.group(1))) {
                return "<failure xmlns='" + SASL + "'><invalid-mechanism/></failure>"; // as Openfire's OF-3273 check
            }
            try {
                final SaslServer sasl = factory.createSaslServer(m.group(1), "xmpp", "localhost", java.util.Map.of(), null);
                if (sasl == null) {
                    return "<failure xmlns='" + SASL + "'><invalid-mechanism/></failure>"; // no provider for this session
                }
                sasl.evaluateResponse(Base64.getDecoder().decode(m.group(2)));
                return "<success xmlns='" + SASL + "'/><!--" + sasl.getAuthorizationID() + "-->";
            } catch (SaslFailureException e) {
                return "<failure xmlns='" + SASL + "'><" + e.getFailure() + "/></failure>";
            } catch (Exception e) {
                return "<failure xmlns='" + SASL + "'><not-authorized/></failure>";
            }
        }

        @Override @OnWebSocketClose public void onClose(int statusCode, String reason) { }
        @Override @OnWebSocketError public void onError(Throwable error) { }
    }

    private static void configure(ProxySettings proxy) {
        configure(proxy, MechanismEnforcement.CERTIFICATE_IDENTITY);
    }

    private static void configure(ProxySettings proxy, MechanismEnforcement enforcement) {
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(CA.certificate())).domains(Set.of("localhost"))
            .revocationMode(RevocationMode.OFF).generation(System.nanoTime()).build();
        RUNTIME.set(TestRuntimes.runtime(TestRuntimes.configuration(policy, MechanismOffer.EXTERNAL_ONLY,
            enforcement, true, proxy), new RevocationService(), Clock.systemUTC()));
    }

    @BeforeAll
    static void startServer() throws Exception {
        configure(null);
        final AuditTrail audit = new AuditTrail(ATTEMPTS, (user, summary, details) -> { });
        factory = new CertificateSaslServerFactory(List.of("EXTERNAL", "PLAIN"), RUNTIME::get, SaslEnvironmentStub.users("alice"),
            audit, Clock.systemUTC(), () -> "localhost", TOKENS);
        login = new WebSocketCertificateLogin(RUNTIME::get, new RequestCertificateSource(audit, Clock.systemUTC(), JettyPeerAddress.INSTANCE, WebSocketCertificateLogin.STAGE), TOKENS, audit,
            Clock.systemUTC(), CertificateSaslServerFactory.webSocketMechanism(), () -> { }, () -> true,
            endpoint -> endpoint instanceof MiniOpenfire mini ? mini : null);

        server = new Server();
        wsContext = new ServletContextHandler(null, "/ws", ServletContextHandler.SESSIONS);
        wsContext.setAllowNullPathInfo(true);
        wsContext.addServlet(new ServletHolder(new OpenfireLikeServlet()), "/*");
        JettyWebSocketServletContainerInitializer.configure(wsContext, null);
        server.setHandler(wsContext);
        final TestPki.Issued serverCert = TestPki.certificate("localhost").dnsName("localhost")
            .extendedKeyUsage(KeyPurposeId.id_kp_serverAuth).issuedBy(CA).build();
        final SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(TestPki.keyStore(serverCert, PASSWORD));
        ssl.setKeyStorePassword(new String(PASSWORD));
        // The TLS layer accepts both CAs, so that our verifier (trusting only CA) is what refuses mallory.
        ssl.setTrustStore(TestPki.trustStore(CA.certificate(), OTHER_CA.certificate()));
        ssl.setWantClientAuth(true);
        final HttpConfiguration config = new HttpConfiguration();
        config.addCustomizer(new SecureRequestCustomizer(false));
        https = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(config));
        https.setHost("127.0.0.1");
        server.addConnector(https);
        http = new ServerConnector(server, new HttpConnectionFactory(new HttpConfiguration()));
        http.setHost("127.0.0.1");
        server.addConnector(http); // what a TLS-terminating reverse proxy talks to
        server.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.stop();
    }

    @BeforeEach
    void install() {
        installation = WebSocketServletInstallation.install(wsContext, OpenfireLikeServlet.class, new WrappingServlet());
    }

    @AfterEach
    void uninstall() {
        installation.uninstall(OpenfireLikeServlet::new);
        configure(null);
    }

    private static XmppWebSocketClient connect(TestPki.Issued certificate) throws Exception {
        return XmppWebSocketClient.connect(URI.create("wss://localhost:" + https.getLocalPort() + "/ws/"),
            certificate == null ? null : TestPki.keyStore(certificate, PASSWORD), PASSWORD);
    }

    @Test
    void verifiedCertificateIsOfferedExternalOnlyAndLogsIn() throws Exception {
        try (XmppWebSocketClient client = connect(ALICE)) {
            client.open("localhost");
            assertEquals(List.of("EXTERNAL"), client.mechanisms());

            final XmppWebSocketClient.AuthResult auth = client.authExternal("alice@localhost");

            assertTrue(auth.success(), auth.frame());
            assertTrue(auth.frame().contains("<!--alice-->"), auth.frame());
            assertEquals(0, TOKENS.size(), "the reference was used up");
        }
    }

    @Test
    void aPageOfAnotherSiteGetsNoCertificateLogin() throws Exception {
        // Setup: what a browser sends for new WebSocket('wss://localhost:PORT/ws/') on http://127.0.0.1:18080 (finding 1)
        final int before = ATTEMPTS.recent().size();
        try (XmppWebSocketClient client = XmppWebSocketClient.connect(URI.create("wss://localhost:" + https.getLocalPort() + "/ws/"),
            TestPki.keyStore(ALICE, PASSWORD), PASSWORD, Map.of("Origin", "http://127.0.0.1:18080"))) {
            client.open("localhost");

            // Execute
            final XmppWebSocketClient.AuthResult auth = client.authExternal("alice@localhost");

            // Verify: as without a certificate, and recorded with the origin
            assertEquals(List.of("EXTERNAL", "PLAIN"), client.mechanisms(), "Openfire's own list: no certificate offer");
            assertFalse(auth.success(), auth.frame());
            final LoginAttempt attempt = ATTEMPTS.recent().get(0);
            assertEquals(before + 1, ATTEMPTS.recent().size());
            assertEquals(FailureReason.ORIGIN_NOT_ALLOWED, attempt.reason());
            assertTrue(attempt.detail().contains("http://127.0.0.1:18080"), attempt.detail());
        }
    }

    @Test
    void thePagesOfTheServersOwnOriginLogIn() throws Exception {
        // Setup
        try (XmppWebSocketClient client = XmppWebSocketClient.connect(URI.create("wss://localhost:" + https.getLocalPort() + "/ws/"),
            TestPki.keyStore(ALICE, PASSWORD), PASSWORD, Map.of("Origin", "https://localhost:" + https.getLocalPort()))) {
            client.open("localhost");

            // Execute
            final XmppWebSocketClient.AuthResult auth = client.authExternal("alice@localhost");

            // Verify
            assertEquals(List.of("EXTERNAL"), client.mechanisms());
            assertTrue(auth.success(), auth.frame());
        }
    }

    @Test
    void withoutCertificateNothingChanges() throws Exception {
        try (XmppWebSocketClient client = connect(null)) {
            client.open("localhost");
            assertEquals(List.of("EXTERNAL", "PLAIN"), client.mechanisms(), "the factory's own list, no internal mechanism");

            final XmppWebSocketClient.AuthResult forged = client.auth(CertificateSaslServerFactory.webSocketMechanism(), "AAAA");

            assertEquals("invalid-mechanism", forged.condition());
        }
    }

    @Test
    void untrustedCertificateGetsNoCertificateLoginAndIsAudited() throws Exception {
        try (XmppWebSocketClient client = connect(MALLORY)) {
            client.open("localhost");

            final XmppWebSocketClient.AuthResult auth = client.authExternal(null);

            assertFalse(client.mechanisms().contains(CertificateSaslServerFactory.webSocketMechanism()), client.mechanisms().toString());
            assertFalse(auth.success(), auth.frame());
            assertNotNull(ATTEMPTS.recent().stream().filter(a -> a.stage().equals("websocket") && !a.success()).findFirst().orElse(null));
        }
    }

    @Test
    void certificateOfAForeignDomainIsRecordedAtTheUpgrade() throws Exception {
        // Setup: a chain our verifier accepts, naming a user of a domain this server does not serve (issue 15)
        final TestPki.Issued foreign = TestPki.certificate("alice elsewhere").xmppAddr("alice@example.org").issuedBy(CA).build();
        final int before = ATTEMPTS.recent().size();

        // Execute
        try (XmppWebSocketClient client = connect(foreign)) {
            client.open("localhost");

            // Verify
            final LoginAttempt attempt = ATTEMPTS.recent().get(0);
            assertEquals(before + 1, ATTEMPTS.recent().size(), ATTEMPTS.recent().toString());
            assertEquals(FailureReason.FOREIGN_DOMAIN, attempt.reason());
            assertEquals("WebSocket", attempt.transport());
            assertTrue(attempt.detail().contains("WebSocket upgrade cannot be used"), attempt.detail());
        }
    }

    @Test
    void externalOnlyRefusesConnectionsWithoutAValidCertificateAsTheBoshFilterRefusesRequests() throws Exception {
        // Setup
        configure(null, MechanismEnforcement.EXTERNAL_ONLY);

        // Execute
        final String withoutCertificate;
        final String untrusted;
        try (XmppWebSocketClient none = connect(null); XmppWebSocketClient mallory = connect(MALLORY)) {
            withoutCertificate = none.awaitClosed(java.time.Duration.ofSeconds(10));
            untrusted = mallory.awaitClosed(java.time.Duration.ofSeconds(10));
        }

        // Verify: closed at once with 1008 policy violation (no stream ever opened); each audited with its reason;
        // a valid certificate still logs in
        assertTrue(withoutCertificate.startsWith("1008 policy-violation") && withoutCertificate.contains("(NO_CERTIFICATE)"), withoutCertificate);
        assertTrue(untrusted.startsWith("1008 policy-violation") && untrusted.contains("(UNTRUSTED)"), untrusted);
        final List<LoginAttempt> recent = ATTEMPTS.recent();
        assertTrue(recent.stream().anyMatch(a -> a.reason() == FailureReason.NO_CERTIFICATE
            && a.detail().contains("WebSocket connection refused")), recent.toString());
        try (XmppWebSocketClient client = connect(ALICE)) {
            client.open("localhost");
            assertTrue(client.authExternal(null).success());
        }
    }

    @Test
    void closeAllEndsEveryConnectionStillOpenThroughOurEndpointAsOpenfireWould() throws Exception {
        // Setup: one connection with and one without a certificate, both still negotiating (no resource bound: Openfire's
        // servlet, when replaced at unload, does not close those)
        try (XmppWebSocketClient withCertificate = connect(ALICE); XmppWebSocketClient without = connect(null)) {
            withCertificate.open("localhost");
            without.open("localhost");
            assertEquals(2, login.openConnections());

            // Execute
            final int closed = login.closeAll();

            // Verify: RFC 7395 <close/>, then 1001 going away; nothing left
            assertEquals(2, closed);
            for (XmppWebSocketClient client : List.of(withCertificate, without)) {
                final String state = client.awaitClosed(java.time.Duration.ofSeconds(10));
                assertTrue(state.startsWith("1001 ") && state.contains("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>"), state);
            }
            assertEquals(0, login.openConnections());
        }
    }

    @Test
    void forgedInternalAuthOnACertificateConnectionIsNotAuthorized() throws Exception {
        try (XmppWebSocketClient client = connect(ALICE)) {
            client.open("localhost");

            final XmppWebSocketClient.AuthResult forged = client.auth(CertificateSaslServerFactory.webSocketMechanism(),
                XmppWebSocketClient.base64("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\0="));

            assertEquals("not-authorized", forged.condition(), forged.frame());
        }
    }

    private static XmppWebSocketClient viaProxy(TestPki.Issued certificate) throws Exception {
        return XmppWebSocketClient.connect(URI.create("ws://127.0.0.1:" + http.getLocalPort() + "/ws/"),
            java.util.Map.of("X-SSL-Client-Cert", Base64.getEncoder().encodeToString(certificate.certificate().getEncoded())));
    }

    @Test
    void certificateForwardedByATrustedProxyLogsIn() throws Exception {
        // Setup: the proxy is the test client on 127.0.0.1
        configure(ProxySettings.of(TrustedProxies.parse("127.0.0.1"), ProxyFormat.HAPROXY));

        try (XmppWebSocketClient client = viaProxy(ALICE)) {
            // Execute
            client.open("localhost");
            final XmppWebSocketClient.AuthResult auth = client.authExternal(null);

            // Verify
            assertEquals(List.of("EXTERNAL"), client.mechanisms());
            assertTrue(auth.success(), auth.frame());
        }
    }

    @Test
    void forwardedCertificateFromAnUntrustedPeerIsIgnoredAndRecorded() throws Exception {
        // Setup: the proxy is elsewhere; this upgrade comes straight from 127.0.0.1
        configure(ProxySettings.of(TrustedProxies.parse("192.0.2.1"), ProxyFormat.HAPROXY));

        try (XmppWebSocketClient client = viaProxy(ALICE)) {
            // Execute
            client.open("localhost");

            // Verify
            assertFalse(client.mechanisms().contains(CertificateSaslServerFactory.webSocketMechanism()), client.mechanisms().toString());
            assertTrue(ATTEMPTS.recent().stream().anyMatch(a -> a.reason() == FailureReason.PROXY_UNTRUSTED_PEER), "recorded");
        }
    }

    @Test
    void survivesContextRestartAndUninstallRestoresTheOriginal() throws Exception {
        // Execute: a restart as Openfire does when httpbind.* properties change
        wsContext.stop();
        wsContext.start();

        // Verify
        assertTrue(installation.isInstalled());
        try (XmppWebSocketClient client = connect(ALICE)) {
            client.open("localhost");
            assertEquals(List.of("EXTERNAL"), client.mechanisms());
        }

        // Execute: unload
        installation.uninstall(OpenfireLikeServlet::new);
        try (XmppWebSocketClient client = connect(ALICE)) {
            client.open("localhost");
            final XmppWebSocketClient.AuthResult auth = client.authExternal(null);

            assertEquals(List.of("EXTERNAL", "PLAIN"), client.mechanisms(), "the original servlet's endpoint, unwrapped");
            assertEquals("invalid-mechanism", auth.condition(), "EXTERNAL reaches SASL untranslated: " + auth.frame());
        } finally {
            installation = WebSocketServletInstallation.install(wsContext, OpenfireLikeServlet.class, new WrappingServlet());
        }
    }
}
