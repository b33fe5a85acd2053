package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import java.util.ArrayList;
import java.util.List;

/**
 * What every format's parser does the same way: read its certificate header once (duplicates, size limit, blank =
 * absent), never let a failure escape, and report which headers carry certificate material. The formats supply only
 * the decoding.
 */
abstract sealed class CertificateHeaderParser implements ForwardedCertificateParser
        permits NginxParser, ApacheParser, HaproxyParser, EnvoyParser, TraefikParser, Rfc9440Parser {

    final String certificateHeader;
    final HeaderReader reader;
    private final boolean listAllowed;
    private final List<String> certificateHeaderNames;

    /**
     * @param listAllowed       whether the certificate header's value is a comma-separated list (else a comma means
     *                          a joined duplicate)
     * @param companionHeaders  the other headers that carry certificates (chain headers)
     */
    CertificateHeaderParser(String certificateHeader, boolean listAllowed, HeaderLimits limits, String... companionHeaders) {
        this.certificateHeader = certificateHeader;
        this.reader = new HeaderReader(limits);
        this.listAllowed = listAllowed;
        final List<String> names = new ArrayList<>(1 + companionHeaders.length);
        names.add(certificateHeader);
        names.addAll(List.of(companionHeaders));
        this.certificateHeaderNames = List.copyOf(names);
    }

    @Override
    public final ParsedChain parse(HeaderSource headers) {
        return ForwardedHeaderException.guard(() -> {
            final String value = reader.single(headers, certificateHeader, listAllowed);
            return value == null ? withoutCertificate(headers) : decode(value, headers);
        });
    }

    /** The certificate header is absent or blank: absent, unless other headers make that a contradiction. */
    ParsedChain withoutCertificate(HeaderSource headers) throws ForwardedHeaderException {
        return ParsedChain.absent();
    }

    /** Decodes the certificate header's (trimmed, non-blank, size-checked) value and any companion headers. */
    abstract ParsedChain decode(String value, HeaderSource headers) throws ForwardedHeaderException;

    @Override
    public final List<String> certificateHeaderNames() {
        return certificateHeaderNames;
    }
}
