package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;

/**
 * Interprets the verification result nginx ({@code $ssl_client_verify}) and Apache mod_ssl ({@code SSL_CLIENT_VERIFY})
 * forward beside the certificate. The plugin validates the chain itself whatever the proxy says, so the proxy's
 * result can only ever refuse: anything but SUCCESS or GENEROUS (mod_ssl's "not verified, passed on by
 * optional_no_ca") refuses, and so does a value we do not recognise — failing closed.
 *
 * <p>Observed with real proxies: with {@code optional_no_ca} both nginx 1.22 and Apache 2.4 report
 * {@code FAILED:unable to get local issuer certificate} for a certificate from a CA they do not know, so a
 * pass-through proxy must not forward its verify header (docs/proxy-recipes.md).
 */
final class ProxyVerifyStatus {

    private ProxyVerifyStatus() {}

    /**
     * Reads the verify header (once; it may contain commas in its reason) and refuses on the proxy's verdict.
     *
     * @return the status as sent, or null when the proxy sends none (then there is nothing to refuse on)
     */
    static String read(HeaderReader reader, HeaderSource headers, String header) throws ForwardedHeaderException {
        final String status = reader.single(headers, header, true);
        requireNotRefused(header, status);
        return status;
    }

    /** @param status the header's value, or null when the proxy sends none (then there is nothing to refuse on) */
    static void requireNotRefused(String header, String status) throws ForwardedHeaderException {
        if (status == null || status.equals("SUCCESS") || status.equals("GENEROUS")) {
            return;
        }
        final String shown = status.length() > 80 ? status.substring(0, 80) + "…" : status;
        if (status.equals("NONE")) {
            throw new ForwardedHeaderException(FailureReason.PROXY_VERIFY_FAILED,
                header + " is NONE although a certificate was forwarded");
        }
        if (status.startsWith("FAILED")) {
            throw new ForwardedHeaderException(FailureReason.PROXY_VERIFY_FAILED, header + " is '" + shown + "'");
        }
        throw new ForwardedHeaderException(FailureReason.PROXY_VERIFY_FAILED, header + " has the unrecognised value '" + shown + "'");
    }
}
