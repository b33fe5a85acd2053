package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Envoy: {@code x-forwarded-client-cert} (XFCC) with {@code set_current_client_cert_details} {@code cert: true}
 * and/or {@code chain: true}. Only the last element counts (see {@link XfccElement}). {@code Cert} is the client's
 * certificate and {@code Chain} everything the client sent, leaf first and leaf included, both URL-encoded PEM; when
 * both are present they must agree on the leaf.
 */
final class EnvoyParser extends CertificateHeaderParser {

    EnvoyParser(String certificateHeader, HeaderLimits limits) {
        super(certificateHeader, true, limits);
    }

    @Override
    ParsedChain decode(String value, HeaderSource headers) throws ForwardedHeaderException {
        final XfccElement element = XfccElement.last(value, certificateHeader);
        if (element.cert() == null && element.chain() == null) {
            throw CertificateDecoder.undecodable(certificateHeader
                + "'s last element has neither Cert nor Chain (configure set_current_client_cert_details cert: true)");
        }
        final List<X509Certificate> cert = element.cert() == null ? null : pem(element.cert(), "Cert");
        if (cert != null && cert.size() != 1) {
            throw CertificateDecoder.undecodable(certificateHeader + " Cert holds " + cert.size() + " certificates, expected one");
        }
        if (element.chain() == null) {
            return ParsedChain.of(cert, null);
        }
        final List<X509Certificate> chain = pem(element.chain(), "Chain");
        if (cert != null && !cert.get(0).equals(chain.get(0))) {
            throw CertificateDecoder.undecodable(certificateHeader + " Cert is not the first certificate of Chain");
        }
        return ParsedChain.of(chain, null);
    }

    private List<X509Certificate> pem(String urlEncoded, String key) throws ForwardedHeaderException {
        final String what = certificateHeader + " " + key;
        final List<X509Certificate> certificates = new ArrayList<>(4);
        PemCertificates.read(CertificateDecoder.percentDecode(urlEncoded, what), certificates, reader.maxChainLength(), what);
        return certificates;
    }
}
