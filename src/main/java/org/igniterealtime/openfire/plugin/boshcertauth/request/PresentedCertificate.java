package org.igniterealtime.openfire.plugin.boshcertauth.request;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The client certificate chain a request carries, and where it came from.
 *
 * @param chain   leaf first; empty when the request carries none
 * @param source  where the chain came from; NONE exactly when the chain is empty
 * @param failure set when a certificate was offered but could not be taken (e.g. a malformed proxy header)
 */
public record PresentedCertificate(List<X509Certificate> chain, Source source, FailureReason failure, String detail) {

    /** Where a presented chain came from. */
    public enum Source {
        /** The TLS layer (Jetty): the client proved possession of the key to this server. */
        TLS,
        /** A trusted reverse proxy's header: the client used TLS to the proxy, which proved possession. */
        PROXY,
        /** No certificate. */
        NONE
    }

    public static final PresentedCertificate NONE = new PresentedCertificate(List.of(), Source.NONE, null, "");

    public PresentedCertificate {
        chain = List.copyOf(chain);
        Objects.requireNonNull(source);
        if (chain.isEmpty() != (source == Source.NONE)) {
            throw new IllegalArgumentException("A chain needs its source, and only an empty chain has none: " + source);
        }
        detail = detail == null ? "" : detail;
    }

    public static PresentedCertificate fromTls(X509Certificate[] chain) {
        return chain == null || chain.length == 0 ? NONE : new PresentedCertificate(List.of(chain), Source.TLS, null, "");
    }

    public static PresentedCertificate fromProxy(List<X509Certificate> chain) {
        return new PresentedCertificate(chain, Source.PROXY, null, "");
    }

    public static PresentedCertificate refused(FailureReason reason, String detail) {
        return new PresentedCertificate(List.of(), Source.NONE, reason, detail);
    }

    public boolean present() {
        return !chain.isEmpty();
    }

    /** Whether a trusted reverse proxy forwarded the chain (the request itself may then be plain HTTP). */
    public boolean forwarded() {
        return source == Source.PROXY;
    }

    public X509Certificate leaf() {
        return chain.isEmpty() ? null : chain.get(0);
    }
}
