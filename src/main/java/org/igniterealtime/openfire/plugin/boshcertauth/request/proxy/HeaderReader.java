package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;

import java.util.List;

/**
 * Reads header values with the checks every format shares — at most one occurrence, size limit before any decoding,
 * blank means absent — and carries the chain limit the parsers enforce.
 */
final class HeaderReader {

    private final int maxHeaderBytes;
    private final int maxChainLength;

    HeaderReader(HeaderLimits limits) {
        this.maxHeaderBytes = limits.maxHeaderBytes();
        this.maxChainLength = limits.maxChainLength();
    }

    /** The most certificates a chain may have, the client's own included. */
    int maxChainLength() {
        return maxChainLength;
    }

    /** A chain without the client's certificate is a broken or forged header, not an absent one. */
    static void requireNoChainWithout(String chainValue, String chainHeader, String certificateHeader) throws ForwardedHeaderException {
        if (chainValue != null) {
            throw CertificateDecoder.undecodable(chainHeader + " was forwarded without " + certificateHeader);
        }
    }

    /**
     * The header's only value, trimmed, or null when it is absent or blank (nginx omits an empty header, HAProxy sends
     * it empty when there is no client certificate).
     *
     * @param listAllowed  false for formats whose value is a single item: a comma then means that two header lines
     *                     were joined (RFC 9110 §5.3) by a container or an intermediary — a duplicate
     */
    String single(HeaderSource headers, String name, boolean listAllowed) throws ForwardedHeaderException {
        final List<String> values = headers.values(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new ForwardedHeaderException(FailureReason.PROXY_DUPLICATE_HEADER,
                "header " + name + " occurs " + values.size() + " times");
        }
        final String value = checkSize(name, values.get(0));
        if (!listAllowed && value.indexOf(',') >= 0) {
            throw new ForwardedHeaderException(FailureReason.PROXY_DUPLICATE_HEADER,
                "header " + name + " holds a comma-separated list where one value is expected (joined duplicate header)");
        }
        final String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    /**
     * All lines of a list-valued header joined with commas (RFC 9110 §5.3 allows a list to be split over several
     * lines), or null when absent or blank. The size limit applies to the joined value.
     */
    String joinedList(HeaderSource headers, String name) throws ForwardedHeaderException {
        final List<String> values = headers.values(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        long total = values.size() - 1L;
        for (String v : values) {
            total += v.length();
        }
        if (total > maxHeaderBytes) {
            throw tooLarge(name, total);
        }
        final String joined = String.join(",", values).strip();
        return joined.isEmpty() ? null : joined;
    }

    private String checkSize(String name, String value) throws ForwardedHeaderException {
        if (value.length() > maxHeaderBytes) {
            throw tooLarge(name, value.length());
        }
        return value;
    }

    private ForwardedHeaderException tooLarge(String name, long length) {
        return new ForwardedHeaderException(FailureReason.PROXY_HEADER_TOO_LARGE,
            "header " + name + " has " + length + " bytes, the limit is " + maxHeaderBytes);
    }
}
