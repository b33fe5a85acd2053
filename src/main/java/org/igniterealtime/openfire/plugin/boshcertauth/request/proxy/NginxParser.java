package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * nginx: {@code proxy_set_header X-SSL-Client-Cert $ssl_client_escaped_cert;} — the client's certificate as PEM,
 * percent-encoded ({@code %0A} line breaks). nginx has no variable for the client's intermediates, so this yields the
 * leaf alone and the certificate core builds the path from the truststore. The optional verify header carries
 * {@code $ssl_client_verify}: {@code SUCCESS}, {@code FAILED:reason} or {@code NONE}.
 */
final class NginxParser extends CertificateHeaderParser {

    private final String verifyHeader;

    NginxParser(String certificateHeader, String verifyHeader, HeaderLimits limits) {
        super(certificateHeader, false, limits);
        this.verifyHeader = verifyHeader;
    }

    @Override
    ParsedChain decode(String value, HeaderSource headers) throws ForwardedHeaderException {
        final String verify = ProxyVerifyStatus.read(reader, headers, verifyHeader);
        final List<X509Certificate> chain = new ArrayList<>(1);
        PemCertificates.read(CertificateDecoder.percentDecode(value, certificateHeader), chain, reader.maxChainLength(), certificateHeader);
        if (chain.size() != 1) {
            throw CertificateDecoder.undecodable(certificateHeader + " holds " + chain.size()
                + " certificates; $ssl_client_escaped_cert is exactly one");
        }
        return ParsedChain.of(chain, verify);
    }
}
