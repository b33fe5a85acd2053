package org.igniterealtime.openfire.plugin.boshcertauth.proxy;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * HAProxy: {@code http-request set-header X-SSL-Client-Cert %[ssl_c_der,base64]} — the client's certificate as
 * base64 DER — and optionally {@code http-request set-header X-SSL-Client-Chain %[ssl_c_chain_der,base64]} — the
 * certificates the client sent after its own, concatenated DER, base64. HAProxy sends the headers empty when the
 * client presented no certificate.
 */
final class HaproxyParser implements ForwardedCertificateParser {

    private final String certificateHeader;
    private final String chainHeader;
    private final HeaderReader reader;
    private final int maxChainLength;

    HaproxyParser(String certificateHeader, String chainHeader, HeaderLimits limits) {
        this.certificateHeader = certificateHeader;
        this.chainHeader = chainHeader;
        this.reader = new HeaderReader(limits.maxHeaderBytes());
        this.maxChainLength = limits.maxChainLength();
    }

    @Override
    public ParsedChain parse(HeaderSource headers) {
        return ForwardedHeaderException.guard(() -> {
            final String value = reader.single(headers, certificateHeader, false);
            final String chainValue = reader.single(headers, chainHeader, false);
            if (value == null) {
                if (chainValue != null) {
                    throw CertificateDecoder.undecodable(chainHeader + " was forwarded without " + certificateHeader);
                }
                return ParsedChain.absent();
            }
            final X509Certificate leaf = CertificateDecoder.certificate(CertificateDecoder.base64(value, certificateHeader), certificateHeader);
            final List<X509Certificate> chain = CertificateDecoder.newChain(leaf);
            if (chainValue != null) {
                CertificateDecoder.concatenated(CertificateDecoder.base64(chainValue, chainHeader), chain, maxChainLength, chainHeader);
            }
            return ParsedChain.of(chain, null);
        });
    }

    @Override
    public List<String> certificateHeaderNames() {
        return List.of(certificateHeader, chainHeader);
    }
}
