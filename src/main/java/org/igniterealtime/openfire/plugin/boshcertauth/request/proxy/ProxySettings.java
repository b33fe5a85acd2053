package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The reverse-proxy settings ({@code boshcertauth.request.proxy.*}), validated.
 *
 * @param trustedProxies  {@code boshcertauth.proxy.trusted-addresses}; {@link TrustedProxies#none()} by default
 * @param format          {@code boshcertauth.proxy.format}
 * @param headerName      {@code boshcertauth.proxy.header}: the certificate header's name, or null for the format's
 *                        default ({@link ProxyFormat#defaultCertificateHeader()})
 * @param maxHeaderBytes  longest accepted header value ({@link HeaderLimits#DEFAULT_MAX_HEADER_BYTES})
 * @param maxChainLength  most certificates accepted, leaf included ({@link HeaderLimits#DEFAULT_MAX_CHAIN_LENGTH})
 */
public record ProxySettings(TrustedProxies trustedProxies, ProxyFormat format, String headerName, int maxHeaderBytes, int maxChainLength) {

    /** An HTTP field name is a token (RFC 9110 §5.1, §5.6.2). */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    public ProxySettings {
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        Objects.requireNonNull(format, "format");
        if (headerName != null) {
            headerName = headerName.strip();
            if (headerName.isEmpty()) {
                headerName = null;
            } else if (!TOKEN.matcher(headerName).matches()) {
                throw new IllegalArgumentException("'" + headerName + "' is not a valid HTTP header name");
            }
        }
        new HeaderLimits(maxHeaderBytes, maxChainLength);   // validates both
    }

    /** The given proxies and format with default header name and limits. */
    public static ProxySettings of(TrustedProxies trustedProxies, ProxyFormat format) {
        return new ProxySettings(trustedProxies, format, null,
            HeaderLimits.DEFAULT_MAX_HEADER_BYTES, HeaderLimits.DEFAULT_MAX_CHAIN_LENGTH);
    }

    public HeaderLimits limits() {
        return new HeaderLimits(maxHeaderBytes, maxChainLength);
    }

    /** The certificate header actually read: the configured name or the format's default. */
    public String effectiveHeaderName() {
        return headerName != null ? headerName : format.defaultCertificateHeader();
    }
}
