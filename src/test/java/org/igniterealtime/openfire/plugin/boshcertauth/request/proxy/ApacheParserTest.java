package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class ApacheParserTest {

    private final ForwardedCertificateParser parser = ProxyFormat.APACHE.parser(null, HeaderLimits.DEFAULTS);

    @Test
    void pemWithSpacesAndChainHeaders() {
        // Setup: RequestHeader set X-SSL-Client-Cert "%{SSL_CLIENT_CERT}s" and ...-Chain-0 "%{SSL_CLIENT_CERT_CHAIN_0}s"
        final HeaderSource headers = Headers.with("X-SSL-Client-Cert", ProxyEncodings.apache(Pki.alice()))
            .and("X-SSL-Client-Cert-Chain-0", ProxyEncodings.apache(Pki.intermediate()))
            .and("X-SSL-Client-Cert-Chain-1", "(null)")
            .and("X-SSL-Client-Verify", "SUCCESS").source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Pki.aliceChain(), result.chain(), result::toString);
        assertEquals(Optional.of("SUCCESS"), result.proxyVerifyStatus());
    }

    @Test
    void pemWithNewlinesIsReadToo() {
        // Setup
        final HeaderSource headers = Headers.with("X-SSL-Client-Cert", TestPki.pem(Pki.alice())).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(List.of(Pki.alice()), result.chain(), result::toString);
    }

    @Test
    void nullMeansNoCertificate() {
        // Setup: mod_headers writes "(null)" for an unset SSL variable
        final HeaderSource headers = Headers.with("X-SSL-Client-Cert", "(null)").and("X-SSL-Client-Cert-Chain-0", "(null)")
            .and("X-SSL-Client-Verify", "NONE").source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertTrue(result.isAbsent(), result::toString);
    }

    @Test
    void generousIsNotARefusal() {
        // Setup: optional_no_ca passes an unverified certificate on as GENEROUS; the plugin validates it itself
        final HeaderSource headers = Headers.with("X-SSL-Client-Cert", ProxyEncodings.apache(Pki.alice()))
            .and("X-SSL-Client-Verify", "GENEROUS").source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertTrue(result.hasChain(), result::toString);
    }

    @Test
    void verifyFailedRefuses() {
        // Setup
        final HeaderSource headers = Headers.with("X-SSL-Client-Cert", ProxyEncodings.apache(Pki.alice()))
            .and("X-SSL-Client-Verify", "FAILED:unable to get local issuer certificate").source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_VERIFY_FAILED), result.failure());
    }

    @Test
    void renamedCertificateHeaderRenamesTheChainHeaders() {
        // Setup
        final ForwardedCertificateParser renamed = ProxyFormat.APACHE.parser("SSL_CLIENT_CERT", HeaderLimits.DEFAULTS);
        final HeaderSource headers = Headers.with("SSL_CLIENT_CERT", ProxyEncodings.apache(Pki.alice()))
            .and("SSL_CLIENT_CERT-Chain-0", ProxyEncodings.apache(Pki.intermediate())).source();
        // Execute
        final ParsedChain result = renamed.parse(headers);
        // Verify
        assertEquals(Pki.aliceChain(), result.chain(), result::toString);
    }

    @Test
    void chainHeaderWithoutCertificateIsRefused() {
        // Setup
        final HeaderSource headers = Headers.with("X-SSL-Client-Cert-Chain-0", ProxyEncodings.apache(Pki.intermediate())).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_UNDECODABLE), result.failure());
    }

    @Test
    void tooManyChainHeadersIsChainTooLong() {
        // Setup: limit 3 = leaf + 2 intermediates; a third chain header is one too many
        final ForwardedCertificateParser limited = ProxyFormat.APACHE.parser(null, new HeaderLimits(16384, 3));
        final HeaderSource headers = Headers.with("X-SSL-Client-Cert", ProxyEncodings.apache(Pki.alice()))
            .and("X-SSL-Client-Cert-Chain-0", ProxyEncodings.apache(Pki.intermediate()))
            .and("X-SSL-Client-Cert-Chain-1", ProxyEncodings.apache(Pki.ROOT.certificate()))
            .and("X-SSL-Client-Cert-Chain-2", ProxyEncodings.apache(Pki.ROOT.certificate())).source();
        // Execute
        final ParsedChain result = limited.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.CHAIN_TOO_LONG), result.failure());
    }

    @Test
    void chainAtTheLimitIsAccepted() {
        // Setup
        final ForwardedCertificateParser limited = ProxyFormat.APACHE.parser(null, new HeaderLimits(16384, 3));
        final HeaderSource headers = Headers.with("X-SSL-Client-Cert", ProxyEncodings.apache(Pki.alice()))
            .and("X-SSL-Client-Cert-Chain-0", ProxyEncodings.apache(Pki.intermediate()))
            .and("X-SSL-Client-Cert-Chain-1", ProxyEncodings.apache(Pki.ROOT.certificate())).source();
        // Execute
        final ParsedChain result = limited.parse(headers);
        // Verify
        assertEquals(3, result.chain().size(), result::toString);
    }

    @Test
    void twoCertificatesInOneChainHeaderAreRefused() {
        // Setup
        final HeaderSource headers = Headers.with("X-SSL-Client-Cert", ProxyEncodings.apache(Pki.alice()))
            .and("X-SSL-Client-Cert-Chain-0", ProxyEncodings.apache(Pki.intermediate()) + ProxyEncodings.apache(Pki.ROOT.certificate())).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_UNDECODABLE), result.failure());
    }
}
