package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** The rules every format shares, checked for each format with its own encoding. */
class CommonParserRulesTest {

    /** The certificate header's value for {@code chain} exactly as the format's proxy writes it. */
    private static String encode(ProxyFormat format, List<X509Certificate> chain) {
        return switch (format) {
            case NGINX -> ProxyEncodings.nginx(chain.get(0));
            case APACHE -> ProxyEncodings.apache(chain.get(0));
            case HAPROXY -> ProxyEncodings.haproxy(chain.get(0));
            case ENVOY -> "Hash=abc;Chain=\"" + ProxyEncodings.envoyChain(chain) + "\"";
            case TRAEFIK -> ProxyEncodings.traefik(chain);
            case RFC9440 -> ProxyEncodings.rfc9440(chain.get(0));
        };
    }

    /** Any PEM text (not only a certificate) as a PEM-carrying format's proxy would forward it. */
    private static String pemHeaderValue(ProxyFormat format, String pem) {
        return switch (format) {
            case NGINX -> ProxyEncodings.percentEncode(pem);
            case APACHE -> pem.replace('\n', ' ');
            case ENVOY -> "Cert=\"" + ProxyEncodings.percentEncode(pem) + "\"";
            default -> throw new IllegalArgumentException(format + " does not carry PEM");
        };
    }

    private static ForwardedCertificateParser parser(ProxyFormat format) {
        return format.parser(null, HeaderLimits.DEFAULTS);
    }

    @ParameterizedTest
    @EnumSource(ProxyFormat.class)
    void noHeaderIsAbsentNotAFailure(ProxyFormat format) {
        // Setup
        final HeaderSource headers = Headers.with("Accept", "*/*").source();
        // Execute
        final ParsedChain result = parser(format).parse(headers);
        // Verify
        assertTrue(result.isAbsent(), result::toString);
    }

    @ParameterizedTest
    @EnumSource(ProxyFormat.class)
    void wellFormedHeaderGivesTheLeafFirst(ProxyFormat format) {
        // Setup
        final HeaderSource headers = Headers.with(format.defaultCertificateHeader(), encode(format, Pki.aliceChain())).source();
        // Execute
        final ParsedChain result = parser(format).parse(headers);
        // Verify
        assertEquals(Optional.of(Pki.alice()), result.leaf(), result::toString);
    }

    @ParameterizedTest
    @EnumSource(ProxyFormat.class)
    void headerNamesAreCaseInsensitive(ProxyFormat format) {
        // Setup
        final HeaderSource headers = Headers.with(format.defaultCertificateHeader().toLowerCase(java.util.Locale.ROOT),
            encode(format, Pki.aliceChain())).source();
        // Execute
        final ParsedChain result = parser(format).parse(headers);
        // Verify
        assertTrue(result.hasChain(), result::toString);
    }

    @ParameterizedTest
    @EnumSource(ProxyFormat.class)
    void certificateHeaderTwiceIsADuplicate(ProxyFormat format) {
        // Setup: the client sent one and the proxy appended its own — which one is the proxy's is unknowable
        final String value = encode(format, Pki.aliceChain());
        final HeaderSource headers = Headers.with(format.defaultCertificateHeader(), value)
            .and(format.defaultCertificateHeader(), value).source();
        // Execute
        final ParsedChain result = parser(format).parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_DUPLICATE_HEADER), result.failure());
    }

    @ParameterizedTest
    @EnumSource(value = ProxyFormat.class, names = {"NGINX", "APACHE", "HAPROXY", "RFC9440"})
    void commaJoinedDuplicateIsADuplicate(ProxyFormat format) {
        // Setup: a container or intermediary joined two header lines into one (RFC 9110 §5.3)
        final String value = encode(format, Pki.aliceChain());
        final HeaderSource headers = Headers.with(format.defaultCertificateHeader(), value + ", " + value).source();
        // Execute
        final ParsedChain result = parser(format).parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_DUPLICATE_HEADER), result.failure());
    }

    @ParameterizedTest
    @EnumSource(ProxyFormat.class)
    void oversizedValueIsRefusedBeforeDecoding(ProxyFormat format) {
        // Setup: one byte over the limit, and garbage: were it decoded first, the answer would be UNDECODABLE
        final int limit = 1024;
        final HeaderSource headers = Headers.with(format.defaultCertificateHeader(), "!".repeat(limit + 1)).source();
        // Execute
        final ParsedChain result = format.parser(null, new HeaderLimits(limit, 5)).parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_HEADER_TOO_LARGE), result.failure());
    }

    @ParameterizedTest
    @EnumSource(ProxyFormat.class)
    void valueExactlyAtTheLimitIsRead(ProxyFormat format) {
        // Setup
        final String value = encode(format, Pki.aliceChain());
        // Execute
        final ParsedChain result = format.parser(null, new HeaderLimits(value.length(), 5))
            .parse(Headers.with(format.defaultCertificateHeader(), value).source());
        // Verify
        assertTrue(result.hasChain(), result::toString);
    }

    @ParameterizedTest
    @EnumSource(ProxyFormat.class)
    void garbageIsUndecodable(ProxyFormat format) {
        // Setup
        final HeaderSource headers = Headers.with(format.defaultCertificateHeader(), "%%%garbage$$$").source();
        // Execute
        final ParsedChain result = parser(format).parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_UNDECODABLE), result.failure());
    }

    @ParameterizedTest
    @EnumSource(ProxyFormat.class)
    void truncatedValueIsRefused(ProxyFormat format) {
        // Setup: the header cut in the middle (a proxy's buffer limit, a broken config)
        final String value = encode(format, Pki.aliceChain());
        final HeaderSource headers = Headers.with(format.defaultCertificateHeader(), value.substring(0, value.length() / 2)).source();
        // Execute
        final ParsedChain result = parser(format).parse(headers);
        // Verify
        assertTrue(result.isFailure(), result::toString);
        assertTrue(result.failure().orElseThrow() == FailureReason.PROXY_UNDECODABLE
            || result.failure().orElseThrow() == FailureReason.MALFORMED, result::toString);
    }

    @ParameterizedTest
    @EnumSource(value = ProxyFormat.class, names = {"NGINX", "APACHE", "ENVOY"})
    void privateKeyPemIsNotACertificate(ProxyFormat format) {
        // Setup: someone's private key in the certificate header (a proxy misconfigured with the key variable)
        final String pem = Pki.privateKeyPem();
        final String value = pemHeaderValue(format, pem);
        // Execute
        final ParsedChain result = parser(format).parse(Headers.with(format.defaultCertificateHeader(), value).source());
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_UNDECODABLE), result.failure());
        assertTrue(result.detail().contains("PRIVATE KEY"), result.detail());
        assertFalse(result.detail().contains(pem.substring(30, 60)), "the key material must not reach the logs");
    }

    @ParameterizedTest
    @EnumSource(value = ProxyFormat.class, names = {"NGINX", "APACHE", "ENVOY"})
    void pemBodyWithGarbageBase64IsUndecodable(ProxyFormat format) {
        // Setup
        final String pem = "-----BEGIN CERTIFICATE-----\nMIIB*not base64*\n-----END CERTIFICATE-----\n";
        final String value = pemHeaderValue(format, pem);
        // Execute
        final ParsedChain result = parser(format).parse(Headers.with(format.defaultCertificateHeader(), value).source());
        // Verify
        assertEquals(Optional.of(FailureReason.PROXY_UNDECODABLE), result.failure());
    }

    @ParameterizedTest
    @EnumSource(value = ProxyFormat.class, names = {"ENVOY", "TRAEFIK"})
    void moreCertificatesThanTheLimitIsChainTooLong(ProxyFormat format) {
        // Setup: the default limit is 5
        final HeaderSource headers = Headers.with(format.defaultCertificateHeader(), encode(format, Pki.chainOfLength(6))).source();
        // Execute
        final ParsedChain result = parser(format).parse(headers);
        // Verify
        assertEquals(Optional.of(FailureReason.CHAIN_TOO_LONG), result.failure());
    }

    @ParameterizedTest
    @EnumSource(value = ProxyFormat.class, names = {"ENVOY", "TRAEFIK"})
    void exactlyTheLimitIsAccepted(ProxyFormat format) {
        // Setup
        final HeaderSource headers = Headers.with(format.defaultCertificateHeader(), encode(format, Pki.chainOfLength(5))).source();
        // Execute
        final ParsedChain result = parser(format).parse(headers);
        // Verify
        assertEquals(5, result.chain().size(), result::toString);
    }

    @ParameterizedTest
    @EnumSource(ProxyFormat.class)
    void renamedHeaderIsReadAndTheDefaultIgnored(ProxyFormat format) {
        // Setup
        final ForwardedCertificateParser renamed = format.parser("X-Client-Certificate", HeaderLimits.DEFAULTS);
        final String value = encode(format, Pki.aliceChain());
        // Execute
        final ParsedChain viaNewName = renamed.parse(Headers.with("X-Client-Certificate", value).source());
        final ParsedChain viaDefault = renamed.parse(Headers.with(format.defaultCertificateHeader(), value).source());
        // Verify
        assertTrue(viaNewName.hasChain(), viaNewName::toString);
        assertTrue(viaDefault.isAbsent(), viaDefault::toString);
    }
}
