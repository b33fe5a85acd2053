package org.igniterealtime.openfire.plugin.boshcertauth.bosh;

import org.igniterealtime.openfire.plugin.boshcertauth.request.CertificateSource;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.FilterInstallation;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.HttpBindContextLocator;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestRuntimes;
import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AttemptLog;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AuditTrail;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.config.BoshClientCertPolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.config.PluginConfiguration;
import org.igniterealtime.openfire.plugin.boshcertauth.request.AllowedOrigins;
import org.igniterealtime.openfire.plugin.boshcertauth.request.OriginPolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.MechanismEnforcement;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.MechanismOffer;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.EmbeddedBoshServer;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.FakeBoshServlet;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The filter installed the way the plugin installs it, in front of a servlet that behaves like Openfire's
 * HttpBindServlet, on real Jetty 12 ee8 with real TLS client authentication on loopback.
 */
class ClientCertificateFilterTest {

    private static final Pattern SID = Pattern.compile("sid=\"([^\"]+)\"");
    /** What the fake servlet sets, as Openfire's openfire.OpenfireCorsHeaders would for Openfire's defaults. */
    private static final CorsHeaders FAKE_SERVLETS_CORS = (request, response) -> {
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Access-Control-Max-Age", "86400");
        return true;
    };
    private static TestPki.Issued root;
    private static TestPki.Issued alice;
    private static TestPki.Issued bob;
    private static TestPki.Issued noIdentity;
    private static TestPki.Issued foreignDomain;
    private static EmbeddedBoshServer server;

    private final AtomicReference<PluginRuntime> runtime = new AtomicReference<>();
    private final AttemptLog attempts = new AttemptLog(100);
    private final AtomicInteger inits = new AtomicInteger();
    private FilterInstallation installation;

    @BeforeAll
    static void startServer() throws Exception {
        root = TestPki.rootCa("Filter Test Root");
        alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(root).build();
        bob = TestPki.certificate("bob").xmppAddr("bob@localhost").issuedBy(root).build();
        noIdentity = TestPki.certificate("no identity").email("nobody@example.org").issuedBy(root).build();
        foreignDomain = TestPki.certificate("alice elsewhere").xmppAddr("alice@example.org").issuedBy(root).build();
        server = new EmbeddedBoshServer(false, root.certificate());
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void install() {
        configure(MechanismOffer.EXTERNAL_ONLY, MechanismEnforcement.CERTIFICATE_IDENTITY, BoshClientCertPolicy.WANTED, true);
        final ClientCertificateFilter filter = new ClientCertificateFilter(runtime::get, (request, rt) -> CertificateSource.fromTls(request),
            sid -> {
                final FakeBoshServlet.CreatedSession session = server.servlet().sessions.get(sid);
                return session == null ? null : session.certificates();
            },
            new AuditTrail(attempts, (user, summary, details) -> { }), Clock.systemUTC(), inits::incrementAndGet, FAKE_SERVLETS_CORS);
        final HttpBindContextLocator.Lookup lookup = HttpBindContextLocator.find(server.httpBindManager(), "/http-bind");
        installation = FilterInstallation.install(lookup.context(), "boshcertauth-test", filter);
    }

    @AfterEach
    void uninstall() {
        if (installation.isInstalled()) {
            installation.uninstall();
        }
    }

    private void configure(MechanismOffer offer, MechanismEnforcement enforcement, BoshClientCertPolicy policy, boolean pin) {
        configure(offer, enforcement, policy, pin, "");
    }

    private void configure(MechanismOffer offer, MechanismEnforcement enforcement, BoshClientCertPolicy policy, boolean pin,
                           String allowedOrigins) {
        final CertificatePolicy certificatePolicy = CertificatePolicy.builder().trust(Set.of(root.certificate()))
            .domains(Set.of("localhost")).revocationMode(RevocationMode.OFF).generation(System.nanoTime()).build();
        final PluginConfiguration configuration = new PluginConfiguration(certificatePolicy, policy, offer, enforcement, pin, 100,
            null, new OriginPolicy(AllowedOrigins.parse(allowedOrigins)), List.of(), List.of());
        runtime.set(TestRuntimes.runtime(configuration, new RevocationService(), Clock.systemUTC()));
    }

    private static HttpResponse<String> createSession(HttpClient client) throws Exception {
        return EmbeddedBoshServer.post(client, server.httpsUri(), EmbeddedBoshServer.sessionCreationBody(), Map.of());
    }

    private static String sid(HttpResponse<String> response) {
        final Matcher m = SID.matcher(response.body());
        assertTrue(m.find(), "no sid in " + response.body());
        return m.group(1);
    }

    @Test
    void locatorFindsTheBoshContextInAHandlerSequenceLikeOpenfires() {
        // Execute
        final HttpBindContextLocator.Lookup found = HttpBindContextLocator.find(server.httpBindManager(), "/http-bind");
        final HttpBindContextLocator.Lookup websocket = HttpBindContextLocator.find(server.httpBindManager(), "/ws");
        final HttpBindContextLocator.Lookup wrongObject = HttpBindContextLocator.find(new Object(), "/http-bind");

        // Verify
        assertTrue(found.context() == server.boshContext());
        assertTrue(websocket.context() == null && websocket.problem().contains("/ws"));
        assertTrue(wrongObject.context() == null && wrongObject.problem().contains("not supported"));
    }

    @Test
    void filterIsFirstAndAsyncCapable() {
        // Verify
        assertTrue(installation.isInstalled());
        assertTrue(installation.isFirst());
        assertTrue(installation.holder().isAsyncSupported());
        assertEquals(1, inits.get(), "init() is called once on installation into a running context");
    }

    @Test
    void sessionWithCertificateIsOfferedExternalOnly() throws Exception {
        // Execute
        final HttpResponse<String> response = createSession(server.client(alice));

        // Verify
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("<mechanisms xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><mechanism>EXTERNAL</mechanism></mechanisms>"), response.body());
        assertFalse(response.body().contains("SCRAM"));
        assertEquals(String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length), response.headers().firstValue("Content-Length").orElseThrow());
        final FakeBoshServlet.CreatedSession created = server.servlet().sessions.get(sid(response));
        assertArrayEquals(alice.chainWithoutRoot().toArray(), created.certificates(), "Openfire sees the TLS chain as before");
    }

    @Test
    void offerAllLeavesOpenfiresMechanismsUntouched() throws Exception {
        // Setup
        configure(MechanismOffer.ALL, MechanismEnforcement.NONE, BoshClientCertPolicy.WANTED, true);

        // Execute
        final HttpResponse<String> response = createSession(server.client(alice));

        // Verify
        assertTrue(response.body().contains(FakeBoshServlet.MECHANISMS), response.body());
    }

    @Test
    void certificateWithoutIdentityKeepsPasswordMechanisms() throws Exception {
        // Execute
        final HttpResponse<String> response = createSession(server.client(noIdentity));

        // Verify
        assertTrue(response.body().contains(FakeBoshServlet.MECHANISMS), response.body());
    }

    @Test
    void unusableCertificateAtSessionCreationIsRecordedOnceAndNamedToTheClient() throws Exception {
        // Execute (issue 15: this used to leave no trace anywhere)
        final HttpResponse<String> response = createSession(server.client(foreignDomain));

        // Verify
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains(FakeBoshServlet.MECHANISMS), "password users keep their mechanisms: " + response.body());
        assertEquals("FOREIGN_DOMAIN", response.headers().firstValue(ClientCertificateFilter.REFUSAL_HEADER).orElseThrow());
        assertEquals(1, attempts.recent().size(), "recorded once: " + attempts.recent());
        final LoginAttempt attempt = attempts.recent().get(0);
        assertEquals(FailureReason.FOREIGN_DOMAIN, attempt.reason());
        assertEquals("BOSH", attempt.transport());
        assertEquals(foreignDomain.certificate().getSubjectX500Principal().getName(), attempt.certificate().subject());
        assertTrue(attempt.detail().contains("session creation") && attempt.detail().contains("EXTERNAL will fail"), attempt.detail());
        assertTrue(attempt.detail().contains("password login on this session is refused too"), "CERTIFICATE_IDENTITY: " + attempt.detail());
    }

    @Test
    void unusableCertificateUnderExternalOnlyEnforcementIsOfferedExternalAlone() throws Exception {
        // Setup: every password mechanism would be refused anyway
        configure(MechanismOffer.EXTERNAL_ONLY, MechanismEnforcement.EXTERNAL_ONLY, BoshClientCertPolicy.WANTED, true);

        // Execute
        final HttpResponse<String> response = createSession(server.client(noIdentity));

        // Verify
        assertTrue(response.body().contains("<mechanisms xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><mechanism>EXTERNAL</mechanism></mechanisms>"), response.body());
        assertEquals("NO_IDENTITY", response.headers().firstValue(ClientCertificateFilter.REFUSAL_HEADER).orElseThrow());
        assertEquals(FailureReason.NO_IDENTITY, attempts.recent().get(0).reason());
    }

    @Test
    void usableCertificateAndNoCertificateAreNotReportedAsUnusable() throws Exception {
        // Execute
        final HttpResponse<String> withCertificate = createSession(server.client(alice));
        final HttpResponse<String> without = createSession(server.client(null));

        // Verify
        assertTrue(withCertificate.headers().firstValue(ClientCertificateFilter.REFUSAL_HEADER).isEmpty());
        assertTrue(without.headers().firstValue(ClientCertificateFilter.REFUSAL_HEADER).isEmpty());
        assertTrue(attempts.recent().isEmpty(), attempts.recent().toString());
    }

    @Test
    void sessionWithoutCertificateKeepsPasswordMechanismsUnderWanted() throws Exception {
        // Execute
        final HttpResponse<String> response = createSession(server.client(null));

        // Verify
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains(FakeBoshServlet.MECHANISMS), response.body());
    }

    @Test
    void certificateOnlyEnforcementRefusesRequestsWithoutCertificate() throws Exception {
        // Setup
        configure(MechanismOffer.EXTERNAL_ONLY, MechanismEnforcement.EXTERNAL_ONLY, BoshClientCertPolicy.WANTED, true);
        final int before = server.servlet().processedBodies.get();

        // Execute
        final HttpResponse<String> response = createSession(server.client(null));

        // Verify
        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("type='terminate'") && response.body().contains("policy-violation"));
        assertEquals("NO_CERTIFICATE", response.headers().firstValue("X-BOSH-Certificate-Refusal").orElseThrow());
        assertEquals(before, server.servlet().processedBodies.get(), "Openfire never saw the request");
        final LoginAttempt attempt = attempts.recent().get(0);
        assertEquals(FailureReason.NO_CERTIFICATE, attempt.reason());
        assertEquals("bosh", attempt.stage());
    }

    @Test
    void refusalCarriesOpenfiresCorsHeadersAndExposesItsReason() throws Exception {
        // Setup: issue 15 — without them a page on another origin sees a CORS error, never the refusal
        configure(MechanismOffer.EXTERNAL_ONLY, MechanismEnforcement.EXTERNAL_ONLY, BoshClientCertPolicy.WANTED, true);

        // Execute
        final HttpResponse<String> response = EmbeddedBoshServer.post(server.client(null), server.httpsUri(),
            EmbeddedBoshServer.sessionCreationBody(), Map.of("Origin", "https://chat.example.org"));

        // Verify
        assertEquals(403, response.statusCode());
        assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals("86400", response.headers().firstValue("Access-Control-Max-Age").orElse(null));
        assertEquals(ClientCertificateFilter.REFUSAL_HEADER, response.headers().firstValue("Access-Control-Expose-Headers").orElse(null));
    }

    @Test
    void unusableCertificateHeaderIsExposedToThePage() throws Exception {
        // Execute
        final HttpResponse<String> response = createSession(server.client(foreignDomain));

        // Verify
        assertEquals("FOREIGN_DOMAIN", response.headers().firstValue(ClientCertificateFilter.REFUSAL_HEADER).orElseThrow());
        assertEquals(ClientCertificateFilter.REFUSAL_HEADER, response.headers().firstValue("Access-Control-Expose-Headers").orElse(null));
        assertEquals(List.of("*"), response.headers().allValues("Access-Control-Allow-Origin"), "set once, not twice");
    }

    @Test
    void pinnedSessionRefusalHasTheCorsHeadersOfOpenfiresUnknownSessionAnswer() throws Exception {
        // Setup
        final String sid = sid(createSession(server.client(alice)));

        // Execute
        final HttpResponse<String> refusal = EmbeddedBoshServer.post(server.client(bob), server.httpsUri(), EmbeddedBoshServer.sessionBody(sid, 2), Map.of());
        final HttpResponse<String> unknown = EmbeddedBoshServer.post(server.client(bob), server.httpsUri(), EmbeddedBoshServer.sessionBody("sid-that-never-existed", 2), Map.of());

        // Verify
        assertEquals(404, refusal.statusCode());
        assertEquals(unknown.headers().allValues("Access-Control-Allow-Origin"), refusal.headers().allValues("Access-Control-Allow-Origin"));
        assertEquals(List.of("*"), refusal.headers().allValues("Access-Control-Allow-Origin"));
        assertTrue(refusal.headers().firstValue("Access-Control-Expose-Headers").isEmpty(), "nothing that tells a live sid apart");
    }

    @Test
    void laterRequestWithTheSameCertificatePasses() throws Exception {
        // Setup
        final HttpClient client = server.client(alice);
        final String sid = sid(createSession(client));

        // Execute
        final HttpResponse<String> response = EmbeddedBoshServer.post(client, server.httpsUri(), EmbeddedBoshServer.sessionBody(sid, 2), Map.of());

        // Verify
        assertEquals(200, response.statusCode());
    }

    @Test
    void stolenSidWithAnotherCertificateIsRefused() throws Exception {
        // Setup
        final String sid = sid(createSession(server.client(alice)));
        final int before = server.servlet().processedBodies.get();

        // Execute
        final HttpResponse<String> response = EmbeddedBoshServer.post(server.client(bob), server.httpsUri(), EmbeddedBoshServer.sessionBody(sid, 2), Map.of());

        // Verify
        assertEquals(before, server.servlet().processedBodies.get(), "the body never reached Openfire");
        assertEquals(FailureReason.CERTIFICATE_CHANGED, attempts.recent().get(0).reason());
        assertAnsweredAsUnknownSession(response, server.client(bob));
    }

    /**
     * The refusal of a request to a live session with the wrong certificate is the very answer Openfire gives for a
     * sid that does not exist: status, headers that matter and body — so it tells nobody whether a sid is live.
     */
    private static void assertAnsweredAsUnknownSession(HttpResponse<String> refusal, HttpClient client) throws Exception {
        final HttpResponse<String> unknown = EmbeddedBoshServer.post(client, server.httpsUri(), EmbeddedBoshServer.sessionBody("sid-that-never-existed", 2), Map.of());
        assertEquals(404, unknown.statusCode(), "the fake servlet answers an unknown sid as Openfire does");
        assertEquals(unknown.statusCode(), refusal.statusCode());
        assertEquals(unknown.body(), refusal.body());
        assertEquals(unknown.headers().firstValue("Content-Type"), refusal.headers().firstValue("Content-Type"));
        assertTrue(refusal.headers().firstValue("X-BOSH-Certificate-Refusal").isEmpty(), "no hint that the sid exists");
    }

    @Test
    void stolenSidWithoutCertificateIsRefused() throws Exception {
        // Setup
        final String sid = sid(createSession(server.client(alice)));

        // Execute
        final HttpResponse<String> response = EmbeddedBoshServer.post(server.client(null), server.httpsUri(), EmbeddedBoshServer.sessionBody(sid, 2), Map.of());

        // Verify
        assertAnsweredAsUnknownSession(response, server.client(null));
        assertEquals(FailureReason.CERTIFICATE_CHANGED, attempts.recent().get(0).reason());
    }

    @Test
    void pinningCanBeSwitchedOff() throws Exception {
        // Setup
        final String sid = sid(createSession(server.client(alice)));
        configure(MechanismOffer.EXTERNAL_ONLY, MechanismEnforcement.CERTIFICATE_IDENTITY, BoshClientCertPolicy.WANTED, false);

        // Execute
        final HttpResponse<String> response = EmbeddedBoshServer.post(server.client(bob), server.httpsUri(), EmbeddedBoshServer.sessionBody(sid, 2), Map.of());

        // Verify
        assertEquals(200, response.statusCode());
    }

    @Test
    void unparseableBodyIsRefusedWhilePinning() throws Exception {
        // Execute
        final HttpResponse<String> response = EmbeddedBoshServer.post(server.client(alice), server.httpsUri(), "<!DOCTYPE x [<!ENTITY e 'x'>]><body sid='&e;'/>", Map.of());

        // Verify
        assertEquals(403, response.statusCode());
        assertEquals("MALFORMED_REQUEST", response.headers().firstValue("X-BOSH-Certificate-Refusal").orElseThrow());
    }

    @Test
    void scriptSyntaxGetIsPinnedToo() throws Exception {
        // Setup
        final String sid = sid(createSession(server.client(alice)));
        final URI uri = URI.create(server.httpsUri() + "?" + java.net.URLEncoder.encode(EmbeddedBoshServer.sessionBody(sid, 2), StandardCharsets.UTF_8));

        // Execute
        final HttpResponse<String> response = server.client(bob).send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
            HttpResponse.BodyHandlers.ofString());

        // Verify
        assertEquals(404, response.statusCode());
        assertEquals(FailureReason.CERTIFICATE_CHANGED, attempts.recent().get(0).reason());
    }

    @Test
    void headWithAStolenSidIsPinnedLikeGet() throws Exception {
        // Setup: HttpServlet.doHead runs doGet, which Openfire processes as a script-syntax BOSH body (finding 4)
        final String sid = sid(createSession(server.client(alice)));
        final int before = server.servlet().processedBodies.get();
        final URI uri = URI.create(server.httpsUri() + "?" + java.net.URLEncoder.encode(EmbeddedBoshServer.sessionBody(sid, 2), StandardCharsets.UTF_8));

        // Execute
        final HttpResponse<String> withoutCertificate = server.client(null).send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
            .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        final HttpResponse<String> withAnother = server.client(bob).send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
            .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        // Verify
        assertEquals(404, withoutCertificate.statusCode());
        assertEquals(404, withAnother.statusCode());
        assertTrue(server.servlet().bodies.subList(before, server.servlet().bodies.size()).stream().noneMatch(b -> b.contains(sid)),
            "Openfire never saw either HEAD's body for the live session (only a sid that cannot exist)");
        assertEquals(2, attempts.recent().stream().filter(a -> a.reason() == FailureReason.CERTIFICATE_CHANGED).mapToInt(LoginAttempt::count).sum(),
            "both recorded as CERTIFICATE_CHANGED (identical refusals folded into one row): " + attempts.recent());
    }

    @Test
    void otherMethodsAreCheckedToo() throws Exception {
        // Setup
        configure(MechanismOffer.EXTERNAL_ONLY, MechanismEnforcement.EXTERNAL_ONLY, BoshClientCertPolicy.WANTED, true);

        // Execute
        final HttpResponse<String> put = server.client(null).send(HttpRequest.newBuilder(server.httpsUri()).timeout(Duration.ofSeconds(20))
            .PUT(HttpRequest.BodyPublishers.ofString(EmbeddedBoshServer.sessionCreationBody())).build(), HttpResponse.BodyHandlers.ofString());
        final HttpResponse<String> options = server.client(null).send(HttpRequest.newBuilder(server.httpsUri()).timeout(Duration.ofSeconds(20))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://chat.example.org")
            .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());

        // Verify
        assertEquals(403, put.statusCode());
        assertEquals("NO_CERTIFICATE", put.headers().firstValue("X-BOSH-Certificate-Refusal").orElseThrow());
        assertTrue(options.headers().firstValue("X-BOSH-Certificate-Refusal").isEmpty(), "a CORS pre-flight is left to Openfire");
    }

    // ----- origins: the certificate is an ambient credential (security issue, findings 1-3)

    private static Map<String, String> crossSite(String origin) {
        return Map.of("Origin", origin, "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "cors", "Sec-Fetch-Dest", "empty");
    }

    @Test
    void anotherSitesPageCannotUseTheCertificate() throws Exception {
        // Setup: the browser presents alice's certificate for a page on http://127.0.0.1:8002 (cross-origin XHR/fetch)

        // Execute
        final HttpResponse<String> response = EmbeddedBoshServer.post(server.client(alice), server.httpsUri(),
            EmbeddedBoshServer.sessionCreationBody(), crossSite("http://127.0.0.1:8002"));

        // Verify: the session exists, but as if without certificate: password mechanisms, Openfire never saw the certificate
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains(FakeBoshServlet.MECHANISMS), response.body());
        assertNull(server.servlet().sessions.get(sid(response)).certificates(), "Openfire must not see the certificate");
        final LoginAttempt attempt = attempts.recent().get(0);
        assertEquals(FailureReason.ORIGIN_NOT_ALLOWED, attempt.reason());
        assertTrue(attempt.detail().contains("http://127.0.0.1:8002"), attempt.detail());
        assertEquals("http://127.0.0.1:8002", attempt.origin(), "what 'allow this origin' would add");
    }

    @Test
    void scriptInclusionFromAnotherSiteCannotUseTheCertificate() throws Exception {
        // Setup: <script src="https://server/http-bind/?<body…>"> — a GET without Origin (finding 2)
        final URI uri = URI.create(server.httpsUri() + "?" + java.net.URLEncoder.encode(EmbeddedBoshServer.sessionCreationBody(), StandardCharsets.UTF_8));

        // Execute
        final HttpResponse<String> response = server.client(alice).send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
            .header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Mode", "no-cors").header("Sec-Fetch-Dest", "script").GET().build(),
            HttpResponse.BodyHandlers.ofString());

        // Verify
        assertEquals(200, response.statusCode());
        assertNull(server.servlet().sessions.get(sid(response)).certificates(), "Openfire must not see the certificate");
        assertEquals(FailureReason.ORIGIN_NOT_ALLOWED, attempts.recent().get(0).reason());
    }

    @Test
    void scriptInclusionByABrowserWithoutFetchMetadataCannotUseTheCertificate() throws Exception {
        // Setup: Safari before 16.4 or Firefox before 90 send neither Origin nor Sec-Fetch-* on a <script> GET
        final URI uri = URI.create(server.httpsUri() + "?" + java.net.URLEncoder.encode(EmbeddedBoshServer.sessionCreationBody(), StandardCharsets.UTF_8));

        // Execute
        final HttpResponse<String> response = server.client(alice).send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        final HttpResponse<String> post = createSession(server.client(alice));

        // Verify: script syntax without any origin information is refused; a POST without it is a non-browser client
        assertNull(server.servlet().sessions.get(sid(response)).certificates(), "Openfire must not see the certificate");
        assertEquals(FailureReason.ORIGIN_NOT_ALLOWED, attempts.recent().get(0).reason());
        assertNotNull(server.servlet().sessions.get(sid(post)).certificates(), "a POST from a non-browser client keeps it");
    }

    @Test
    void aListedOriginAndTheServersOwnMayUseTheCertificate() throws Exception {
        // Setup
        configure(MechanismOffer.EXTERNAL_ONLY, MechanismEnforcement.CERTIFICATE_IDENTITY, BoshClientCertPolicy.WANTED, true, "http://127.0.0.1:8002");
        final String own = "https://localhost:" + server.httpsUri().getPort();

        // Execute
        final HttpResponse<String> listed = EmbeddedBoshServer.post(server.client(alice), server.httpsUri(),
            EmbeddedBoshServer.sessionCreationBody(), crossSite("http://127.0.0.1:8002"));
        final HttpResponse<String> sameOrigin = EmbeddedBoshServer.post(server.client(alice), server.httpsUri(),
            EmbeddedBoshServer.sessionCreationBody(), Map.of("Origin", own, "Sec-Fetch-Site", "same-origin"));
        final HttpResponse<String> nonBrowser = createSession(server.client(alice));

        // Verify
        for (HttpResponse<String> response : List.of(listed, sameOrigin, nonBrowser)) {
            assertTrue(response.body().contains("<mechanism>EXTERNAL</mechanism></mechanisms>"), response.body());
            assertArrayEquals(alice.chainWithoutRoot().toArray(), server.servlet().sessions.get(sid(response)).certificates());
        }
        assertTrue(attempts.recent().isEmpty(), "nothing refused: " + attempts.recent());
    }

    @Test
    void aSessionCannotBeContinuedFromAnotherSite() throws Exception {
        // Setup: alice logged in on the server's own page; another site learns the sid
        final String sid = sid(createSession(server.client(alice)));

        // Execute: the browser still presents alice's certificate with the other site's request
        final HttpResponse<String> response = EmbeddedBoshServer.post(server.client(alice), server.httpsUri(),
            EmbeddedBoshServer.sessionBody(sid, 2), crossSite("https://evil.example"));

        // Verify
        assertEquals(404, response.statusCode());
        assertEquals(FailureReason.CERTIFICATE_CHANGED, attempts.recent().get(0).reason());
        assertEquals(FailureReason.ORIGIN_NOT_ALLOWED, attempts.recent().get(1).reason());
    }

    @Test
    void certificateOnlyLoginRefusesAnotherSiteWithItsOwnReason() throws Exception {
        // Setup
        configure(MechanismOffer.EXTERNAL_ONLY, MechanismEnforcement.EXTERNAL_ONLY, BoshClientCertPolicy.WANTED, true);

        // Execute
        final HttpResponse<String> response = EmbeddedBoshServer.post(server.client(alice), server.httpsUri(),
            EmbeddedBoshServer.sessionCreationBody(), crossSite("http://127.0.0.1:8002"));

        // Verify
        assertEquals(403, response.statusCode());
        assertEquals("ORIGIN_NOT_ALLOWED", response.headers().firstValue("X-BOSH-Certificate-Refusal").orElseThrow());
        assertEquals(1, attempts.recent().size(), "recorded once: " + attempts.recent());
    }

    @Test
    void filterSurvivesRestartsOfTheBoshContext() throws Exception {
        // Execute
        server.restartBoshContext();
        server.restartBoshContext();
        final HttpResponse<String> response = createSession(server.client(alice));

        // Verify
        assertTrue(installation.isInstalled());
        assertTrue(installation.isFirst());
        assertEquals(3, inits.get(), "Jetty initialises the filter again on each restart (the moment to reload the configuration)");
        assertTrue(response.body().contains("<mechanism>EXTERNAL</mechanism></mechanisms>"), response.body());
    }

    @Test
    void uninstallRemovesEveryTrace() throws Exception {
        // Execute
        installation.uninstall();
        final HttpResponse<String> response = createSession(server.client(alice));

        // Verify
        assertFalse(installation.isInstalled());
        assertEquals(0, server.boshContext().getServletHandler().getFilters().length);
        assertEquals(0, server.boshContext().getServletHandler().getFilterMappings() == null ? 0 : server.boshContext().getServletHandler().getFilterMappings().length);
        assertNotNull(response);
        assertTrue(response.body().contains(FakeBoshServlet.MECHANISMS), "no longer rewritten: " + response.body());
    }

    // ----- script syntax: a refusal of a live pinned sid is Openfire's own answer for an unknown sid (second review)
    private static HttpResponse<String> scriptGet(HttpClient client, String body) throws Exception {
        final URI uri = URI.create(server.httpsUri() + "?" + java.net.URLEncoder.encode(body, StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aScriptSyntaxRefusalOfALiveSidLooksLikeAnUnknownSid() throws Exception {
        final String sid = sid(createSession(server.client(alice)));
        final HttpResponse<String> live = scriptGet(server.client(bob), EmbeddedBoshServer.sessionBody(sid, 2));
        final HttpResponse<String> unknown = scriptGet(server.client(bob), EmbeddedBoshServer.sessionBody("sid-that-never-existed", 2));
        assertEquals(unknown.statusCode(), live.statusCode());
        assertEquals(unknown.headers().firstValue("Access-Control-Allow-Origin"), live.headers().firstValue("Access-Control-Allow-Origin"),
            "CORS headers differ: live sid is distinguishable");
    }

    @Test
    void withScriptSyntaxOffTheRefusalLooksLikeOpenfiresOwn() throws Exception {
        final String sid = sid(createSession(server.client(alice)));
        server.servlet().scriptSyntaxEnabled = false; // Openfire's default
        try {
            final HttpResponse<String> live = scriptGet(server.client(bob), EmbeddedBoshServer.sessionBody(sid, 2));
            final HttpResponse<String> unknown = scriptGet(server.client(bob), EmbeddedBoshServer.sessionBody("sid-that-never-existed", 2));
            assertEquals(unknown.statusCode(), live.statusCode());
            assertEquals(unknown.body(), live.body(), "error page differs: live sid is distinguishable");
        } finally {
            server.servlet().scriptSyntaxEnabled = true;
        }
    }

    @Test
    void theUnwrappedRequestLosesTheWithheldCertificateToo() throws Exception {
        final HttpResponse<String> response = EmbeddedBoshServer.post(server.client(alice), server.httpsUri(),
            EmbeddedBoshServer.sessionCreationBody(), crossSite("http://127.0.0.1:8002"));
        assertNull(server.servlet().sessions.get(sid(response)).certificates());
        assertFalse(server.servlet().rawCertificate.get(sid(response)), "the unwrapped Jetty request still has the certificate");
    }

    @Test
    void aScriptSyntaxRefusalNamesThePeer() throws Exception {
        final String sid = sid(createSession(server.client(alice)));
        scriptGet(server.client(bob), EmbeddedBoshServer.sessionBody(sid, 2));
        assertEquals(FailureReason.CERTIFICATE_CHANGED, attempts.recent().get(0).reason());
        assertEquals("127.0.0.1", attempts.recent().get(0).remoteAddress(), "audit lost the peer address");
    }
}
