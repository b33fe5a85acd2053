package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Apache httpd mod_ssl + mod_headers: {@code RequestHeader set X-SSL-Client-Cert "%{SSL_CLIENT_CERT}s"} — PEM, in
 * which mod_headers has replaced every line break with a space (PEM with real line breaks is read too), and the
 * intermediates from {@code SSL_CLIENT_CERT_CHAIN_0..n} in {@code <certificate header>-Chain-0}, {@code -Chain-1}, …
 * (read until the first absent one). mod_headers writes {@code (null)} for a variable that is not set, which means
 * "no certificate" here. The optional verify header carries {@code SSL_CLIENT_VERIFY}: {@code SUCCESS},
 * {@code GENEROUS} (optional_no_ca), {@code FAILED:reason} or {@code NONE}.
 */
final class ApacheParser extends CertificateHeaderParser {

    /** What mod_headers substitutes for an unset SSL variable. */
    private static final String UNSET = "(null)";

    private final String[] chainHeaders;
    private final String verifyHeader;

    ApacheParser(String certificateHeader, String verifyHeader, HeaderLimits limits) {
        super(certificateHeader, false, limits, chainHeader(certificateHeader, 0));
        this.verifyHeader = verifyHeader;
        // Precomputed names. There is one more than the intermediates that fit beside the leaf, so that a chain that is
        // too long is reported (CHAIN_TOO_LONG) rather than silently cut off.
        this.chainHeaders = new String[limits.maxChainLength()];
        for (int i = 0; i < chainHeaders.length; i++) {
            chainHeaders[i] = chainHeader(certificateHeader, i);
        }
    }

    private static String chainHeader(String certificateHeader, int index) {
        return certificateHeader + "-Chain-" + index;
    }

    @Override
    ParsedChain withoutCertificate(HeaderSource headers) throws ForwardedHeaderException {
        HeaderReader.requireNoChainWithout(unsetIsAbsent(reader.single(headers, chainHeaders[0], false)),
            chainHeaders[0], certificateHeader);
        return ParsedChain.absent();
    }

    @Override
    ParsedChain decode(String value, HeaderSource headers) throws ForwardedHeaderException {
        if (UNSET.equals(value)) {
            return withoutCertificate(headers);
        }
        final String verify = ProxyVerifyStatus.read(reader, headers, verifyHeader);
        final List<X509Certificate> chain = new ArrayList<>(4);
        readOne(value, chain, certificateHeader);
        for (String chainHeader : chainHeaders) {
            final String intermediate = unsetIsAbsent(reader.single(headers, chainHeader, false));
            if (intermediate == null) {
                return ParsedChain.of(chain, verify);
            }
            readOne(intermediate, chain, chainHeader);
        }
        throw new IllegalStateException("unreachable: the last chain header exceeds the limit in readOne");
    }

    /** One PEM certificate, counted against the chain limit. */
    private void readOne(String pem, List<X509Certificate> chain, String header) throws ForwardedHeaderException {
        final int before = chain.size();
        PemCertificates.read(pem, chain, reader.maxChainLength(), header);
        if (chain.size() - before != 1) {
            throw CertificateDecoder.undecodable(header + " holds " + (chain.size() - before) + " certificates, expected one");
        }
    }

    private static String unsetIsAbsent(String value) {
        return UNSET.equals(value) ? null : value;
    }
}
