package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class NginxParserTest {

    private final ForwardedCertificateParser parser = ProxyFormat.NGINX.parser(null, HeaderLimits.DEFAULTS);

    @Test
    void escapedPemWithSuccessIsTheLeaf() {
        // Setup
        final HeaderSource headers = Headers.with("X-SSL-Client-Cert", ProxyEncodings.nginx(Pki.alice()))
            .and("X-SSL-Client-Verify", "SUCCESS").source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertTrue(result.hasChain(), result::toString);
        assertEquals(List.of(Pki.alice()), result.chain());
        assertEquals(Optional.of("SUCCESS"), result.proxyVerifyStatus());
    }

    @Test
    void withoutVerifyHeaderTheCertificateIsStillRead() {
        // Setup
        final HeaderSource headers = Headers.with("X-SSL-Client-Cert", ProxyEncodings.nginx(Pki.alice())).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(List.of(Pki.alice()), result.chain());
        assertTrue(result.proxyVerifyStatus().isEmpty());
    }

    @Test
    void verifyFailedRefuses() {
        // Setup
        final HeaderSource headers = Headers.with("X-SSL-Client-Cert", ProxyEncodings.nginx(Pki.alice()))
            .and("X-SSL-Client-Verify", "FAILED:certificate has expired").source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_VERIFY_FAILED), result.failure());
        assertTrue(result.detail().contains("certificate has expired"), result.detail());
    }

    @Test
    void verifyNoneWithACertificateRefuses() {
        // Setup
        final HeaderSource headers = Headers.with("X-SSL-Client-Cert", ProxyEncodings.nginx(Pki.alice()))
            .and("X-SSL-Client-Verify", "NONE").source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_VERIFY_FAILED), result.failure());
    }

    @Test
    void unrecognisedVerifyValueRefuses() {
        // Setup: fail closed on anything we do not know
        final HeaderSource headers = Headers.with("X-SSL-Client-Cert", ProxyEncodings.nginx(Pki.alice()))
            .and("X-SSL-Client-Verify", "success").source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_VERIFY_FAILED), result.failure());
    }

    @Test
    void verifyHeaderAloneIsAbsent() {
        // Setup: nginx sends the verify header (NONE) but omits the empty certificate header
        final HeaderSource headers = Headers.with("X-SSL-Client-Verify", "NONE").source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertTrue(result.isAbsent(), result::toString);
    }

    @Test
    void duplicatedVerifyHeaderIsRefused() {
        // Setup
        final HeaderSource headers = Headers.with("X-SSL-Client-Cert", ProxyEncodings.nginx(Pki.alice()))
            .and("X-SSL-Client-Verify", "SUCCESS").and("X-SSL-Client-Verify", "SUCCESS").source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_DUPLICATE_HEADER), result.failure());
    }

    @Test
    void twoCertificatesInTheHeaderAreRefused() {
        // Setup: $ssl_client_escaped_cert is exactly one certificate
        final HeaderSource headers = Headers.with("X-SSL-Client-Cert",
            ProxyEncodings.nginx(Pki.alice()) + ProxyEncodings.nginx(Pki.intermediate())).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_UNDECODABLE), result.failure());
    }

    @Test
    void literalPlusStaysAPlus() {
        // Setup: only line breaks and spaces escaped, base64's '+', '/' and '=' literal. A '+' must stay a '+'
        // (form decoding would make it a space, which the base64 decoder skips: the DER would be corrupt).
        final String pem = org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki.pem(Pki.alice());
        final String partlyEscaped = pem.replace("\n", "%0A").replace(" ", "%20");
        // Execute
        final ParsedChain result = parser.parse(Headers.with("X-SSL-Client-Cert", partlyEscaped).source());
        // Verify
        assertEquals(List.of(Pki.alice()), result.chain(), result::toString);
    }

    @Test
    void invalidPercentEscapeIsUndecodable() {
        // Setup
        final HeaderSource headers = Headers.with("X-SSL-Client-Cert", ProxyEncodings.nginx(Pki.alice()).replace("%0A", "%G0")).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_UNDECODABLE), result.failure());
    }
}
