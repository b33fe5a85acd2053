package org.igniterealtime.openfire.plugin.boshcertauth.bosh;

import org.igniterealtime.openfire.plugin.boshcertauth.request.CertificateSource;
import org.igniterealtime.openfire.plugin.boshcertauth.request.PresentedCertificate;
import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AuditTrail;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.config.PluginConfiguration;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.ExternalOnlyOffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.servlet.AsyncContext;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The servlet filter in front of Openfire's BOSH servlet. For every BOSH request it
 * <ol>
 *   <li>obtains the client certificate chain (TLS, or a trusted reverse proxy's header) and checks it (cached);</li>
 *   <li>refuses the request before Openfire sees it when a valid certificate is required and there is none;</li>
 *   <li>for requests of an existing session, refuses any whose certificate differs from the one the session was
 *       created with (so a stolen {@code sid} is useless without the certificate's key);</li>
 *   <li>for session creation with a usable certificate, narrows the offered SASL mechanisms to EXTERNAL.</li>
 * </ol>
 * It never reads the body itself: the session id is taken from the bytes Openfire's asynchronous servlet reads.
 */
public final class ClientCertificateFilter implements Filter {

    private static final Logger Log = LoggerFactory.getLogger(ClientCertificateFilter.class);

    /** Enough for any real BOSH {@code <body>} start tag, which is all we parse. */
    static final int BODY_PREFIX_BYTES = 8 * 1024;

    private final Supplier<PluginRuntime> runtime;
    private final CertificateSource certificates;
    private final SessionCertificates sessions;
    private final AuditTrail audit;
    private final Clock clock;
    private final Runnable onInit;

    /**
     * @param onInit run on every {@link #init}: Jetty re-initialises the filter whenever Openfire restarts BOSH (for
     *               example after the truststore changed), which is the moment to rebuild the configuration
     */
    public ClientCertificateFilter(Supplier<PluginRuntime> runtime, CertificateSource certificates,
                                   SessionCertificates sessions, AuditTrail audit, Clock clock, Runnable onInit) {
        this.runtime = runtime;
        this.certificates = certificates;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
        this.onInit = onInit;
    }

    @Override
    public void init(FilterConfig filterConfig) {
        onInit.run();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
            || !("POST".equals(request.getMethod()) || "GET".equals(request.getMethod()))) {
            chain.doFilter(req, res); // CORS pre-flight and the like carry no session
            return;
        }
        final PluginRuntime rt = runtime.get();
        final PluginConfiguration config = rt.configuration();
        final PresentedCertificate presented = certificates.obtain(request, rt);
        if (presented.failure() != null) {
            refuse(response, request, presented, presented.failure(), presented.detail());
            return;
        }
        final Verdict chainVerdict = presented.present() ? rt.verifier().verifyChain(presented.chain()) : null;
        if (config.certificateRequired() && (chainVerdict == null || !chainVerdict.isSuccess())) {
            final FailureReason reason = chainVerdict == null ? FailureReason.NO_CERTIFICATE : chainVerdict.reason();
            refuse(response, request, presented, reason, chainVerdict == null ? "a valid client certificate is required" : chainVerdict.toString());
            return;
        }

        final BoshResponse wrappedResponse = new BoshResponse(response);
        final BoshRequest[] wrapped = new BoshRequest[1];
        final InspectingInputStream.BodyCheck check = (prefix, length) -> {
            final BoshBodyInspector.BodyStart start = BoshBodyInspector.inspect(prefix, length);
            return admit(start, rt, presented, chainVerdict, wrapped[0], wrappedResponse, response);
        };
        wrapped[0] = new BoshRequest(request, wrappedResponse, presented, BODY_PREFIX_BYTES, check);
        if (presented.forwarded()) {
            // Belt and braces: also on the real request, in case anything reads the attribute from it.
            request.setAttribute(BoshRequest.X509_ATTRIBUTE, presented.chain().toArray(new X509Certificate[0]));
        }

        if ("GET".equals(request.getMethod()) && request.getQueryString() != null && !"isBoshAvailable".equals(request.getQueryString())) {
            // Script syntax (XEP-0124 appendix): the body is the URL-encoded query string.
            final byte[] body = URLDecoder.decode(request.getQueryString(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
            if (!admit(BoshBodyInspector.inspect(body, Math.min(body.length, BODY_PREFIX_BYTES)), rt, presented, chainVerdict, null, null, response)) {
                return;
            }
        }
        chain.doFilter(wrapped[0], wrappedResponse);
    }

    /**
     * Decides on a request once the start of its body is known. Returns false after refusing the request.
     *
     * @param request  our wrapper when called from the asynchronous read (its AsyncContext is used to answer);
     *                 null when called synchronously
     */
    private boolean admit(BoshBodyInspector.BodyStart start, PluginRuntime rt, PresentedCertificate presented, Verdict chainVerdict,
                          BoshRequest request, BoshResponse wrappedResponse, HttpServletResponse response) {
        final PluginConfiguration config = rt.configuration();
        if (!start.parsed()) {
            if (!config.pinSessions()) {
                return true; // Openfire answers bad-request itself
            }
            // Without the session id the pin cannot be checked: fail closed.
            return refuseLater(request, response, presented, FailureReason.MALFORMED_REQUEST, "the BOSH body's start could not be parsed");
        }
        if (start.sid() == null) {
            if (wrappedResponse != null && chainVerdict != null && chainVerdict.isSuccess() && ExternalOnlyOffer.applies(rt, presented.chain())) {
                wrappedResponse.rewriteMechanismsToExternalOnly();
            }
            return true;
        }
        if (config.pinSessions()) {
            final X509Certificate[] pinned = sessions.of(start.sid());
            if (pinned != null && pinned.length > 0 && !pinned[0].equals(presented.leaf())) {
                final String detail = presented.present()
                    ? "BOSH session " + start.sid() + " was created with certificate " + CertificateSummary.sha256(pinned[0])
                    : "BOSH session " + start.sid() + " was created with a certificate; this request has none";
                return refuseLater(request, response, presented, FailureReason.CERTIFICATE_CHANGED, detail);
            }
        }
        return true;
    }

    private boolean refuseLater(BoshRequest request, HttpServletResponse response, PresentedCertificate presented,
                                FailureReason reason, String detail) {
        final HttpServletRequest original = request == null ? null : (HttpServletRequest) request.getRequest();
        record(original, presented, reason, detail);
        try {
            final AsyncContext async = request == null ? null : request.asyncContext();
            writeRefusal(response, reason);
            if (async != null) {
                async.complete();
            }
        } catch (IOException | RuntimeException e) {
            Log.debug("Could not send the refusal of a BOSH request", e);
        }
        return false;
    }

    private void refuse(HttpServletResponse response, HttpServletRequest request, PresentedCertificate presented,
                        FailureReason reason, String detail) throws IOException {
        record(request, presented, reason, detail);
        writeRefusal(response, reason);
    }

    private void record(HttpServletRequest request, PresentedCertificate presented, FailureReason reason, String detail) {
        audit.record(new LoginAttempt(clock.instant(), "bosh", request == null ? "" : request.getRemoteAddr(),
            CertificateSummary.of(presented.leaf()), "", "", reason, detail));
    }

    /**
     * XEP-0124 §17: a terminal binding condition. HTTP 403 (the legacy code for policy-violation) makes every client,
     * including those that do not parse the body, give up at once instead of retrying.
     */
    private static void writeRefusal(HttpServletResponse response, FailureReason reason) throws IOException {
        final byte[] body = ("<body type='terminate' condition='policy-violation' xmlns='http://jabber.org/protocol/httpbind'/>")
            .getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/xml; charset=utf-8");
        response.setHeader("X-BOSH-Certificate-Refusal", reason.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    @Override
    public void destroy() {
        // Nothing to release: the plugin owns the runtime and removes this filter on unload.
    }
}
