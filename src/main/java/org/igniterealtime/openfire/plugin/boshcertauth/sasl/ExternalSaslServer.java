package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.xmpp.packet.JID;

import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * SASL EXTERNAL with the certificate the BOSH session was created with (RFC 6120 §6, XEP-0178).
 *
 * <p>Exchange: a client that sends an initial response (the authzid, or "=" for none) is answered at once. A client
 * that sends none — Strophe.js sends an empty {@code <auth mechanism='EXTERNAL'/>} — gets one empty challenge and its
 * (usually empty) response is the authzid; there is never a second challenge, so no client can loop.</p>
 *
 * <p>On success the authorization id is the user name (the JID's node), as Openfire's {@code AuthToken} expects.</p>
 */
final class ExternalSaslServer implements SaslServer {

    static final String MECHANISM = "EXTERNAL";

    /** Longest authzid accepted: a JID is at most 3071 bytes (RFC 7622 §3.1). */
    private static final int MAX_AUTHZID_BYTES = 3071;

    private final CertificateSaslSession session;
    private final CertificateVerifier verifier;
    private final SaslEnvironment environment;
    private final SaslAttemptRecorder recorder;
    private final Map<String, ?> saslProperties;
    private int step;
    private boolean complete;
    private String authorizationId;

    ExternalSaslServer(CertificateSaslSession session, CertificateVerifier verifier, SaslEnvironment environment, SaslAttemptRecorder recorder) {
        this(session, verifier, environment, recorder, Map.of());
    }

    /** @param saslProperties what Openfire passed to the factory, handed on to {@link SaslEnvironment#loggedIn} */
    ExternalSaslServer(CertificateSaslSession session, CertificateVerifier verifier, SaslEnvironment environment, SaslAttemptRecorder recorder,
                       Map<String, ?> saslProperties) {
        this.saslProperties = saslProperties == null ? Map.of() : saslProperties;
        this.session = session;
        this.verifier = verifier;
        this.environment = environment;
        this.recorder = recorder;
    }

    @Override
    public String getMechanismName() {
        return MECHANISM;
    }

    @Override
    public byte[] evaluateResponse(byte[] response) throws SaslException {
        if (complete) {
            throw new IllegalStateException("SASL EXTERNAL exchange already complete");
        }
        step++;
        if (step == 1 && response.length == 0 && !session.emptyResponseMarked()) {
            return new byte[0]; // no initial response: ask for the authzid with an empty challenge (RFC 6120 §6.4.2)
        }
        final String authzid = decode(response);
        if (session.chain().isEmpty()) {
            throw recorder.failure(FailureReason.NO_CERTIFICATE, authzid, "the BOSH session was created without a client certificate");
        }
        if (!session.encrypted()) {
            throw recorder.failure(FailureReason.NOT_ENCRYPTED, authzid, "");
        }
        final Verdict verdict = verifier.authenticate(session.chain(), authzid);
        if (!verdict.isSuccess()) {
            throw recorder.failure(verdict.reason(), authzid, verdict.toString());
        }
        final JID jid = verdict.jid();
        final Optional<SaslEnvironment.Refusal> blocked = environment.blocked(session.chain().get(0));
        if (blocked.isPresent()) {
            throw recorder.failure(blocked.get().reason(), jid.toBareJID(), blocked.get().detail());
        }
        if (!environment.userExists(jid)) {
            throw recorder.failure(FailureReason.UNKNOWN_USER, jid.toBareJID(), "no user '" + jid.getNode() + "' on this server");
        }
        if (environment.accountDisabled(jid.getNode())) {
            environment.recordLockedOutAttempt(jid.getNode());
            throw recorder.failure(FailureReason.ACCOUNT_DISABLED, jid.toBareJID(), "");
        }
        authorizationId = jid.getNode();
        complete = true;
        recorder.success(jid.toBareJID(), verdict.detail());
        environment.loggedIn(new SaslEnvironment.CertificateLogin(jid.asBareJID(), recorder.stage(), session, saslProperties));
        return null;
    }

    /** The authzid as a string (null when none), refusing what is not well-formed UTF-8 or is absurdly long. */
    private String decode(byte[] response) throws SaslException {
        if (response.length == 0) {
            return null;
        }
        if (response.length > MAX_AUTHZID_BYTES) {
            throw recorder.failure(FailureReason.INVALID_AUTHZID_FORMAT, null, "authorization identity longer than " + MAX_AUTHZID_BYTES + " bytes");
        }
        try {
            final String authzid = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(response)).toString();
            if (authzid.indexOf('\0') >= 0) {
                throw recorder.failure(FailureReason.INVALID_AUTHZID_FORMAT, null, "authorization identity contains NUL");
            }
            return authzid;
        } catch (CharacterCodingException e) {
            throw recorder.failure(FailureReason.INVALID_AUTHZID_FORMAT, null, "authorization identity is not UTF-8");
        }
    }

    @Override
    public boolean isComplete() {
        return complete;
    }

    @Override
    public String getAuthorizationID() {
        if (!complete) {
            throw new IllegalStateException("SASL EXTERNAL exchange not complete");
        }
        return authorizationId;
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
        if (!complete) {
            throw new IllegalStateException("SASL EXTERNAL exchange not complete");
        }
        return null;
    }

    @Override
    public void dispose() {
        authorizationId = null;
    }
}
