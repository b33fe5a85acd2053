package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * RFC 9440: {@code Client-Cert} is a Structured Field Item (RFC 8941) whose value is a Byte Sequence —
 * {@code :base64(DER):} — and {@code Client-Cert-Chain} a List of Byte Sequences, the certificates after the leaf.
 * Parameters on a member ({@code ;name=value}) are allowed by RFC 8941 and ignored, as RFC 9440 defines none. The
 * chain may be split over several field lines (RFC 8941 §4.2); the certificate may not.
 */
final class Rfc9440Parser extends CertificateHeaderParser {

    private final String chainHeader;

    Rfc9440Parser(String certificateHeader, String chainHeader, HeaderLimits limits) {
        super(certificateHeader, false, limits, chainHeader);
        this.chainHeader = chainHeader;
    }

    @Override
    ParsedChain withoutCertificate(HeaderSource headers) throws ForwardedHeaderException {
        // RFC 9440 §2.3: Client-Cert-Chain MUST NOT be sent without Client-Cert.
        HeaderReader.requireNoChainWithout(reader.joinedList(headers, chainHeader), chainHeader, certificateHeader);
        return ParsedChain.absent();
    }

    @Override
    ParsedChain decode(String value, HeaderSource headers) throws ForwardedHeaderException {
        final String chainValue = reader.joinedList(headers, chainHeader);
        final List<X509Certificate> chain = CertificateDecoder.newChain(byteSequenceCertificate(value, certificateHeader));
        if (chainValue != null) {
            final List<String> members = CommaList.split(chainValue, 1, reader.maxChainLength(), chainHeader);
            for (String member : members) {
                chain.add(byteSequenceCertificate(member, chainHeader + " member #" + (chain.size() - 1)));
            }
        }
        return ParsedChain.of(chain, null);
    }

    /** An sf-binary ({@code ":" *base64 ":"}) with optional parameters, holding one DER certificate. */
    private static X509Certificate byteSequenceCertificate(String item, String what) throws ForwardedHeaderException {
        final int close = item.length() > 1 && item.charAt(0) == ':' ? item.indexOf(':', 1) : -1;
        if (close < 0) {
            throw CertificateDecoder.undecodable(what + " is not a structured-field byte sequence (:base64:)");
        }
        if (close + 1 < item.length() && item.charAt(close + 1) != ';') {
            throw CertificateDecoder.undecodable(what + " has text after its byte sequence");
        }
        return CertificateDecoder.certificate(CertificateDecoder.base64(item.substring(1, close), what), what);
    }
}
