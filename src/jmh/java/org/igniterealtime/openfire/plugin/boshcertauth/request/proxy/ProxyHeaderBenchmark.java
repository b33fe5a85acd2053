package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.igniterealtime.openfire.plugin.boshcertauth.bench.BenchPki;
import org.igniterealtime.openfire.plugin.boshcertauth.bench.BenchmarkSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * One forwarded certificate (leaf + intermediate where the format carries a chain) from a trusted proxy, through
 * {@link ForwardedCertificateExtractor} as the filter uses it: peer check, header read, decoding, DER parsing.
 */
public class ProxyHeaderBenchmark extends BenchmarkSettings {

    @Param({"NGINX", "APACHE", "HAPROXY", "ENVOY", "TRAEFIK", "RFC9440"})
    public ProxyFormat format;

    private ForwardedCertificateExtractor extractor;
    private HeaderSource headers;

    @Setup
    public void setUp() {
        final X509Certificate leaf = BenchPki.ALICE.certificate();
        final List<X509Certificate> chain = List.of(leaf, BenchPki.INTERMEDIATE.certificate());
        final Map<String, List<String>> values = switch (format) {
            case NGINX -> Map.of("X-SSL-Client-Cert", List.of(ProxyEncodings.nginx(leaf)), "X-SSL-Client-Verify", List.of("SUCCESS"));
            case APACHE -> Map.of("X-SSL-Client-Cert", List.of(ProxyEncodings.apache(leaf)),
                "X-SSL-Client-Cert-Chain-0", List.of(ProxyEncodings.apache(chain.get(1))), "X-SSL-Client-Verify", List.of("SUCCESS"));
            case HAPROXY -> Map.of("X-SSL-Client-Cert", List.of(ProxyEncodings.haproxy(leaf)),
                "X-SSL-Client-Chain", List.of(ProxyEncodings.haproxyChain(chain.subList(1, 2))));
            case ENVOY -> Map.of("x-forwarded-client-cert", List.of("By=spiffe://proxy;Hash=0f1e2d3c;Cert=\""
                + ProxyEncodings.envoyChain(chain.subList(0, 1)) + "\";Chain=\"" + ProxyEncodings.envoyChain(chain) + "\""));
            case TRAEFIK -> Map.of("X-Forwarded-Tls-Client-Cert", List.of(ProxyEncodings.traefik(chain)));
            case RFC9440 -> Map.of("Client-Cert", List.of(ProxyEncodings.rfc9440(leaf)),
                "Client-Cert-Chain", List.of(ProxyEncodings.rfc9440Chain(chain.subList(1, 2))));
        };
        headers = HeaderSource.of(values);
        extractor = new ForwardedCertificateExtractor(ProxySettings.of(TrustedProxies.parse("127.0.0.1"), format));
        final ParsedChain probe = extract();
        if (probe.status() != ParsedChain.Status.CHAIN || !probe.chain().get(0).equals(leaf)) {
            throw new IllegalStateException(format + ": " + probe);
        }
    }

    @Benchmark
    public ParsedChain extract() {
        return extractor.extract("127.0.0.1", headers);
    }
}
