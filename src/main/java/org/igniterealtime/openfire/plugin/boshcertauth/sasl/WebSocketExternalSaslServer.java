package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.AuditTrail;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;

import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server side of the internal mechanism {@value #MECHANISM}: what a WebSocket client's {@code <auth
 * mechanism='EXTERNAL'>} becomes (see the websocket package). It resolves the one-time reference in the initial
 * response to the connection's certificate and then runs exactly our EXTERNAL ({@link ExternalSaslServer}) with it, so
 * WebSocket logins follow the same XEP-0178 rules, checks and audit as BOSH logins.
 *
 * <p>A reference that is unknown, used, or belongs to a connection other than the one whose frame is being processed
 * fails with not-authorized: a client that sends this mechanism itself cannot know a valid reference.</p>
 */
final class WebSocketExternalSaslServer implements SaslServer {

    /** Internal: never offered to clients (the WebSocket layer shows it as EXTERNAL), at most 20 characters. */
    static final String MECHANISM = "X-BOSHCERTAUTH-WS";
    static final String STAGE = "websocket";

    private final CertificateTokens tokens;
    private final SocketCertificate scope;
    private final CertificateVerifier verifier;
    private final SaslEnvironment environment;
    private final AuditTrail audit;
    private final Clock clock;
    private final Map<String, ?> saslProperties;
    private SaslServer external;

    /** @param scope the certificate of the connection whose frame is being processed (null outside such a frame) */
    WebSocketExternalSaslServer(CertificateTokens tokens, SocketCertificate scope, CertificateVerifier verifier,
                                SaslEnvironment environment, AuditTrail audit, Clock clock) {
        this(tokens, scope, verifier, environment, audit, clock, Map.of());
    }

    WebSocketExternalSaslServer(CertificateTokens tokens, SocketCertificate scope, CertificateVerifier verifier,
                                SaslEnvironment environment, AuditTrail audit, Clock clock, Map<String, ?> saslProperties) {
        this.saslProperties = saslProperties;
        this.tokens = tokens;
        this.scope = scope;
        this.verifier = verifier;
        this.environment = environment;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public String getMechanismName() {
        return ExternalSaslServer.MECHANISM; // what the client asked for and Openfire records for the session
    }

    @Override
    public byte[] evaluateResponse(byte[] response) throws SaslException {
        if (external != null) {
            return external.evaluateResponse(response); // the client's answer to EXTERNAL's empty challenge
        }
        final Optional<WebSocketAuthPayload> payload = WebSocketAuthPayload.decode(response);
        final SocketCertificate certificate = payload.map(p -> tokens.consume(p.token())).orElse(null);
        if (certificate == null || scope == null || !certificate.connectionId().equals(scope.connectionId())) {
            final SocketCertificate shown = certificate != null ? certificate : scope;
            throw recorder(shown).failure(FailureReason.WEBSOCKET_REFERENCE_INVALID, null,
                payload.isEmpty() ? "the initial response is not a certificate reference" : "reference not issued for this connection");
        }
        final WebSocketAuthPayload p = payload.get();
        final CertificateSaslSession session = new CertificateSaslSession(certificate.connectionId(), certificate.remoteAddress(),
            certificate.encrypted(), certificate.chain(), () -> p.kind() == WebSocketAuthPayload.Kind.EMPTY);
        external = new ExternalSaslServer(session, verifier, environment, recorder(certificate), saslProperties);
        return external.evaluateResponse(p.kind() == WebSocketAuthPayload.Kind.DATA ? p.data() : new byte[0]);
    }

    private SaslAttemptRecorder recorder(SocketCertificate certificate) {
        final CertificateSaslSession shown = certificate == null
            ? new CertificateSaslSession("", "", false, List.of(), () -> false)
            : new CertificateSaslSession(certificate.connectionId(), certificate.remoteAddress(), certificate.encrypted(), certificate.chain(), () -> false);
        return new SaslAttemptRecorder(audit, clock, shown, ExternalSaslServer.MECHANISM, STAGE);
    }

    @Override
    public boolean isComplete() {
        return external != null && external.isComplete();
    }

    @Override
    public String getAuthorizationID() {
        if (external == null) {
            throw new IllegalStateException("SASL EXTERNAL exchange not complete");
        }
        return external.getAuthorizationID();
    }

    @Override
    public byte[] unwrap(byte[] incoming, int offset, int len) {
        throw new IllegalStateException("SASL EXTERNAL has no security layer");
    }

    @Override
    public byte[] wrap(byte[] outgoing, int offset, int len) {
        throw new IllegalStateException("SASL EXTERNAL has no security layer");
    }

    @Override
    public Object getNegotiatedProperty(String propName) {
        if (external == null) {
            throw new IllegalStateException("SASL EXTERNAL exchange not complete");
        }
        return external.getNegotiatedProperty(propName);
    }

    @Override
    public void dispose() throws SaslException {
        if (external != null) {
            external.dispose();
        }
    }
}
