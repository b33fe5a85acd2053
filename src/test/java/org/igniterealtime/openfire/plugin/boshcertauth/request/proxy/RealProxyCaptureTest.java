package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Replays what real nginx 1.22.1, HAProxy 2.6.12 and Apache httpd 2.4 (mod_ssl, mod_headers) sent to a JDK HttpServer behind them, for a `curl --cert` client
 * with the certificates in src/test/resources/proxy-captures (configurations beside them; see README there). Only the
 * parsing is checked, not validity.
 */
class RealProxyCaptureTest {

    private static X509Certificate lab(String name) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Headers.resource(name).getBytes(StandardCharsets.US_ASCII)));
    }

    private static ForwardedCertificateExtractor trustingLoopback(ProxyFormat format) {
        return new ForwardedCertificateExtractor(ProxySettings.of(TrustedProxies.parse("127.0.0.1, ::1"), format));
    }

    /** The capture as the trusted proxy on loopback delivered it. */
    private static ParsedChain replay(String capture, ProxyFormat format) {
        return trustingLoopback(format).extract("127.0.0.1", Headers.capture(capture));
    }

    @Test
    void nginxVerifyingProxy() throws Exception {
        // Setup: ssl_verify_client optional + ssl_client_certificate
        final String capture = "nginx-verified.headers";
        // Execute
        final ParsedChain result = replay(capture, ProxyFormat.NGINX);
        // Verify
        assertEquals(List.of(lab("lab-alice.pem")), result.chain(), result::toString);
        assertEquals(Optional.of("SUCCESS"), result.proxyVerifyStatus());
    }

    @Test
    void nginxOptionalNoCaReportsFailedSoTheVerifyHeaderMustNotBeForwarded() throws Exception {
        // Setup: ssl_verify_client optional_no_ca: nginx says FAILED:unable to get local issuer certificate
        final String capture = "nginx-no-ca.headers";
        // Execute
        final ParsedChain result = replay(capture, ProxyFormat.NGINX);
        // Verify: the proxy's verdict refuses — hence docs/proxy-recipes.md forwards no verify header with optional_no_ca
        assertEquals(Optional.of(FailureReason.PROXY_VERIFY_FAILED), result.failure(), result::toString);
    }

    @Test
    void nginxEncodingMatchesOurEmulation() throws Exception {
        // Setup: the emulation the other tests use must be byte-for-byte what nginx writes
        final String captured = Headers.capture("nginx-verified.headers").values("X-SSL-Client-Cert").get(0);
        // Execute
        final String emulated = ProxyEncodings.nginx(lab("lab-alice.pem"));
        // Verify
        assertEquals(captured, emulated);
    }

    @Test
    void haproxyWithChain() throws Exception {
        // Setup: ssl_c_chain_der holds what the client sent after its own certificate (here the intermediate)
        final String capture = "haproxy-chain.headers";
        // Execute
        final ParsedChain result = replay(capture, ProxyFormat.HAPROXY);
        // Verify
        assertEquals(List.of(lab("lab-alice.pem"), lab("lab-intermediate.pem")), result.chain(), result::toString);
    }

    @Test
    void haproxyEncodingMatchesOurEmulation() throws Exception {
        // Setup
        final HeaderSource captured = Headers.capture("haproxy-chain.headers");
        // Execute, Verify
        assertEquals(captured.values("X-SSL-Client-Cert").get(0), ProxyEncodings.haproxy(lab("lab-alice.pem")));
        assertEquals(captured.values("X-SSL-Client-Chain").get(0), ProxyEncodings.haproxyChain(List.of(lab("lab-intermediate.pem"))));
    }

    @Test
    void haproxyPassThroughForwardsACertificateItCouldNotVerify() throws Exception {
        // Setup: verify optional ca-ignore-err all crt-ignore-err all; a self-signed client certificate. HAProxy
        // forwards it (and, sending no verify result, cannot refuse it): the plugin's own validation decides.
        final String capture = "haproxy-passthrough-unknown-ca.headers";
        // Execute
        final ParsedChain result = replay(capture, ProxyFormat.HAPROXY);
        // Verify
        assertEquals(List.of(lab("lab-mallory-self-signed.pem")), result.chain(), result::toString);
    }

    @Test
    void apacheWithSpacesAndChainHeaders() throws Exception {
        // Setup: SSLVerifyClient optional + CA; Chain-1 and Chain-2 are "(null)"
        final String capture = "apache-chain.headers";
        // Execute
        final ParsedChain result = replay(capture, ProxyFormat.APACHE);
        // Verify
        assertEquals(List.of(lab("lab-alice.pem"), lab("lab-intermediate.pem")), result.chain(), result::toString);
        assertEquals(Optional.of("SUCCESS"), result.proxyVerifyStatus());
    }

    @Test
    void apacheEncodingMatchesOurEmulation() throws Exception {
        // Setup: mod_headers turned the line breaks into spaces; the server behind trimmed the trailing one
        final String captured = Headers.capture("apache-chain.headers").values("X-SSL-Client-Cert").get(0);
        // Execute
        final String emulated = ProxyEncodings.apache(lab("lab-alice.pem"));
        // Verify
        assertEquals(captured, emulated.strip());
    }

    @Test
    void apacheOptionalNoCaReportsFailedNotGenerous() {
        // Setup: SSLVerifyClient optional_no_ca with an issuer Apache does not know
        final String capture = "apache-no-ca.headers";
        // Execute
        final ParsedChain result = replay(capture, ProxyFormat.APACHE);
        // Verify: as with nginx, the verify header must not be forwarded in pass-through mode
        assertEquals(Optional.of(FailureReason.PROXY_VERIFY_FAILED), result.failure(), result::toString);
    }

    /**
     * No client certificate, but the client sent the forwarded-certificate headers itself: nginx's proxy_set_header
     * with an empty value dropped it, HAProxy's del-header removed them, Apache's RequestHeader set replaced them
     * with "(null)".
     */
    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource({
        "nginx-no-cert-spoof-attempt.headers,   NGINX",
        "haproxy-no-cert-spoof-attempt.headers, HAPROXY",
        "apache-no-cert-spoof-attempt.headers,  APACHE",
    })
    void withoutClientCertificateTheProxyRemovedTheClientsOwnHeaders(String capture, ProxyFormat format) {
        // Setup: the capture names
        // Execute
        final ParsedChain result = replay(capture, format);
        // Verify
        assertEquals(ParsedChain.Status.ABSENT, result.status(), result::toString);
    }

    @Test
    void capturedHeaderFromAnUntrustedPeerIsIgnored() {
        // Setup
        final HeaderSource captured = Headers.capture("nginx-verified.headers");
        // Execute
        final ParsedChain result = trustingLoopback(ProxyFormat.NGINX).extract("192.0.2.1", captured);
        // Verify
        assertEquals(ParsedChain.Status.IGNORED_UNTRUSTED_PEER, result.status());
    }

    @Test
    void labCertificateIsAJdkCertificateWithXmppAddr() throws Exception {
        // Setup, Execute
        final X509Certificate alice = lab("lab-alice.pem");
        // Verify: the lab material is what the recipe describes (an xmppAddr client certificate)
        assertNotNull(alice.getSubjectAlternativeNames());
        assertTrue(TestPki.pem(alice).startsWith("-----BEGIN CERTIFICATE-----"));
    }
}
