package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AuditTrail;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.security.auth.callback.CallbackHandler;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;
import javax.security.sasl.SaslServerFactory;
import java.security.Provider;
import java.security.Security;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The factory our provider registers, first in the JVM's preference order. {@code Sasl.createSaslServer} asks
 * providers in order and takes the first non-null server, so for every session that is neither a BOSH nor a WebSocket
 * session (TCP c2s) this factory returns null and Openfire's own servers run as before; so it does for BOSH and
 * WebSocket sessions wherever boshcertauth.sasl.enforcement leaves a mechanism to Openfire. It must never throw for such sessions: an exception
 * ends the search.
 */
public final class CertificateSaslServerFactory implements SaslServerFactory {

    private static final Logger Log = LoggerFactory.getLogger(CertificateSaslServerFactory.class);

    private final List<String> mechanisms;
    private final Supplier<PluginRuntime> runtime;
    private final SaslEnvironment environment;
    private final AuditTrail audit;
    private final Clock clock;
    private final Supplier<String> domain;
    private final CertificateTokens tokens;
    private volatile Provider ownProvider;

    public CertificateSaslServerFactory(List<String> mechanisms, Supplier<PluginRuntime> runtime, SaslEnvironment environment,
                                 AuditTrail audit, Clock clock, Supplier<String> domain) {
        this(mechanisms, runtime, environment, audit, clock, domain, new CertificateTokens());
    }

    /** @param tokens where the WebSocket layer registers the certificate references it puts into translated auths */
    public CertificateSaslServerFactory(List<String> mechanisms, Supplier<PluginRuntime> runtime, SaslEnvironment environment,
                                 AuditTrail audit, Clock clock, Supplier<String> domain, CertificateTokens tokens) {
        this.tokens = tokens;
        this.mechanisms = List.copyOf(mechanisms);
        this.runtime = runtime;
        this.environment = environment;
        this.audit = audit;
        this.clock = clock;
        this.domain = domain;
    }

    void ownedBy(Provider provider) {
        this.ownProvider = provider;
    }

    /** The internal mechanism that stands for EXTERNAL on WebSocket connections with a verified certificate. */
    public static String webSocketMechanism() {
        return WebSocketExternalSaslServer.MECHANISM;
    }

    public CertificateTokens tokens() {
        return tokens;
    }

    /**
     * Our mechanisms; the internal WebSocket one only while a frame of a WebSocket connection with a verified
     * certificate is being processed on this thread (see {@link SocketScope}), so Openfire never lists it elsewhere.
     */
    @Override
    public String[] getMechanismNames(Map<String, ?> props) {
        if (SocketScope.current() == null) {
            return mechanisms.toArray(new String[0]);
        }
        final String[] names = mechanisms.toArray(new String[mechanisms.size() + 1]);
        names[mechanisms.size()] = WebSocketExternalSaslServer.MECHANISM;
        return names;
    }

    @Override
    public SaslServer createSaslServer(String mechanism, String protocol, String serverName, Map<String, ?> props,
                                       CallbackHandler cbh) throws SaslException {
        if (WebSocketExternalSaslServer.MECHANISM.equals(mechanism)) {
            final SocketCertificate scope = SocketScope.current();
            if (scope == null) {
                // Not implemented outside a certificate WebSocket frame (getMechanismNames does not list it there), so
                // Openfire answers invalid-mechanism, whatever the transport. Openfire 5.1+ refuses such an auth itself
                // before asking any factory (OF-3273, per-session mechanism check); 5.0.x does not, and this gives it
                // the same outcome.
                return null;
            }
            // In a certificate WebSocket frame: the reference check refuses anything but the reference it issued.
            return new WebSocketExternalSaslServer(tokens, scope, runtime.get().verifier(), environment, audit, clock, props);
        }
        final Optional<CertificateSaslSession> boshSession;
        final Optional<CertificateSaslSession> webSocketSession;
        try {
            boshSession = environment.boshSession(props);
            webSocketSession = boshSession.isEmpty() ? environment.webSocketSession(props) : Optional.empty();
        } catch (RuntimeException e) {
            return uninspectable(mechanism, e);
        }
        if (boshSession.isPresent()) {
            final CertificateSaslSession session = boshSession.get();
            final PluginRuntime rt = runtime.get();
            final SaslAttemptRecorder recorder = new SaslAttemptRecorder(audit, clock, session, mechanism);
            if (ExternalSaslServer.MECHANISM.equals(mechanism)) {
                return new ExternalSaslServer(session, rt.verifier(), environment, recorder, props);
            }
            return enforced(WebTransport.BOSH, mechanism, protocol, serverName, props, cbh, session, rt, recorder);
        }
        if (webSocketSession.isPresent() && !ExternalSaslServer.MECHANISM.equals(mechanism)) {
            // EXTERNAL reaches us untranslated only on a connection without certificate login: Openfire's answer.
            final SocketCertificate certificate = SocketScope.current();
            final CertificateSaslSession session = certificate == null ? webSocketSession.get()
                : webSocketSession.get().withChain(certificate.chain());
            final SaslAttemptRecorder recorder = new SaslAttemptRecorder(audit, clock, session, mechanism, WebSocketExternalSaslServer.STAGE);
            return enforced(WebTransport.WEBSOCKET, mechanism, protocol, serverName, props, cbh, session, runtime.get(), recorder);
        }
        return null; // TCP c2s and everything else: Openfire's own mechanisms and rules
    }

    /**
     * A session whose transport could not be told (review L1). It may be a BOSH or WebSocket session, so under any
     * enforcement leaving it to Openfire would offer exactly what the setting forbids (a password on a web session):
     * every mechanism is refused as INTERNAL_ERROR (temporary-auth-failure) and recorded. Without enforcement there is
     * nothing to enforce and Openfire decides, as for any session that is not ours.
     */
    private SaslServer uninspectable(String mechanism, RuntimeException cause) {
        final MechanismEnforcement enforcement;
        try {
            enforcement = runtime.get().configuration().enforcement();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            Log.warn("Could not inspect the session asking for SASL {}, nor read boshcertauth.sasl.enforcement; refused", mechanism, cause);
            return RefusingSaslServer.internalError(mechanism, new SaslAttemptRecorder(audit, clock, UNINSPECTABLE, mechanism),
                "the session could not be inspected and the enforcement setting could not be read: " + cause);
        }
        if (enforcement == MechanismEnforcement.NONE) {
            Log.warn("Could not inspect the session asking for SASL {}; leaving it to Openfire (no enforcement)", mechanism, cause);
            return null;
        }
        Log.warn("Could not inspect the session asking for SASL {}; refused (boshcertauth.sasl.enforcement={})", mechanism, enforcement, cause);
        return RefusingSaslServer.internalError(mechanism, new SaslAttemptRecorder(audit, clock, UNINSPECTABLE, mechanism),
            "the session could not be inspected (" + cause + "), so " + mechanism + " is refused rather than left to Openfire "
                + "(boshcertauth.sasl.enforcement=" + enforcement + ")");
    }

    /** Stands for a session nothing could be read of (no stream id, address or certificate). */
    private static final CertificateSaslSession UNINSPECTABLE = new CertificateSaslSession("", "", false, List.of(), () -> false);

    /** Under EXTERNAL_ONLY: refused, naming why the session's certificate (if any) could not be used instead. */
    private static SaslServer refusing(String mechanism, WebTransport transport, CertificateSaslSession session, PluginRuntime rt,
                                       SaslAttemptRecorder recorder) {
        if (!session.chain().isEmpty()) {
            final Verdict certificate = rt.verifier().authenticate(session.chain(), null);
            if (!certificate.isSuccess() && certificate.reason() != FailureReason.AMBIGUOUS_IDENTITY) {
                return RefusingSaslServer.forUnusableCertificate(mechanism, transport, recorder, certificate);
            }
        }
        return new RefusingSaslServer(mechanism, transport, recorder);
    }

    private SaslServer enforced(WebTransport transport, String mechanism, String protocol, String serverName, Map<String, ?> props,
                                CallbackHandler cbh, CertificateSaslSession session, PluginRuntime rt,
                                SaslAttemptRecorder recorder) throws SaslException {
        return switch (rt.configuration().enforcement()) {
            case NONE -> null;
            case EXTERNAL_ONLY -> refusing(mechanism, transport, session, rt, recorder);
            case CERTIFICATE_IDENTITY -> identityBound(mechanism, protocol, serverName, props, cbh, session, rt, recorder);
        };
    }

    private SaslServer identityBound(String mechanism, String protocol, String serverName, Map<String, ?> props,
                                     CallbackHandler cbh, CertificateSaslSession session, PluginRuntime rt,
                                     SaslAttemptRecorder recorder) throws SaslException {
        if (session.chain().isEmpty()) {
            return null; // no certificate: nothing to bind the identity to
        }
        final Verdict chainVerdict = rt.verifier().verifyChain(session.chain());
        if (!chainVerdict.isSuccess()) {
            return null; // an invalid certificate names nobody
        }
        final SaslServer delegate = nextProvidersServer(mechanism, protocol, serverName, props, cbh);
        if (delegate == null) {
            return null;
        }
        return new IdentityBoundSaslServer(delegate, session, rt.verifier(), domain.get(), recorder);
    }

    /**
     * The server the providers after ours would have created (what Openfire would have used without us). Every
     * provider in preference order is asked for the service directly (a map look-up, aliases included): the filtered
     * {@code Security.getProviders("SaslServerFactory." + mechanism)} gives the same providers in the same order but
     * scans every provider's properties on each call, which JFR showed on every password login of a certificate
     * session (after the JDK's own scan in {@code Sasl.createSaslServer}).
     */
    private SaslServer nextProvidersServer(String mechanism, String protocol, String serverName, Map<String, ?> props,
                                           CallbackHandler cbh) throws SaslException {
        for (Provider provider : Security.getProviders()) {
            if (provider == ownProvider) {
                continue;
            }
            final Provider.Service service = provider.getService("SaslServerFactory", mechanism);
            if (service == null) {
                continue;
            }
            try {
                final SaslServerFactory factory = (SaslServerFactory) service.newInstance(null);
                final SaslServer server = factory.createSaslServer(mechanism, protocol, serverName, props, cbh);
                if (server != null) {
                    return server;
                }
            } catch (java.security.NoSuchAlgorithmException | ClassCastException e) {
                Log.debug("Provider {} could not supply a {} factory", provider.getName(), mechanism, e);
            }
        }
        return null;
    }
}
