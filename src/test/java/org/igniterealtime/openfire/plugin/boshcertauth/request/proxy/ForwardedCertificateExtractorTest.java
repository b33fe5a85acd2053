package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class ForwardedCertificateExtractorTest {

    private static ForwardedCertificateExtractor extractor(String trusted, ProxyFormat format) {
        return new ForwardedCertificateExtractor(ProxySettings.of(TrustedProxies.parse(trusted), format));
    }

    private static HeaderSource nginxAlice() {
        return Headers.with("X-SSL-Client-Cert", ProxyEncodings.nginx(Pki.alice())).and("X-SSL-Client-Verify", "SUCCESS").source();
    }

    @Test
    void trustedProxysCertificateIsExtracted() {
        // Setup
        final ForwardedCertificateExtractor extractor = extractor("127.0.0.1", ProxyFormat.NGINX);
        // Execute
        final ParsedChain result = extractor.extract("127.0.0.1", nginxAlice());
        // Verify
        assertEquals(ParsedChain.Status.CHAIN, result.status(), result::toString);
        assertEquals(List.of(Pki.alice()), result.chain());
        assertTrue(result.failure().isEmpty());
    }

    @Test
    void spoofedHeaderFromUntrustedPeerIsIgnored() {
        // Setup: the client connects directly to the BOSH port and sends the header itself
        final ForwardedCertificateExtractor extractor = extractor("10.0.0.5", ProxyFormat.NGINX);
        // Execute
        final ParsedChain result = extractor.extract("203.0.113.9", nginxAlice());
        // Verify
        assertEquals(ParsedChain.Status.IGNORED_UNTRUSTED_PEER, result.status());
        assertEquals(Optional.of(FailureReason.PROXY_UNTRUSTED_PEER), result.failure());
        assertTrue(result.chain().isEmpty(), "an untrusted peer's certificate must never be returned");
        assertTrue(result.detail().contains("203.0.113.9"), result.detail());
    }

    @Test
    void defaultTrustsNobodyEvenLoopback() {
        // Setup
        final ForwardedCertificateExtractor extractor = new ForwardedCertificateExtractor(
            ProxySettings.of(TrustedProxies.none(), ProxyFormat.NGINX));
        // Execute
        final ParsedChain result = extractor.extract("127.0.0.1", nginxAlice());
        // Verify
        assertEquals(ParsedChain.Status.IGNORED_UNTRUSTED_PEER, result.status());
    }

    @Test
    void untrustedPeerWithoutHeadersIsAbsent() {
        // Setup
        final ForwardedCertificateExtractor extractor = extractor("10.0.0.5", ProxyFormat.NGINX);
        // Execute
        final ParsedChain result = extractor.extract("203.0.113.9", Headers.with("Accept", "*/*").source());
        // Verify
        assertEquals(ParsedChain.Status.ABSENT, result.status());
        assertTrue(result.failure().isEmpty());
    }

    @Test
    void spoofedChainHeaderAloneIsNoticed() {
        // Setup: only the chain header, e.g. trying to smuggle an intermediate
        final ForwardedCertificateExtractor extractor = extractor("10.0.0.5", ProxyFormat.RFC9440);
        final HeaderSource headers = Headers.with("Client-Cert-Chain", ProxyEncodings.rfc9440(Pki.intermediate())).source();
        // Execute
        final ParsedChain result = extractor.extract("203.0.113.9", headers);
        // Verify
        assertEquals(ParsedChain.Status.IGNORED_UNTRUSTED_PEER, result.status());
    }

    @Test
    void trustedProxyWithoutHeaderIsAbsent() {
        // Setup
        final ForwardedCertificateExtractor extractor = extractor("127.0.0.1", ProxyFormat.HAPROXY);
        // Execute
        final ParsedChain result = extractor.extract("127.0.0.1", Headers.none().source());
        // Verify
        assertEquals(ParsedChain.Status.ABSENT, result.status());
    }

    @Test
    void trustedProxysBadHeaderFails() {
        // Setup
        final ForwardedCertificateExtractor extractor = extractor("127.0.0.0/8", ProxyFormat.HAPROXY);
        // Execute
        final ParsedChain result = extractor.extract("127.0.0.2", Headers.with("X-SSL-Client-Cert", "###").source());
        // Verify
        assertEquals(ParsedChain.Status.FAILURE, result.status());
        assertEquals(Optional.of(FailureReason.PROXY_UNDECODABLE), result.failure());
        assertEquals(FailureReason.PROXY_UNDECODABLE, result.toVerdict().reason());
    }

    @Test
    void headerOverrideAndLimitsFromSettingsAreUsed() {
        // Setup
        final ProxySettings settings = new ProxySettings(TrustedProxies.parse("::1"), ProxyFormat.HAPROXY, "X-Client-Cert", 100, 5);
        final ForwardedCertificateExtractor extractor = new ForwardedCertificateExtractor(settings);
        // Execute
        final ParsedChain result = extractor.extract("::1", Headers.with("X-Client-Cert", ProxyEncodings.haproxy(Pki.alice())).source());
        // Verify: the certificate is longer than 100 bytes
        assertEquals(Optional.of(FailureReason.PROXY_HEADER_TOO_LARGE), result.failure());
    }
}
