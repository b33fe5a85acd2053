package org.igniterealtime.openfire.plugin.boshcertauth.bosh;

import org.igniterealtime.openfire.plugin.boshcertauth.request.CertificateSource;
import org.igniterealtime.openfire.plugin.boshcertauth.request.PresentedCertificate;
import javax.servlet.AsyncContext;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.security.cert.X509Certificate;

/**
 * The request Openfire's BOSH servlet sees.
 *
 * <p>{@code HttpBindServlet} calls {@code request.startAsync()} and afterwards works only with the
 * {@code AsyncContext}'s request and response, which by the servlet specification are the <em>unwrapped</em>
 * originals. Overriding {@link #startAsync()} to start with this wrapper and our response wrapper keeps them in the
 * async context, so Openfire's {@code HttpConnection} sees a certificate forwarded by a trusted proxy (as the standard
 * {@code javax.servlet.request.X509Certificate} attribute, with {@code isSecure()}), and our response wrapper sees the
 * session-creation response.</p>
 */
final class BoshRequest extends HttpServletRequestWrapper {

    static final String X509_ATTRIBUTE = CertificateSource.X509_ATTRIBUTE;

    private final BoshResponse response;
    private final PresentedCertificate presented;
    private final boolean certificateWithheld;
    private final int prefixBytes;
    private final InspectingInputStream.BodyCheck bodyCheck;
    private volatile AsyncContext asyncContext;
    private InspectingInputStream inputStream;

    /**
     * @param certificateWithheld the TLS layer has a client certificate, but the page behind the request may not use
     *                            it: Openfire must not see it (its HttpConnection reads the attribute through us)
     */
    BoshRequest(HttpServletRequest request, BoshResponse response, PresentedCertificate presented, boolean certificateWithheld,
                int prefixBytes, InspectingInputStream.BodyCheck bodyCheck) {
        super(request);
        this.response = response;
        this.presented = presented;
        this.certificateWithheld = certificateWithheld;
        this.prefixBytes = prefixBytes;
        this.bodyCheck = bodyCheck;
    }

    @Override
    public AsyncContext startAsync() {
        asyncContext = super.startAsync(this, response);
        return asyncContext;
    }

    AsyncContext asyncContext() {
        return asyncContext;
    }

    @Override
    public Object getAttribute(String name) {
        if (X509_ATTRIBUTE.equals(name)) {
            if (presented.forwarded()) {
                return presented.chain().toArray(new X509Certificate[0]);
            }
            if (certificateWithheld) {
                return null;
            }
        }
        return super.getAttribute(name);
    }

    @Override
    public boolean isSecure() {
        return presented.forwarded() || super.isSecure();
    }

    @Override
    public String getScheme() {
        return presented.forwarded() ? "https" : super.getScheme();
    }

    @Override
    public synchronized ServletInputStream getInputStream() throws IOException {
        if (inputStream == null) {
            inputStream = new InspectingInputStream(super.getInputStream(), prefixBytes, bodyCheck);
        }
        return inputStream;
    }
}
