package org.igniterealtime.openfire.plugin.boshcertauth.proxy;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * nginx: {@code proxy_set_header X-SSL-Client-Cert $ssl_client_escaped_cert;} — the client's certificate as PEM,
 * percent-encoded ({@code %0A} line breaks). nginx has no variable for the client's intermediates, so this yields the
 * leaf alone and the certificate core builds the path from the truststore. The optional verify header carries
 * {@code $ssl_client_verify}: {@code SUCCESS}, {@code FAILED:reason} or {@code NONE}.
 */
final class NginxParser implements ForwardedCertificateParser {

    private final String certificateHeader;
    private final String verifyHeader;
    private final HeaderReader reader;
    private final int maxChainLength;

    NginxParser(String certificateHeader, String verifyHeader, HeaderLimits limits) {
        this.certificateHeader = certificateHeader;
        this.verifyHeader = verifyHeader;
        this.reader = new HeaderReader(limits.maxHeaderBytes());
        this.maxChainLength = limits.maxChainLength();
    }

    @Override
    public ParsedChain parse(HeaderSource headers) {
        return ForwardedHeaderException.guard(() -> {
            final String value = reader.single(headers, certificateHeader, false);
            if (value == null) {
                return ParsedChain.absent();
            }
            final String verify = reader.single(headers, verifyHeader, true);
            ProxyVerifyStatus.requireNotRefused(verifyHeader, verify);
            final List<X509Certificate> chain = new java.util.ArrayList<>(1);
            PemCertificates.read(CertificateDecoder.percentDecode(value, certificateHeader), chain, maxChainLength, certificateHeader);
            if (chain.size() != 1) {
                throw CertificateDecoder.undecodable(certificateHeader + " holds " + chain.size()
                    + " certificates; $ssl_client_escaped_cert is exactly one");
            }
            return ParsedChain.of(chain, verify);
        });
    }

    @Override
    public List<String> certificateHeaderNames() {
        return List.of(certificateHeader);
    }
}
