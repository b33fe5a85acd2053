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
import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;
import org.igniterealtime.openfire.plugin.boshcertauth.request.OriginDecision;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.ExternalOnlyOffer;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.MechanismEnforcement;
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
 *   <li>obtains the client certificate chain (TLS, or a trusted reverse proxy's header), ignores it when the request
 *       comes from a web page whose origin may not use it (see request/OriginPolicy), and checks it (cached);</li>
 *   <li>refuses the request before Openfire sees it when a valid certificate is required and there is none;</li>
 *   <li>for requests of an existing session, refuses any whose certificate differs from the one the session was
 *       created with (so a stolen {@code sid} is useless without the certificate's key), answering as for an
 *       unknown session;</li>
 *   <li>for session creation with a usable certificate, narrows the offered SASL mechanisms to EXTERNAL.</li>
 * </ol>
 * It never reads the body itself: the session id is taken from the bytes Openfire's asynchronous servlet reads.
 */
public final class ClientCertificateFilter implements Filter {

    private static final Logger Log = LoggerFactory.getLogger(ClientCertificateFilter.class);

    /** What Openfire's HttpBindServlet sends (HTTP 404) for a sid it does not know. */
    static final String UNKNOWN_SESSION_MESSAGE = "Invalid SID value.";

    /** The reason of a refusal, or of a certificate that cannot be used, for pages and tools (readme). */
    public static final String REFUSAL_HEADER = "X-BOSH-Certificate-Refusal";

    /** Enough for any real BOSH {@code <body>} start tag, which is all we parse. */
    static final int BODY_PREFIX_BYTES = 8 * 1024;

    private final Supplier<PluginRuntime> runtime;
    private final CertificateSource certificates;
    private final SessionCertificates sessions;
    private final AuditTrail audit;
    private final Clock clock;
    private final Runnable onInit;
    private final CorsHeaders cors;

    /**
     * @param onInit run on every {@link #init}: Jetty re-initialises the filter whenever Openfire restarts BOSH (for
     *               example after the truststore changed), which is the moment to rebuild the configuration
     */
    public ClientCertificateFilter(Supplier<PluginRuntime> runtime, CertificateSource certificates,
                                   SessionCertificates sessions, AuditTrail audit, Clock clock, Runnable onInit) {
        this(runtime, certificates, sessions, audit, clock, onInit, CorsHeaders.NONE);
    }

    /** @param cors the CORS headers Openfire would send, for the answers the filter gives itself */
    public ClientCertificateFilter(Supplier<PluginRuntime> runtime, CertificateSource certificates,
                                   SessionCertificates sessions, AuditTrail audit, Clock clock, Runnable onInit, CorsHeaders cors) {
        this.cors = cors;
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
            || "OPTIONS".equals(request.getMethod())) {
            // A CORS pre-flight carries no body and no session, and the browser sends no certificate-using request
            // before it; every other method (HEAD included: HttpServlet.doHead runs doGet) is checked below.
            chain.doFilter(req, res);
            return;
        }
        final PluginRuntime rt = runtime.get();
        final PluginConfiguration config = rt.configuration();
        final PresentedCertificate obtained = certificates.obtain(request, rt);
        if (obtained.failure() != null) {
            refuse(response, request, obtained, obtained.failure(), obtained.detail());
            return;
        }
        // The browser presents a selected certificate to every page that talks to us: only allowed origins may use it.
        final boolean withheld = obtained.present() && !originAllowed(request, obtained, config);
        final PresentedCertificate presented = withheld ? PresentedCertificate.NONE : obtained;
        final Verdict chainVerdict = presented.present() ? rt.verifier().verifyChain(presented.chain()) : null;
        if (config.certificateRequired() && (chainVerdict == null || !chainVerdict.isSuccess())) {
            final FailureReason reason = chainVerdict != null ? chainVerdict.reason()
                : withheld ? FailureReason.ORIGIN_NOT_ALLOWED : FailureReason.NO_CERTIFICATE;
            if (!withheld) { // a withheld certificate was recorded with its origin already
                refuse(response, request, presented, reason, chainVerdict == null ? "a valid client certificate is required" : chainVerdict.toString());
            } else {
                writeRefusal(request, response, reason);
            }
            return;
        }

        final BoshResponse wrappedResponse = new BoshResponse(response);
        final BoshRequest[] wrapped = new BoshRequest[1];
        final InspectingInputStream.BodyCheck check = (prefix, length) -> {
            final BoshBodyInspector.BodyStart start = BoshBodyInspector.inspect(prefix, length);
            final Admission admission = admit(start, rt, presented, chainVerdict, wrappedResponse, request);
            return admission.admitted() || answerLater(wrapped[0], request, response, admission);
        };
        wrapped[0] = new BoshRequest(request, wrappedResponse, presented, withheld, BODY_PREFIX_BYTES, check);
        if (presented.forwarded()) {
            // Belt and braces: also on the real request, in case anything reads the attribute from it.
            request.setAttribute(BoshRequest.X509_ATTRIBUTE, presented.chain().toArray(new X509Certificate[0]));
        } else if (withheld) {
            // Likewise: nothing behind us may find the TLS certificate of a request from a page that may not use it.
            request.removeAttribute(BoshRequest.X509_ATTRIBUTE);
        }

        if (isScriptSyntax(request)) {
            // Script syntax (XEP-0124 appendix): the body is the URL-encoded query string of a GET (or a HEAD, which
            // HttpServlet answers through doGet).
            final Admission admission = admitScriptSyntax(request, rt, presented, chainVerdict);
            if (admission.asUnknownSession()) {
                // Openfire itself answers, for a sid that cannot exist: the very answer (CORS headers, script syntax
                // on or off) anyone gets for a dead sid, so nobody learns that this one is live.
                chain.doFilter(new UnknownSessionQuery(wrapped[0]), wrappedResponse);
                return;
            }
            if (!admission.admitted()) {
                writeRefusal(request, response, admission.refusal());
                return;
            }
        }
        chain.doFilter(wrapped[0], wrappedResponse);
    }

    private static boolean isScriptSyntax(HttpServletRequest request) {
        final String method = request.getMethod();
        return ("GET".equals(method) || "HEAD".equals(method)) && request.getQueryString() != null
            && !"isBoshAvailable".equals(request.getQueryString());
    }

    /** Whether the page behind the request may use the certificate; a refusal is recorded with the origin. */
    private boolean originAllowed(HttpServletRequest request, PresentedCertificate presented, PluginConfiguration config) {
        OriginDecision decision = config.origins().decide(request, presented);
        if (decision.outcome() == OriginDecision.Outcome.NOT_A_BROWSER && isScriptSyntax(request)) {
            // No client but a browser's <script> uses script syntax, and browsers older than fetch metadata (Safari
            // before 16.4, Firefox before 90) send neither Origin nor Sec-Fetch-* on it.
            decision = new OriginDecision(OriginDecision.Outcome.REFUSED, "", "a script-syntax request that names no origin "
                + "(a <script> of a page in a browser without fetch metadata)");
        }
        if (!decision.allowed()) {
            audit.record(attempt(request, presented, FailureReason.ORIGIN_NOT_ALLOWED, decision.detail()
                + "; the certificate was ignored (to allow that origin, add it to " + Settings.WEB_ALLOWED_ORIGINS.getKey() + ")")
                .withOrigin(decision.refusedOriginText()));
        }
        return decision.allowed();
    }

    /** What to do with a request once the start of its body is known. */
    private record Admission(FailureReason refusal, boolean asUnknownSession) {
        static final Admission ADMIT = new Admission(null, false);

        boolean admitted() {
            return refusal == null;
        }
    }

    private Admission admitScriptSyntax(HttpServletRequest request, PluginRuntime rt, PresentedCertificate presented, Verdict chainVerdict) {
        final byte[] body;
        try {
            body = URLDecoder.decode(request.getQueryString(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // Openfire could not decode it either; while pinning, a body whose sid cannot be read is refused.
            return rt.configuration().pinSessions()
                ? refused(request, presented, FailureReason.MALFORMED_REQUEST, "the script-syntax query is not URL-encoded", false)
                : Admission.ADMIT;
        }
        return admit(BoshBodyInspector.inspect(body, Math.min(body.length, BODY_PREFIX_BYTES)), rt, presented, chainVerdict, null, request);
    }

    /**
     * Decides on a request once the start of its body is known, and records a refusal (with the peer's address).
     *
     * @param wrappedResponse our response wrapper when the body is POSTed (session creation answers are rewritten);
     *                        null for script syntax
     */
    private Admission admit(BoshBodyInspector.BodyStart start, PluginRuntime rt, PresentedCertificate presented, Verdict chainVerdict,
                            BoshResponse wrappedResponse, HttpServletRequest request) {
        final PluginConfiguration config = rt.configuration();
        if (!start.parsed()) {
            if (!config.pinSessions()) {
                return Admission.ADMIT; // Openfire answers bad-request itself
            }
            // Without the session id the pin cannot be checked: fail closed.
            return refused(request, presented, FailureReason.MALFORMED_REQUEST, "the BOSH body's start could not be parsed", false);
        }
        if (start.sid() == null) {
            if (wrappedResponse != null && chainVerdict != null && chainVerdict.isSuccess() && ExternalOnlyOffer.applies(rt, presented.chain())) {
                wrappedResponse.rewriteMechanismsToExternalOnly();
            } else if (chainVerdict != null) {
                explainUnusableCertificate(request, rt, presented, chainVerdict, wrappedResponse);
            }
            return Admission.ADMIT;
        }
        if (config.pinSessions()) {
            final X509Certificate[] pinned = sessions.of(start.sid());
            if (pinned != null && pinned.length > 0 && !pinned[0].equals(presented.leaf())) {
                final String detail = presented.present()
                    ? "BOSH session " + start.sid() + " was created with certificate " + CertificateSummary.sha256(pinned[0])
                    : "BOSH session " + start.sid() + " was created with a certificate; this request has none";
                // Answered exactly as Openfire answers an unknown sid: nobody learns that this sid is a live session.
                return refused(request, presented, FailureReason.CERTIFICATE_CHANGED, detail, true);
            }
        }
        return Admission.ADMIT;
    }

    /**
     * Issue 15, "silent failures": a session created with a certificate that cannot be used (untrusted chain,
     * revocation unknown under HARD_FAIL, a foreign domain, no usable identity, ...) used to be left with Openfire's
     * mechanism list and no record, and the user read "password incorrect". Now the decision is recorded once (log,
     * attempts, audit; repeats folded by the trail), the reason goes into the {@code X-BOSH-Certificate-Refusal} header
     * of the session-creation answer (exposed to pages by CORS), and EXTERNAL stays offered, so a client that tries
     * the certificate gets the reason's XEP-0178 condition (Openfire's SASL failure carries no {@code <text>}) and
     * the attempt is recorded with the reason, instead of "no supported mechanism". Password mechanisms stay, unless
     * EXTERNAL_ONLY enforcement would refuse them anyway: then EXTERNAL is offered alone.
     */
    private void explainUnusableCertificate(HttpServletRequest request, PluginRuntime rt, PresentedCertificate presented,
                                            Verdict chainVerdict, BoshResponse wrappedResponse) {
        final Verdict usable = chainVerdict.isSuccess() ? rt.verifier().authenticate(presented.chain(), null) : chainVerdict;
        if (usable.isSuccess() || usable.reason() == FailureReason.AMBIGUOUS_IDENTITY) {
            return; // usable: the client picks an identity (or the offer is Openfire's list by configuration)
        }
        final MechanismEnforcement enforcement = rt.configuration().enforcement();
        final boolean externalOnly = enforcement == MechanismEnforcement.EXTERNAL_ONLY;
        // Under CERTIFICATE_IDENTITY a chain that passed binds the session to the identities it names: here none.
        final boolean bound = enforcement == MechanismEnforcement.CERTIFICATE_IDENTITY && chainVerdict.isSuccess();
        record(request, presented, usable.reason(), "the certificate presented at BOSH session creation cannot be used: " + usable
            + (externalOnly ? "; EXTERNAL offered alone (enforcement EXTERNAL_ONLY), it will fail with this reason"
                : bound ? "; EXTERNAL will fail with this reason, and a password login on this session is refused too "
                    + "(enforcement CERTIFICATE_IDENTITY: only the certificate's own identities, and it names none here)"
                : "; password mechanisms stay offered, EXTERNAL will fail with this reason"));
        if (wrappedResponse != null) {
            wrappedResponse.setHeader(REFUSAL_HEADER, usable.reason().name());
            if (cors.apply(request, wrappedResponse)) {
                exposeRefusalHeader(wrappedResponse); // Openfire sets the same CORS headers again: identical values
            }
            wrappedResponse.rewriteMechanismsToIncludeExternal(externalOnly);
        }
    }

    private Admission refused(HttpServletRequest request, PresentedCertificate presented, FailureReason reason, String detail,
                              boolean asUnknownSession) {
        record(request, presented, reason, detail);
        return new Admission(reason, asUnknownSession);
    }

    /**
     * Answers a refused POST from Openfire's asynchronous read (its AsyncContext). Openfire's servlet has already set
     * its CORS headers on the response by then, so the 404 for a pinned session matches its own for an unknown sid.
     *
     * @return false (the request is not admitted)
     */
    private boolean answerLater(BoshRequest wrapped, HttpServletRequest request, HttpServletResponse response, Admission admission) {
        try {
            final AsyncContext async = wrapped == null ? null : wrapped.asyncContext();
            if (admission.asUnknownSession()) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND, UNKNOWN_SESSION_MESSAGE);
            } else {
                writeRefusal(request, response, admission.refusal());
            }
            if (async != null) {
                async.complete();
            }
        } catch (IOException | RuntimeException e) {
            Log.debug("Could not send the refusal of a BOSH request", e);
        }
        return false;
    }

    /** A script-syntax request whose query names a session that cannot exist, for Openfire to answer. */
    private static final class UnknownSessionQuery extends javax.servlet.http.HttpServletRequestWrapper {
        private final String query = java.net.URLEncoder.encode("<body rid='1' sid='boshcertauth-no-such-session-"
            + java.util.UUID.randomUUID() + "' xmlns='http://jabber.org/protocol/httpbind'/>", StandardCharsets.UTF_8);

        UnknownSessionQuery(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getQueryString() {
            return query;
        }
    }

    private void refuse(HttpServletResponse response, HttpServletRequest request, PresentedCertificate presented,
                        FailureReason reason, String detail) throws IOException {
        record(request, presented, reason, detail);
        writeRefusal(request, response, reason);
    }

    private void record(HttpServletRequest request, PresentedCertificate presented, FailureReason reason, String detail) {
        audit.record(attempt(request, presented, reason, detail));
    }

    private LoginAttempt attempt(HttpServletRequest request, PresentedCertificate presented, FailureReason reason, String detail) {
        return new LoginAttempt(clock.instant(), "bosh", request == null ? "" : request.getRemoteAddr(),
            CertificateSummary.of(presented.leaf()), "", "", reason, detail);
    }

    /**
     * XEP-0124 §17: a terminal binding condition. HTTP 403 (the legacy code for policy-violation) makes every client,
     * including those that do not parse the body, give up at once instead of retrying.
     */
    private void writeRefusal(HttpServletRequest request, HttpServletResponse response, FailureReason reason) throws IOException {
        if (cors.apply(request, response)) {
            exposeRefusalHeader(response);
        }
        final byte[] body = ("<body type='terminate' condition='policy-violation' xmlns='http://jabber.org/protocol/httpbind'/>")
            .getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/xml; charset=utf-8");
        response.setHeader(REFUSAL_HEADER, reason.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** Lets a page on another origin read the refusal's reason (CORS hides every other header from it). */
    private static void exposeRefusalHeader(HttpServletResponse response) {
        response.setHeader("Access-Control-Expose-Headers", REFUSAL_HEADER);
    }

    @Override
    public void destroy() {
        // Nothing to release: the plugin owns the runtime and removes this filter on unload.
    }
}
