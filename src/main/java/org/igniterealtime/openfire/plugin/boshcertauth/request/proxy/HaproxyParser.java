package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * HAProxy: {@code http-request set-header X-SSL-Client-Cert %[ssl_c_der,base64]} — the client's certificate as
 * base64 DER — and optionally {@code http-request set-header X-SSL-Client-Chain %[ssl_c_chain_der,base64]} — the
 * certificates the client sent after its own, concatenated DER, base64. HAProxy sends the headers empty when the
 * client presented no certificate.
 */
final class HaproxyParser extends CertificateHeaderParser {

    private final String chainHeader;

    HaproxyParser(String certificateHeader, String chainHeader, HeaderLimits limits) {
        super(certificateHeader, false, limits, chainHeader);
        this.chainHeader = chainHeader;
    }

    @Override
    ParsedChain withoutCertificate(HeaderSource headers) throws ForwardedHeaderException {
        HeaderReader.requireNoChainWithout(reader.single(headers, chainHeader, false), chainHeader, certificateHeader);
        return ParsedChain.absent();
    }

    @Override
    ParsedChain decode(String value, HeaderSource headers) throws ForwardedHeaderException {
        final String chainValue = reader.single(headers, chainHeader, false);
        final X509Certificate leaf = CertificateDecoder.certificate(CertificateDecoder.base64(value, certificateHeader), certificateHeader);
        final List<X509Certificate> chain = CertificateDecoder.newChain(leaf);
        if (chainValue != null) {
            CertificateDecoder.concatenated(CertificateDecoder.base64(chainValue, chainHeader), chain, reader.maxChainLength(), chainHeader);
        }
        return ParsedChain.of(chain, null);
    }
}
