package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Traefik's passTLSClientCert middleware with {@code pem: true}: {@code X-Forwarded-Tls-Client-Cert} holds every
 * certificate the client sent (leaf first), each as its PEM body with the BEGIN/END lines and line breaks removed and
 * then {@code url.QueryEscape}d, joined with literal commas.
 */
final class TraefikParser extends CertificateHeaderParser {

    TraefikParser(String certificateHeader, HeaderLimits limits) {
        super(certificateHeader, true, limits);
    }

    @Override
    ParsedChain decode(String value, HeaderSource headers) throws ForwardedHeaderException {
        final List<String> members = CommaList.split(value, 0, reader.maxChainLength(), certificateHeader);
        final List<X509Certificate> chain = new ArrayList<>(members.size());
        for (String member : members) {
            final String what = certificateHeader + " certificate #" + chain.size();
            final String body = CertificateDecoder.percentDecode(member, what);
            chain.add(CertificateDecoder.certificate(CertificateDecoder.base64(body, what), what));
        }
        return ParsedChain.of(chain, null);
    }
}
