package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class HaproxyParserTest {

    private final ForwardedCertificateParser parser = ProxyFormat.HAPROXY.parser(null, HeaderLimits.DEFAULTS);

    @Test
    void base64DerWithConcatenatedChain() {
        // Setup: %[ssl_c_der,base64] and %[ssl_c_chain_der,base64] (the chain without the leaf)
        final HeaderSource headers = Headers.with("X-SSL-Client-Cert", ProxyEncodings.haproxy(Pki.alice()))
            .and("X-SSL-Client-Chain", ProxyEncodings.haproxyChain(List.of(Pki.intermediate(), Pki.ROOT.certificate()))).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(List.of(Pki.alice(), Pki.intermediate(), Pki.ROOT.certificate()), result.chain(), result::toString);
    }

    @Test
    void leafAlone() {
        // Setup
        final HeaderSource headers = Headers.with("X-SSL-Client-Cert", ProxyEncodings.haproxy(Pki.alice())).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(List.of(Pki.alice()), result.chain());
    }

    @Test
    void emptyHeadersMeanNoCertificate() {
        // Setup: without "if { ssl_c_used }" HAProxy sends the headers empty
        final HeaderSource headers = Headers.with("X-SSL-Client-Cert", "").and("X-SSL-Client-Chain", "").source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertTrue(result.isAbsent(), result::toString);
    }

    @Test
    void garbageBase64IsUndecodable() {
        // Setup
        final HeaderSource headers = Headers.with("X-SSL-Client-Cert", "MIIB$$not*base64!!").source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_UNDECODABLE), result.failure());
    }

    @Test
    void truncatedDerIsMalformed() {
        // Setup: valid base64 of the first 200 bytes of the certificate
        final byte[] der = ProxyEncodings.der(Pki.alice());
        final HeaderSource headers = Headers.with("X-SSL-Client-Cert",
            Base64.getEncoder().encodeToString(Arrays.copyOf(der, 200))).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.MALFORMED), result.failure());
    }

    @Test
    void bytesAfterTheCertificateAreUndecodable() {
        // Setup: two certificates where one is expected
        final HeaderSource headers = Headers.with("X-SSL-Client-Cert",
            ProxyEncodings.haproxyChain(List.of(Pki.alice(), Pki.intermediate()))).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_UNDECODABLE), result.failure());
    }

    @Test
    void chainBeyondTheLimitIsChainTooLong() {
        // Setup: limit 2 — leaf + one
        final ForwardedCertificateParser limited = ProxyFormat.HAPROXY.parser(null, new HeaderLimits(16384, 2));
        final HeaderSource headers = Headers.with("X-SSL-Client-Cert", ProxyEncodings.haproxy(Pki.alice()))
            .and("X-SSL-Client-Chain", ProxyEncodings.haproxyChain(List.of(Pki.intermediate(), Pki.ROOT.certificate()))).source();
        // Execute
        final ParsedChain result = limited.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.CHAIN_TOO_LONG), result.failure());
    }

    @Test
    void chainWithoutCertificateIsRefused() {
        // Setup
        final HeaderSource headers = Headers.with("X-SSL-Client-Chain", ProxyEncodings.haproxyChain(List.of(Pki.intermediate()))).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_UNDECODABLE), result.failure());
    }
}
