package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class TraefikParserTest {

    private static final String HEADER = "X-Forwarded-Tls-Client-Cert";
    private final ForwardedCertificateParser parser = ProxyFormat.TRAEFIK.parser(null, HeaderLimits.DEFAULTS);

    @Test
    void commaSeparatedEscapedPemBodiesLeafFirst() {
        // Setup
        final HeaderSource headers = Headers.with(HEADER, ProxyEncodings.traefik(Pki.aliceChain())).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Pki.aliceChain(), result.chain(), result::toString);
    }

    @Test
    void singleCertificate() {
        // Setup
        final HeaderSource headers = Headers.with(HEADER, ProxyEncodings.traefik(List.of(Pki.alice()))).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(List.of(Pki.alice()), result.chain());
    }

    @Test
    void emptyListMemberIsUndecodable() {
        // Setup
        final HeaderSource headers = Headers.with(HEADER, ProxyEncodings.traefik(List.of(Pki.alice())) + ",,").source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_UNDECODABLE), result.failure());
    }

    @Test
    void fullPemInsteadOfBodyIsUndecodable() {
        // Setup: a PEM with BEGIN/END lines is not what Traefik sends
        final HeaderSource headers = Headers.with(HEADER, ProxyEncodings.nginx(Pki.alice())).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_UNDECODABLE), result.failure());
    }

    @Test
    void tooManyCertificatesAreCountedBeforeDecoding() {
        // Setup: six members of garbage: the count alone decides
        final HeaderSource headers = Headers.with(HEADER, "a,b,c,d,e,f").source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.CHAIN_TOO_LONG), result.failure());
    }
}
