package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

/**
 * The resource limits a parser enforces on hostile input.
 *
 * @param maxHeaderBytes  the longest header value accepted, checked before any decoding. Header values reach us as
 *                        ISO-8859-1 strings, so characters are bytes.
 * @param maxChainLength  the most certificates accepted, the client's own certificate included; more is
 *                        {@code CHAIN_TOO_LONG}
 */
public record HeaderLimits(int maxHeaderBytes, int maxChainLength) {

    /** 16 KiB: five URL-encoded RSA-4096 certificates (about 2.7 KiB each) fit, a header flood does not. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    /** Client certificate, up to three intermediates and the root. */
    public static final int DEFAULT_MAX_CHAIN_LENGTH = 5;
    public static final HeaderLimits DEFAULTS = new HeaderLimits(DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_CHAIN_LENGTH);

    public HeaderLimits {
        if (maxHeaderBytes < 1) {
            throw new IllegalArgumentException("maxHeaderBytes must be positive, was " + maxHeaderBytes);
        }
        if (maxChainLength < 1) {
            throw new IllegalArgumentException("maxChainLength must be at least 1, was " + maxChainLength);
        }
    }
}
