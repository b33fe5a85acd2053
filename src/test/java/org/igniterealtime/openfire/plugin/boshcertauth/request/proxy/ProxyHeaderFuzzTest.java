package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz targets for every forwarded-certificate format, through {@link ForwardedCertificateExtractor} with a trusted
 * peer exactly as the filter uses it, and for the PEM/DER decoding the parsers share. In a normal build they replay
 * the corpus in {@code src/test/resources/.../ProxyHeaderFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ} set
 * (README, "Fuzzing") Jazzer mutates it.
 *
 * <p>Input: the bytes as ISO-8859-1 (what a servlet container makes of header bytes), split at '\n' into the values of
 * the format's headers in the order of {@link #headerNames}. Invariant: {@code extract} never throws; a chain is never
 * empty nor longer than the limit; a failure always names its reason.</p>
 */
class ProxyHeaderFuzzTest {

    private static final HeaderLimits LIMITS = HeaderLimits.DEFAULTS;

    /** Which headers the split input fills, per format (certificate header first; repeated name = duplicate header). */
    private static List<String> headerNames(ProxyFormat format) {
        return switch (format) {
            case NGINX -> List.of("X-SSL-Client-Cert", "X-SSL-Client-Verify", "X-SSL-Client-Cert");
            case APACHE -> List.of("X-SSL-Client-Cert", "X-SSL-Client-Verify", "X-SSL-Client-Cert-Chain-0", "X-SSL-Client-Cert-Chain-1");
            case HAPROXY -> List.of("X-SSL-Client-Cert", "X-SSL-Client-Chain", "X-SSL-Client-Cert");
            case ENVOY -> List.of("x-forwarded-client-cert", "x-forwarded-client-cert");
            case TRAEFIK -> List.of("X-Forwarded-Tls-Client-Cert", "X-Forwarded-Tls-Client-Cert");
            case RFC9440 -> List.of("Client-Cert", "Client-Cert-Chain", "Client-Cert-Chain");
        };
    }

    static HeaderSource headers(ProxyFormat format, byte[] data) {
        final List<String> names = headerNames(format);
        final String[] values = new String(data, StandardCharsets.ISO_8859_1).split("\n", names.size());
        final Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.computeIfAbsent(names.get(i), n -> new ArrayList<>()).add(values[i]);
        }
        return HeaderSource.of(map);
    }

    private static void extract(ProxyFormat format, byte[] data) {
        final ForwardedCertificateExtractor extractor =
            new ForwardedCertificateExtractor(ProxySettings.of(TrustedProxies.parse("127.0.0.1"), format));

        final ParsedChain extraction = extractor.extract("127.0.0.1", headers(format, data));

        assertNotNull(extraction.status());
        switch (extraction.status()) {
            case CHAIN -> {
                assertFalse(extraction.chain().isEmpty());
                assertTrue(extraction.chain().size() <= LIMITS.maxChainLength());
                extraction.chain().forEach(c -> assertNotNull(c, "no null certificate in a chain"));
            }
            case FAILURE -> assertTrue(extraction.failure().isPresent());
            case ABSENT -> assertTrue(extraction.chain().isEmpty());
            case IGNORED_UNTRUSTED_PEER -> throw new AssertionError("the peer is trusted");
        }
    }

    @FuzzTest(maxDuration = "2m")
    void nginx(byte[] data) {
        extract(ProxyFormat.NGINX, data);
    }

    @FuzzTest(maxDuration = "2m")
    void apache(byte[] data) {
        extract(ProxyFormat.APACHE, data);
    }

    @FuzzTest(maxDuration = "2m")
    void haproxy(byte[] data) {
        extract(ProxyFormat.HAPROXY, data);
    }

    /** Envoy's x-forwarded-client-cert (XFCC): quoting, escapes, elements, Cert/Chain agreement. */
    @FuzzTest(maxDuration = "2m")
    void envoyXfcc(byte[] data) {
        extract(ProxyFormat.ENVOY, data);
    }

    @FuzzTest(maxDuration = "2m")
    void traefik(byte[] data) {
        extract(ProxyFormat.TRAEFIK, data);
    }

    @FuzzTest(maxDuration = "2m")
    void rfc9440(byte[] data) {
        extract(ProxyFormat.RFC9440, data);
    }

    /**
     * The shared decoding steps on their own. First byte: 0 = PEM text (space- or newline-separated, as Apache and
     * nginx send it), 1 = one DER certificate, 2 = concatenated DER (HAProxy's chain), 3 = percent-decoding then PEM.
     * Only a {@link ForwardedHeaderException} may come out; it always carries a reason.
     */
    @FuzzTest(maxDuration = "2m")
    void pemAndDer(byte[] data) {
        if (data.length == 0) {
            return;
        }
        final byte[] rest = java.util.Arrays.copyOfRange(data, 1, data.length);
        final List<X509Certificate> into = new ArrayList<>();
        try {
            switch (data[0] & 3) {
                case 0 -> PemCertificates.read(new String(rest, StandardCharsets.ISO_8859_1), into, LIMITS.maxChainLength(), "fuzz");
                case 1 -> into.add(CertificateDecoder.certificate(rest, "fuzz"));
                case 2 -> CertificateDecoder.concatenated(rest, into, LIMITS.maxChainLength(), "fuzz");
                default -> PemCertificates.read(CertificateDecoder.percentDecode(new String(rest, StandardCharsets.ISO_8859_1), "fuzz"),
                    into, LIMITS.maxChainLength(), "fuzz");
            }
            // Concatenated DER of no bytes is no certificate (HAProxy's chain header, blank when there is none).
            assertTrue(!into.isEmpty() || (data[0] & 3) == 2 && rest.length == 0);
        } catch (ForwardedHeaderException e) {
            assertNotNull(e.reason());
            assertTrue(e.reason() == FailureReason.PROXY_UNDECODABLE || e.reason() == FailureReason.MALFORMED
                || e.reason() == FailureReason.CHAIN_TOO_LONG, e.reason()::name);
        }
        assertTrue(into.size() <= LIMITS.maxChainLength());
        assertEquals(-1, into.indexOf(null));
    }
}
