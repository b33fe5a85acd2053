package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class Rfc9440ParserTest {

    private final ForwardedCertificateParser parser = ProxyFormat.RFC9440.parser(null, HeaderLimits.DEFAULTS);

    @Test
    void byteSequenceAndChainList() {
        // Setup
        final HeaderSource headers = Headers.with("Client-Cert", ProxyEncodings.rfc9440(Pki.alice()))
            .and("Client-Cert-Chain", ProxyEncodings.rfc9440Chain(List.of(Pki.intermediate(), Pki.ROOT.certificate()))).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(List.of(Pki.alice(), Pki.intermediate(), Pki.ROOT.certificate()), result.chain(), result::toString);
    }

    @Test
    void chainSplitOverTwoFieldLines() {
        // Setup: RFC 8941 §4.2 — list field lines are combined
        final HeaderSource headers = Headers.with("Client-Cert", ProxyEncodings.rfc9440(Pki.alice()))
            .and("Client-Cert-Chain", ProxyEncodings.rfc9440(Pki.intermediate()))
            .and("Client-Cert-Chain", ProxyEncodings.rfc9440(Pki.ROOT.certificate())).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(3, result.chain().size(), result::toString);
    }

    @Test
    void parametersAreIgnored() {
        // Setup
        final HeaderSource headers = Headers.with("Client-Cert", ProxyEncodings.rfc9440(Pki.alice()) + ";x=1").source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(List.of(Pki.alice()), result.chain(), result::toString);
    }

    @Test
    void missingColonsAreUndecodable() {
        // Setup: bare base64 is HAProxy's format, not a byte sequence
        final HeaderSource headers = Headers.with("Client-Cert", ProxyEncodings.haproxy(Pki.alice())).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_UNDECODABLE), result.failure());
    }

    @Test
    void textAfterTheByteSequenceIsUndecodable() {
        // Setup
        final HeaderSource headers = Headers.with("Client-Cert", ProxyEncodings.rfc9440(Pki.alice()) + "junk").source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_UNDECODABLE), result.failure());
    }

    @Test
    void listInClientCertIsADuplicate() {
        // Setup: Client-Cert is an Item; two of them joined by a comma are two header lines
        final HeaderSource headers = Headers.with("Client-Cert", ProxyEncodings.rfc9440Chain(Pki.aliceChain())).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_DUPLICATE_HEADER), result.failure());
    }

    @Test
    void chainWithoutCertificateIsRefused() {
        // Setup: RFC 9440 §2.3
        final HeaderSource headers = Headers.with("Client-Cert-Chain", ProxyEncodings.rfc9440(Pki.intermediate())).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_UNDECODABLE), result.failure());
    }

    @Test
    void chainCountsTheLeaf() {
        // Setup: limit 2 allows one chain member
        final ForwardedCertificateParser limited = ProxyFormat.RFC9440.parser(null, new HeaderLimits(16384, 2));
        final HeaderSource headers = Headers.with("Client-Cert", ProxyEncodings.rfc9440(Pki.alice()))
            .and("Client-Cert-Chain", ProxyEncodings.rfc9440Chain(List.of(Pki.intermediate(), Pki.ROOT.certificate()))).source();
        // Execute
        final ParsedChain result = limited.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.CHAIN_TOO_LONG), result.failure());
    }
}
