package org.igniterealtime.openfire.plugin.boshcertauth.request;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The client certificate chain a request carries, and where it came from.
 *
 * @param chain      leaf first; empty when the request carries none
 * @param forwarded  true when it came from a trusted reverse proxy's header (the client used TLS to the proxy)
 * @param failure    set when a certificate was offered but could not be taken (e.g. a malformed proxy header)
 */
public record PresentedCertificate(List<X509Certificate> chain, boolean forwarded, FailureReason failure, String detail) {

    public static final PresentedCertificate NONE = new PresentedCertificate(List.of(), false, null, "");

    public PresentedCertificate {
        chain = List.copyOf(chain);
        detail = detail == null ? "" : detail;
    }

    public static PresentedCertificate fromTls(X509Certificate[] chain) {
        return chain == null || chain.length == 0 ? NONE : new PresentedCertificate(List.of(chain), false, null, "");
    }

    public static PresentedCertificate refused(FailureReason reason, String detail) {
        return new PresentedCertificate(List.of(), false, reason, detail);
    }

    public boolean present() {
        return !chain.isEmpty();
    }

    public X509Certificate leaf() {
        return chain.isEmpty() ? null : chain.get(0);
    }
}
