package org.igniterealtime.openfire.plugin.boshcertauth.it;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.XmppWebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The security review's cross-site attacks, replayed with the headers a browser adds, against a real Openfire 5.1.1
 * with default plugin settings ({@code httpbind.client.cert.policy=wanted}) and script syntax on: a page of another
 * site must not be able to log the certificate's user in — over WebSocket, BOSH script syntax, or cross-origin
 * XHR/fetch — while the server's own pages, a listed origin, non-browser clients and password users keep working.
 */
@ExtendWith(AttachOpenfireLogs.class)
class WebOriginIT {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final String ATTACKER = "http://127.0.0.1:18080";
    private static final String LISTED = "https://chat.example.org";
    private static final Pattern SCRIPT_SID = Pattern.compile("sid=\\\\[\"']([^\"'\\\\]+)");
    private static TestPki.Issued alice;
    private static OpenfireServer openfire;

    @BeforeAll
    static void startOpenfire() throws Exception {
        final TestPki.Issued ca = TestPki.rootCa("boshcertauth origin IT CA");
        alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(ca).build();
        openfire = OpenfireServer.builder()
            .property("httpbind.client.cert.policy", "wanted")
            .property("xmpp.httpbind.scriptSyntax.enabled", "true")
            .property("boshcertauth.web.allowed-origins", LISTED)
            .trustClientCertificate("boshcertauth-origin-it-ca", ca.certificate())
            .start();
    }

    @AfterAll
    static void stopOpenfire() {
        if (openfire != null) {
            openfire.close();
        }
    }

    private static Map<String, String> page(String origin, String site) {
        return Map.of("Origin", origin, "Sec-Fetch-Site", site, "Sec-Fetch-Mode", "cors", "Sec-Fetch-Dest", "empty");
    }

    private static BoshClient bosh(TestPki.Issued certificate, Map<String, String> headers) throws Exception {
        final BoshClient.Builder builder = BoshClient.builder(openfire.boshHttpsUri()).clientCertificate(certificate);
        headers.forEach(builder::header);
        return builder.build();
    }

    private static XmppWebSocketClient webSocket(TestPki.Issued certificate, Map<String, String> headers) throws Exception {
        return XmppWebSocketClient.connect(URI.create("wss://" + OpenfireServer.HOST + ":" + openfire.boshHttpsPort() + "/ws/"),
            certificate == null ? null : TestPki.keyStore(certificate, PASSWORD), PASSWORD, headers);
    }

    @Test
    void crossSiteWebSocketCannotLogInWithTheCertificate() throws Exception {
        // Setup: finding 1 — new WebSocket('wss://localhost:…/ws/', 'xmpp') on another site's page
        final OpenfireServer.LogMark mark = openfire.logMark();
        try (XmppWebSocketClient client = webSocket(alice, Map.of("Origin", ATTACKER))) {
            client.open(OpenfireServer.DOMAIN);

            // Execute
            final XmppWebSocketClient.AuthResult auth = client.authExternal(null);

            // Verify
            assertFalse(client.mechanisms().contains("EXTERNAL"), "offered: " + client.mechanisms());
            assertFalse(auth.success(), auth.frame());
        }
        assertNotNull(openfire.waitForLog(mark, Pattern.compile("ORIGIN_NOT_ALLOWED.*" + Pattern.quote(ATTACKER)), Duration.ofSeconds(10)));
        assertFalse(openfire.openfireLogSince(mark).contains("success as alice@localhost"));
    }

    @Test
    void crossOriginFetchCannotLogInWithTheCertificate() throws Exception {
        // Setup: finding 3 — XHR withCredentials=false / fetch credentials:'omit' still carry the TLS certificate
        final OpenfireServer.LogMark mark = openfire.logMark();
        try (BoshClient client = bosh(alice, page(ATTACKER, "cross-site"))) {
            client.createSession();

            // Execute
            final BoshClient.AuthResult auth = client.authExternal(null);

            // Verify
            assertFalse(client.mechanisms().equals(List.of("EXTERNAL")), "narrowed as for a certificate: " + client.mechanisms());
            assertFalse(auth.success(), auth.condition());
        }
        assertNotNull(openfire.waitForLog(mark, Pattern.compile("ORIGIN_NOT_ALLOWED.*" + Pattern.quote(ATTACKER)), Duration.ofSeconds(10)));
    }

    @Test
    void scriptInclusionFromAnotherSiteCannotLogInWithTheCertificate() throws Exception {
        // Setup: finding 2 — <script src="https://…/http-bind/?<body…>"> has no Origin, only fetch metadata
        final HttpClient http = bosh(alice, Map.of()).httpClient();
        final Map<String, String> script = Map.of("Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "no-cors", "Sec-Fetch-Dest", "script");
        final String created = scriptGet(http, "<body rid='1000' to='localhost' xml:lang='en' wait='5' hold='1' ver='1.6' xmpp:version='1.0'"
            + " xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh'/>", script);
        final Matcher sid = SCRIPT_SID.matcher(created);
        assertTrue(sid.find(), created);

        // Execute
        final String auth = scriptGet(http, "<body rid='1001' sid='" + sid.group(1) + "' xmlns='http://jabber.org/protocol/httpbind'>"
            + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth></body>", script);
        final String answer = auth.contains("failure") || auth.contains("success") ? auth
            : scriptGet(http, "<body rid='1002' sid='" + sid.group(1) + "' xmlns='http://jabber.org/protocol/httpbind'/>", script);

        // Verify
        assertTrue(created.startsWith("_BOSH_("), "script syntax is on: " + created);
        assertFalse(answer.contains("success"), answer);
    }

    @Test
    void headCannotContinueAStolenSession() throws Exception {
        // Setup: finding 4 — alice's session; an attacker knows sid and rid but has no certificate
        try (BoshClient victim = bosh(alice, Map.of())) {
            victim.createSession();
            assertTrue(victim.authExternal(null).success());
            final String body = "<body rid='" + (victim.lastRid() + 1) + "' sid='" + victim.sid() + "' xmlns='http://jabber.org/protocol/httpbind'>"
                + "<message xmlns='jabber:client' to='bob@localhost'><body>sent by an attacker</body></message></body>";
            final HttpClient attacker = HttpClient.newBuilder().sslContext(trustAnything()).connectTimeout(Duration.ofSeconds(10)).build();
            final OpenfireServer.LogMark mark = openfire.logMark();

            // Execute
            final HttpResponse<String> head = attacker.send(HttpRequest.newBuilder(URI.create(openfire.boshHttpsUri() + "?"
                + URLEncoder.encode(body, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(20))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            // Verify
            assertEquals(404, head.statusCode(), "answered as an unknown session");
            assertNotNull(openfire.waitForLog(mark, Pattern.compile("CERTIFICATE_CHANGED"), Duration.ofSeconds(10)));
        }
    }

    @Test
    void theServersOwnPagesAndListedOriginsAndOtherClientsLogIn() throws Exception {
        // Setup
        final String own = "https://" + OpenfireServer.HOST + ":" + openfire.boshHttpsPort();
        final List<Map<String, String>> callers = List.of(page(own, "same-origin"), page(LISTED, "cross-site"), Map.of());

        for (Map<String, String> headers : callers) {
            // Execute
            final boolean overBosh;
            try (BoshClient client = bosh(alice, headers)) {
                client.createSession();
                assertEquals(List.of("EXTERNAL"), client.mechanisms(), headers.toString());
                overBosh = client.authExternal(null).success();
            }
            final boolean overWebSocket;
            try (XmppWebSocketClient client = webSocket(alice, headers.containsKey("Origin") ? Map.of("Origin", headers.get("Origin")) : Map.of())) {
                client.open(OpenfireServer.DOMAIN);
                overWebSocket = client.authExternal(null).success();
            }

            // Verify
            assertTrue(overBosh, "BOSH " + headers);
            assertTrue(overWebSocket, "WebSocket " + headers);
        }
    }

    @Test
    void aPasswordUserOnAnotherSiteIsUnaffected() throws Exception {
        // Setup
        try (BoshClient client = bosh(null, page(ATTACKER, "cross-site"))) {
            client.createSession();

            // Execute
            final BoshClient.AuthResult auth = client.authPlain("bob", openfire.password("bob"));

            // Verify
            assertTrue(auth.success(), auth.condition());
        }
    }

    private static String scriptGet(HttpClient http, String body, Map<String, String> headers) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(openfire.boshHttpsUri() + "?" + URLEncoder.encode(body, StandardCharsets.UTF_8)))
            .timeout(Duration.ofSeconds(20)).GET();
        headers.forEach(request::header);
        final HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static javax.net.ssl.SSLContext trustAnything() throws Exception {
        final javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
        ssl.init(null, new javax.net.ssl.TrustManager[]{new org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TrustAnythingTrustManager()}, null);
        return ssl;
    }

}
