package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import java.util.List;

/**
 * Reads the client certificate a TLS-terminating reverse proxy forwarded in HTTP headers, in one proxy's format.
 * Implementations are immutable and thread-safe; they decode and check form only (size, duplicates, encoding,
 * certificate count) — validating the chain is the certificate core's job. Obtain one with
 * {@link ProxyFormat#parser(String, HeaderLimits)}.
 */
public interface ForwardedCertificateParser {

    /** Never throws for any header content; hostile input yields {@link ParsedChain#failure}. */
    ParsedChain parse(HeaderSource headers);

    /**
     * The headers that carry certificate material in this format: if any is present on a request from a peer that is
     * not a trusted proxy, someone is trying to inject a certificate (logged as {@code PROXY_UNTRUSTED_PEER}).
     */
    List<String> certificateHeaderNames();
}
