package org.igniterealtime.openfire.plugin.boshcertauth.websocket;

import org.eclipse.jetty.ee8.websocket.api.Session;
import org.eclipse.jetty.ee8.websocket.server.JettyServerUpgradeRequest;
import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AuditTrail;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import org.igniterealtime.openfire.plugin.boshcertauth.request.CertificateSource;
import org.igniterealtime.openfire.plugin.boshcertauth.request.PresentedCertificate;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;
import org.igniterealtime.openfire.plugin.boshcertauth.request.OriginDecision;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateTokens;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.ExternalOnlyOffer;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.SocketCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Certificate login over Openfire's WebSocket endpoint: what every connection shares. At the upgrade request it takes
 * the client certificate (TLS, or a trusted reverse proxy's header — the same {@link CertificateSource} as BOSH) and
 * checks its chain with the same verifier; a connection whose chain passed gets an endpoint of ours around
 * Openfire's ({@link CertificateWebSocketEndpoint}).
 */
public final class WebSocketCertificateLogin {

    static final String STAGE = "websocket";
    static final String FRAMING_CLOSE = "<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>";
    static final int GOING_AWAY = 1001;
    private static final Logger Log = LoggerFactory.getLogger(WebSocketCertificateLogin.class);

    private final Supplier<PluginRuntime> runtime;
    private final CertificateSource certificates;
    private final CertificateTokens tokens;
    private final AuditTrail audit;
    private final Clock clock;
    private final String internalMechanism;
    private final Runnable ensureMechanismRegistered;
    private final BooleanSupplier externalEnabled;
    private final Function<Object, XmppSocketHandler> adapter;
    /** The connections open through our endpoint, with their Jetty session (see {@link #closeAll()}). */
    private final Map<CertificateWebSocketEndpoint, Session> open = new ConcurrentHashMap<>();

    /**
     * @param internalMechanism         the SASL mechanism a client's EXTERNAL becomes
     * @param ensureMechanismRegistered makes Openfire consider that mechanism (again); runs while a certificate frame is in scope
     * @param externalEnabled           whether EXTERNAL is among Openfire's enabled mechanisms (sasl.mechs)
     * @param adapter                   recognises the endpoint Openfire's creator made (null: not one we can wrap)
     */
    public WebSocketCertificateLogin(Supplier<PluginRuntime> runtime, CertificateSource certificates, CertificateTokens tokens,
                                     AuditTrail audit, Clock clock, String internalMechanism, Runnable ensureMechanismRegistered,
                                     BooleanSupplier externalEnabled, Function<Object, XmppSocketHandler> adapter) {
        this.runtime = runtime;
        this.certificates = certificates;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
        this.internalMechanism = internalMechanism;
        this.ensureMechanismRegistered = ensureMechanismRegistered;
        this.externalEnabled = externalEnabled;
        this.adapter = adapter;
    }

    /**
     * Wraps the endpoint Openfire's creator returned (null when it refused the upgrade) for a connection; refuses the
     * connection (closed at once with 1008 policy violation, see {@link RefusedUpgradeEndpoint}; the BOSH filter
     * answers HTTP 403) when a valid certificate is required and there is none.
     */
    public Object wrap(Object endpoint, JettyServerUpgradeRequest request) {
        if (endpoint == null) {
            return null;
        }
        final Upgrade upgrade;
        try {
            upgrade = atUpgrade(request.getHttpServletRequest());
        } catch (RuntimeException e) {
            // Never break Openfire's WebSocket: without our check the connection simply gets no certificate login
            // (and boshcertauth.sasl.enforcement still refuses password mechanisms where it must).
            Log.warn("Could not check the client certificate of a WebSocket upgrade; no certificate login on it", e);
            final XmppSocketHandler handler = adapter.apply(endpoint);
            return handler == null ? endpoint : new CertificateWebSocketEndpoint(handler, null, this);
        }
        if (upgrade.refused() != null) {
            return new RefusedUpgradeEndpoint(upgrade.refused()); // Openfire's endpoint is never connected
        }
        final XmppSocketHandler handler = adapter.apply(endpoint);
        return handler == null ? endpoint : new CertificateWebSocketEndpoint(handler, upgrade.certificate(), this);
    }

    /**
     * What the upgrade check decided.
     *
     * @param certificate the connection's certificate when its chain passed our checks, else null
     * @param refused     why the upgrade is refused (a valid certificate is required), else null
     */
    record Upgrade(SocketCertificate certificate, FailureReason refused) {
        static final Upgrade WITHOUT_CERTIFICATE_LOGIN = new Upgrade(null, null);
    }

    /**
     * The connection's certificate when its chain passed our checks; else no certificate login on it, or — when a
     * valid certificate is required — the refusal. Every refused certificate is recorded.
     */
    Upgrade atUpgrade(HttpServletRequest request) {
        final PluginRuntime rt = runtime.get();
        // The same condition as the BOSH filter's: EXTERNAL_ONLY enforcement, or Openfire's client-cert policy "needed".
        final boolean required = rt.configuration().certificateRequired();
        final PresentedCertificate presented = certificates.obtain(request, rt);
        if (presented.failure() != null) {
            record(request, presented, presented.failure(), presented.detail());
            return required ? new Upgrade(null, presented.failure()) : Upgrade.WITHOUT_CERTIFICATE_LOGIN;
        }
        if (!presented.present()) {
            if (required) {
                record(request, presented, FailureReason.NO_CERTIFICATE, "a valid client certificate is required; WebSocket connection refused");
                return new Upgrade(null, FailureReason.NO_CERTIFICATE);
            }
            return Upgrade.WITHOUT_CERTIFICATE_LOGIN; // no certificate: Openfire's behaviour, password mechanisms as usual
        }
        // No CORS protects a WebSocket: any page can open one to us, and the browser presents its selected certificate.
        final OriginDecision origin = rt.configuration().origins().decide(request, presented);
        if (!origin.allowed()) {
            audit.record(attempt(request, presented, FailureReason.ORIGIN_NOT_ALLOWED, origin.detail()
                + (required ? "; WebSocket connection refused" : "; no certificate login on this WebSocket connection")
                + " (to allow that origin, add it to " + Settings.WEB_ALLOWED_ORIGINS.getKey() + ")")
                .withOrigin(origin.refusedOriginText()));
            return required ? new Upgrade(null, FailureReason.ORIGIN_NOT_ALLOWED) : Upgrade.WITHOUT_CERTIFICATE_LOGIN;
        }
        final Verdict verdict = rt.verifier().verifyChain(presented.chain());
        if (!verdict.isSuccess()) {
            record(request, presented, verdict.reason(), verdict.toString()
                + (required ? "; WebSocket connection refused" : "; no certificate login on this WebSocket connection"));
            return required ? new Upgrade(null, verdict.reason()) : Upgrade.WITHOUT_CERTIFICATE_LOGIN;
        }
        final Verdict identity = rt.verifier().authenticate(presented.chain(), null);
        if (!identity.isSuccess() && identity.reason() != FailureReason.AMBIGUOUS_IDENTITY) {
            // Issue 15: recorded at the upgrade, as over BOSH; EXTERNAL stays offered and fails with this reason.
            record(request, presented, identity.reason(), "the certificate presented at the WebSocket upgrade cannot be used: "
                + identity + "; password mechanisms stay offered, EXTERNAL will fail with this reason");
        }
        return new Upgrade(new SocketCertificate(UUID.randomUUID().toString(), request.getRemoteAddr(),
            request.isSecure() || presented.forwarded(), presented.chain()), null);
    }

    /** Whether the connection may log in with its certificate now (EXTERNAL may have been disabled since the upgrade). */
    boolean certificateLogin(SocketCertificate certificate) {
        return certificate != null && externalEnabled.getAsBoolean();
    }

    /** What the connection is offered now (the configuration may have changed since the upgrade). */
    FeaturesRewriter.Offer offer(SocketCertificate certificate) {
        if (!certificateLogin(certificate)) {
            return FeaturesRewriter.Offer.NONE;
        }
        // The connection's chain passed the chain rules at the upgrade; the same rule as over BOSH decides.
        return ExternalOnlyOffer.applies(runtime.get(), certificate.chain())
            ? FeaturesRewriter.Offer.EXTERNAL_ONLY
            : FeaturesRewriter.Offer.EXTERNAL;
    }

    CertificateTokens tokens() {
        return tokens;
    }

    void opened(CertificateWebSocketEndpoint endpoint, Session session) {
        open.put(endpoint, session);
    }

    void closed(CertificateWebSocketEndpoint endpoint) {
        open.remove(endpoint);
    }

    /** How many WebSocket connections are open through our endpoint now. */
    public int openConnections() {
        return open.size();
    }

    /**
     * Closes every connection still open through our endpoint, for the plugin's unload: they run the plugin's classes,
     * which go with it. Openfire's servlet, on being replaced, already closed the sessions that had bound a resource
     * (it closes those it finds in its routing table); this closes the rest — connections still negotiating or
     * authenticated without a resource — as Openfire closes its own: RFC 7395 {@code <close/>}, then the WebSocket
     * with 1001 going away. Openfire's handler then ends its session ({@code onClose}).
     *
     * @return how many were closed
     */
    public int closeAll() {
        int closed = 0;
        for (Map.Entry<CertificateWebSocketEndpoint, Session> connection : Map.copyOf(open).entrySet()) {
            open.remove(connection.getKey());
            final Session session = connection.getValue();
            try {
                if (session.isOpen()) {
                    session.getRemote().sendString(FRAMING_CLOSE);
                    session.close(GOING_AWAY, "the certificate login plugin was unloaded; reconnect");
                    closed++;
                }
            } catch (java.io.IOException | RuntimeException e) {
                Log.debug("Could not close a WebSocket connection cleanly; disconnecting it", e);
                session.disconnect();
                closed++;
            }
        }
        return closed;
    }

    String internalMechanism() {
        return internalMechanism;
    }

    void ensureMechanismRegistered() {
        try {
            ensureMechanismRegistered.run();
        } catch (RuntimeException | LinkageError e) {
            Log.warn("Could not register the SASL mechanism {} with Openfire", internalMechanism, e);
        }
    }

    private void record(HttpServletRequest request, PresentedCertificate presented, FailureReason reason, String detail) {
        audit.record(attempt(request, presented, reason, detail));
    }

    private LoginAttempt attempt(HttpServletRequest request, PresentedCertificate presented, FailureReason reason, String detail) {
        return new LoginAttempt(clock.instant(), STAGE, request.getRemoteAddr(), CertificateSummary.of(presented.leaf()), "", "",
            reason, detail);
    }
}
