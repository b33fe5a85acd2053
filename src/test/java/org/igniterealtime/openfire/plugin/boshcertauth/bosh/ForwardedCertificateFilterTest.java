package org.igniterealtime.openfire.plugin.boshcertauth.bosh;

import org.igniterealtime.openfire.plugin.boshcertauth.openfire.JettyPeerAddress;
import org.igniterealtime.openfire.plugin.boshcertauth.request.RequestCertificateSource;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.FilterInstallation;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestRuntimes;
import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AttemptLog;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AuditTrail;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.ProxyFormat;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.ProxySettings;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.TrustedProxies;
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
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A TLS-terminating reverse proxy in front of the BOSH endpoint: the certificate arrives as a header over plain HTTP.
 * The proxy hop is the test's HTTP client on 127.0.0.1; whether that address is trusted decides everything.
 */
class ForwardedCertificateFilterTest {

    private static final Pattern SID = Pattern.compile("sid=\"([^\"]+)\"");
    private static TestPki.Issued root;
    private static TestPki.Issued alice;
    private static TestPki.Issued bob;
    private static EmbeddedBoshServer server;
    private static HttpClient plain;

    private final AtomicReference<PluginRuntime> runtime = new AtomicReference<>();
    private final AttemptLog attempts = new AttemptLog(100);
    private FilterInstallation installation;

    @BeforeAll
    static void startServer() throws Exception {
        root = TestPki.rootCa("Proxy Test Root");
        alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(root).build();
        bob = TestPki.certificate("bob").xmppAddr("bob@localhost").issuedBy(root).build();
        server = new EmbeddedBoshServer(false, root.certificate());
        plain = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @AfterEach
    void uninstall() {
        installation.uninstall();
    }

    private void install(String trustedAddresses, ProxyFormat format) {
        install(ProxySettings.of(TrustedProxies.parse(trustedAddresses), format));
    }

    private void install(ProxySettings proxy) {
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(root.certificate()))
            .domains(Set.of("localhost")).revocationMode(RevocationMode.OFF).build();
        runtime.set(TestRuntimes.runtime(TestRuntimes.configuration(policy, MechanismOffer.EXTERNAL_ONLY,
            MechanismEnforcement.CERTIFICATE_IDENTITY, true, proxy), new RevocationService(), Clock.systemUTC()));
        final AuditTrail audit = new AuditTrail(attempts, (user, summary, details) -> { });
        final ClientCertificateFilter filter = new ClientCertificateFilter(runtime::get, new RequestCertificateSource(audit, Clock.systemUTC(), JettyPeerAddress.INSTANCE, "bosh"),
            sid -> {
                final FakeBoshServlet.CreatedSession session = server.servlet().sessions.get(sid);
                return session == null ? null : session.certificates();
            }, audit, Clock.systemUTC(), () -> { });
        installation = FilterInstallation.install(server.boshContext(), "boshcertauth-proxy-test", filter);
    }

    private static String haproxy(TestPki.Issued issued) throws Exception {
        return Base64.getEncoder().encodeToString(issued.certificate().getEncoded());
    }

    private static String nginx(TestPki.Issued issued) {
        return URLEncoder.encode(TestPki.pem(issued.certificate()), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        return EmbeddedBoshServer.post(plain, server.httpUri(), body, headers);
    }

    private static String sid(HttpResponse<String> response) {
        final Matcher m = SID.matcher(response.body());
        assertTrue(m.find(), response.body());
        return m.group(1);
    }

    @Test
    void forwardedCertificateFromTrustedProxyIsWhatOpenfireSees() throws Exception {
        // Setup
        install("127.0.0.1", ProxyFormat.HAPROXY);

        // Execute
        final HttpResponse<String> response = post(EmbeddedBoshServer.sessionCreationBody(), Map.of("X-SSL-Client-Cert", haproxy(alice)));

        // Verify
        assertEquals(200, response.statusCode(), response.body());
        final FakeBoshServlet.CreatedSession created = server.servlet().sessions.get(sid(response));
        assertArrayEquals(new Object[] { alice.certificate() }, created.certificates(), "the AsyncContext's request carries the forwarded chain");
        assertTrue(created.secure(), "the client used TLS to the proxy: Openfire must see an encrypted session");
        assertTrue(response.body().contains("<mechanisms xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><mechanism>EXTERNAL</mechanism></mechanisms>"), response.body());
    }

    @Test
    void nginxFormatWorksToo() throws Exception {
        // Setup
        install("127.0.0.0/8, ::1", ProxyFormat.NGINX);

        // Execute
        final HttpResponse<String> response = post(EmbeddedBoshServer.sessionCreationBody(),
            Map.of("X-SSL-Client-Cert", nginx(alice), "X-SSL-Client-Verify", "SUCCESS"));

        // Verify
        assertEquals(200, response.statusCode(), response.body());
        assertArrayEquals(new Object[] { alice.certificate() }, server.servlet().sessions.get(sid(response)).certificates());
    }

    @Test
    void headerFromUntrustedPeerIsIgnoredAndRecorded() throws Exception {
        // Setup: the proxy is elsewhere; this request comes straight from 127.0.0.1
        install("10.1.2.3, 2001:db8::/32", ProxyFormat.HAPROXY);

        // Execute
        final HttpResponse<String> response = post(EmbeddedBoshServer.sessionCreationBody(), Map.of("X-SSL-Client-Cert", haproxy(alice)));

        // Verify
        assertEquals(200, response.statusCode());
        final FakeBoshServlet.CreatedSession created = server.servlet().sessions.get(sid(response));
        assertNull(created.certificates(), "a spoofed header never becomes a certificate");
        assertFalse(created.secure());
        assertTrue(response.body().contains(FakeBoshServlet.MECHANISMS), "no narrowing without a certificate");
        assertEquals(FailureReason.PROXY_UNTRUSTED_PEER, attempts.recent().get(0).reason());
    }

    @Test
    void proxyVerificationFailureIsRefused() throws Exception {
        // Setup
        install("127.0.0.1", ProxyFormat.NGINX);

        // Execute
        final HttpResponse<String> response = post(EmbeddedBoshServer.sessionCreationBody(),
            Map.of("X-SSL-Client-Cert", nginx(alice), "X-SSL-Client-Verify", "FAILED:certificate has expired"));

        // Verify
        assertEquals(403, response.statusCode());
        assertEquals("PROXY_VERIFY_FAILED", response.headers().firstValue("X-BOSH-Certificate-Refusal").orElseThrow());
    }

    @Test
    void undecodableAndOversizedHeadersAreRefused() throws Exception {
        // Setup: a limit below Jetty's own request-header limit (which answers 431 by itself)
        install(new ProxySettings(TrustedProxies.parse("127.0.0.1"), ProxyFormat.HAPROXY, null, 2048, 5));

        // Execute
        final HttpResponse<String> garbage = post(EmbeddedBoshServer.sessionCreationBody(), Map.of("X-SSL-Client-Cert", "not*base64"));
        final HttpResponse<String> oversized = post(EmbeddedBoshServer.sessionCreationBody(), Map.of("X-SSL-Client-Cert", "A".repeat(4_000)));

        // Verify
        assertEquals(403, garbage.statusCode());
        assertEquals("PROXY_UNDECODABLE", garbage.headers().firstValue("X-BOSH-Certificate-Refusal").orElseThrow());
        assertEquals(403, oversized.statusCode());
        assertEquals("PROXY_HEADER_TOO_LARGE", oversized.headers().firstValue("X-BOSH-Certificate-Refusal").orElseThrow());
    }

    @Test
    void forwardedSessionIsPinnedToTheForwardedCertificate() throws Exception {
        // Setup
        install("127.0.0.1", ProxyFormat.HAPROXY);
        final String sid = sid(post(EmbeddedBoshServer.sessionCreationBody(), Map.of("X-SSL-Client-Cert", haproxy(alice))));

        // Execute
        final HttpResponse<String> same = post(EmbeddedBoshServer.sessionBody(sid, 2), Map.of("X-SSL-Client-Cert", haproxy(alice)));
        final HttpResponse<String> other = post(EmbeddedBoshServer.sessionBody(sid, 3), Map.of("X-SSL-Client-Cert", haproxy(bob)));
        final HttpResponse<String> none = post(EmbeddedBoshServer.sessionBody(sid, 3), Map.of());

        // Verify
        assertEquals(200, same.statusCode());
        assertEquals(404, other.statusCode(), "refused as for an unknown sid");
        assertEquals(404, none.statusCode(), "refused as for an unknown sid");
    }
}
