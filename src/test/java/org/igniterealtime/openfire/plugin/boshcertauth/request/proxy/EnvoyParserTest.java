package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.ProxyEncodings.envoyChain;
import static org.junit.jupiter.api.Assertions.*;

class EnvoyParserTest {

    private static final String XFCC = "x-forwarded-client-cert";
    private final ForwardedCertificateParser parser = ProxyFormat.ENVOY.parser(null, HeaderLimits.DEFAULTS);

    /** One element as Envoy writes it with cert, chain, subject, uri and dns details (Subject always quoted). */
    private static String element(String by, List<java.security.cert.X509Certificate> chain) {
        return "By=" + by + ";Hash=0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"
            + ";Cert=\"" + envoyChain(chain.subList(0, 1)) + "\""
            + ";Chain=\"" + envoyChain(chain) + "\""
            + ";Subject=\"CN=alice,O=boshcertauth tests\";URI=;DNS=alice.example.com;DNS=alt.example.com";
    }

    @Test
    void certAndChainOfTheOnlyElement() {
        // Setup
        final HeaderSource headers = Headers.with(XFCC, element("spiffe://cluster.local/ns/default/sa/openfire", Pki.aliceChain())).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Pki.aliceChain(), result.chain(), result::toString);
    }

    @Test
    void certAloneIsTheLeaf() {
        // Setup: set_current_client_cert_details { cert: true }, unquoted value (it has no , ; =)
        final HeaderSource headers = Headers.with(XFCC, "Hash=abc;Cert=" + envoyChain(List.of(Pki.alice()))).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(List.of(Pki.alice()), result.chain(), result::toString);
    }

    @Test
    void lastElementIsTheTrustedProxys() {
        // Setup: the client (or a farther hop) put its own element first; the element appended last is ours
        final String spoofed = "By=spiffe://evil;Cert=\"" + envoyChain(List.of(Pki.ROOT.certificate())) + "\";Subject=\"CN=admin\"";
        final HeaderSource headers = Headers.with(XFCC, spoofed + "," + element("spiffe://edge", Pki.aliceChain())).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Pki.aliceChain(), result.chain(), result::toString);
    }

    @Test
    void quotedValuesWithCommasSemicolonsAndEscapedQuotesDoNotSplitElements() {
        // Setup: a Subject with ',' ';' '=' and an escaped quote in the LAST element; a naive split on ',' would
        // take "O=x\"" as the last element
        final String last = "Hash=abc;Subject=\"CN=\\\"alice\\\";x=1,O=Example, Inc.\";Cert=\"" + envoyChain(List.of(Pki.alice())) + "\"";
        final String first = "By=spiffe://a;Subject=\"CN=first,O=a;b\";Cert=\"" + envoyChain(List.of(Pki.intermediate())) + "\"";
        final HeaderSource headers = Headers.with(XFCC, first + "," + last).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(List.of(Pki.alice()), result.chain(), result::toString);
    }

    @Test
    void escapedBackslashBeforeClosingQuoteEndsTheValue() {
        // Setup: "...\\" is a backslash then the end of the value, not an escaped quote
        final String value = "Subject=\"CN=a\\\\\";Cert=\"" + envoyChain(List.of(Pki.alice())) + "\"";
        // Execute
        final ParsedChain result = parser.parse(Headers.with(XFCC, value).source());
        // Verify
        assertEquals(List.of(Pki.alice()), result.chain(), result::toString);
    }

    @Test
    void unterminatedQuoteIsUndecodable() {
        // Setup
        final HeaderSource headers = Headers.with(XFCC, "Subject=\"CN=a;Cert=" + envoyChain(List.of(Pki.alice()))).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_UNDECODABLE), result.failure());
    }

    @Test
    void lastElementWithoutCertificateIsRefused() {
        // Setup: the trusted hop added only Hash and Subject; an earlier element's Cert must not be used instead
        final HeaderSource headers = Headers.with(XFCC,
            "Cert=\"" + envoyChain(List.of(Pki.alice())) + "\",By=spiffe://edge;Hash=abc;Subject=\"CN=alice\"").source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_UNDECODABLE), result.failure());
    }

    @Test
    void certThatIsNotTheChainsLeafIsRefused() {
        // Setup
        final HeaderSource headers = Headers.with(XFCC, "Cert=\"" + envoyChain(List.of(Pki.intermediate()))
            + "\";Chain=\"" + envoyChain(Pki.aliceChain()) + "\"").source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_UNDECODABLE), result.failure());
    }

    @Test
    void certTwiceInTheLastElementIsRefused() {
        // Setup
        final String cert = "Cert=\"" + envoyChain(List.of(Pki.alice())) + "\"";
        final HeaderSource headers = Headers.with(XFCC, cert + ";" + cert).source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_DUPLICATE_HEADER), result.failure());
    }

    @Test
    void pairWithoutEqualsIsUndecodable() {
        // Setup
        final HeaderSource headers = Headers.with(XFCC, "Hash=abc;garbage").source();
        // Execute
        final ParsedChain result = parser.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_UNDECODABLE), result.failure());
    }

    @Test
    void chainLongerThanTheLimitIsChainTooLong() {
        // Setup
        final ForwardedCertificateParser limited = ProxyFormat.ENVOY.parser(null, new HeaderLimits(16384, 2));
        final HeaderSource headers = Headers.with(XFCC, element("spiffe://edge", Pki.chainOfLength(3))).source();
        // Execute
        final ParsedChain result = limited.parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.CHAIN_TOO_LONG), result.failure());
    }
}
