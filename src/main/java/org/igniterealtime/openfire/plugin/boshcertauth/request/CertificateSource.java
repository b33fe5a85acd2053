package org.igniterealtime.openfire.plugin.boshcertauth.request;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;

import javax.servlet.http.HttpServletRequest;

/** Where a request's client certificate chain comes from: the TLS layer, or a trusted reverse proxy's header. */
@FunctionalInterface
public interface CertificateSource {

    /** Where the servlet container puts the chain of a TLS client certificate (Servlet spec). */
    String X509_ATTRIBUTE = "javax.servlet.request.X509Certificate";

    PresentedCertificate obtain(HttpServletRequest request, PluginRuntime runtime);

    /** The chain the TLS layer (Jetty) verified the client's possession of. */
    static PresentedCertificate fromTls(HttpServletRequest request) {
        final Object attribute = request.getAttribute(X509_ATTRIBUTE);
        return attribute instanceof java.security.cert.X509Certificate[] chain
            ? PresentedCertificate.fromTls(chain)
            : PresentedCertificate.NONE;
    }
}
