package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import java.util.List;

/**
 * Decides whether a request's forwarded-certificate headers may be believed — only when the direct peer is a trusted
 * proxy — and parses them if so. Immutable and thread-safe; build a new one when the settings change.
 */
public final class ForwardedCertificateExtractor {

    private final ProxySettings settings;
    private final ForwardedCertificateParser parser;
    private final List<String> certificateHeaders;

    public ForwardedCertificateExtractor(ProxySettings settings) {
        this.settings = settings;
        this.parser = settings.format().parser(settings.headerName(), settings.limits());
        this.certificateHeaders = parser.certificateHeaderNames();
    }

    /**
     * @param remoteAddress  the direct peer's address as the container reports it ({@code getRemoteAddr()}) — never
     *                       an X-Forwarded-For value, which the client controls
     */
    public ParsedChain extract(String remoteAddress, HeaderSource headers) {
        if (!settings.trustedProxies().contains(remoteAddress)) {
            for (String name : certificateHeaders) {
                final List<String> values = headers.values(name);
                if (values != null && !values.isEmpty()) {
                    // Not read, not decoded: from an untrusted peer the header is someone's attempt to choose the
                    // certificate. The address is the container's, so it is safe to log.
                    return ParsedChain.ignoredUntrustedPeer("header " + name + " from " + remoteAddress
                        + ", which is not a trusted proxy");
                }
            }
            return ParsedChain.absent();
        }
        return parser.parse(headers);
    }

    public ProxySettings settings() {
        return settings;
    }
}
