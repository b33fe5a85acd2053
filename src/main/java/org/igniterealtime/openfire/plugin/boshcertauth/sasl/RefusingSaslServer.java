package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;

import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;

/**
 * Answers any mechanism but EXTERNAL on BOSH and WebSocket when certificate login is enforced: the first message fails
 * with an audit entry. (Returning no server would let the next provider — Openfire's — run it.) The reason is
 * MECHANISM_NOT_ALLOWED (invalid-mechanism) for a session without a certificate; for a session whose certificate
 * cannot be used it is that certificate's own reason (issue 15: "not allowed, give the user a certificate" is wrong
 * advice when the user has one).
 */
final class RefusingSaslServer implements SaslServer {

    private final String mechanism;
    private final SaslAttemptRecorder recorder;
    private final FailureReason reason;
    private final String detail;

    RefusingSaslServer(String mechanism, WebTransport transport, SaslAttemptRecorder recorder) {
        this(mechanism, recorder, FailureReason.MECHANISM_NOT_ALLOWED,
            mechanism + " is not allowed over " + transport.displayName() + " (boshcertauth.sasl.enforcement=EXTERNAL_ONLY)");
    }

    /** @param certificateVerdict the failed verdict on the session's certificate */
    static RefusingSaslServer forUnusableCertificate(String mechanism, WebTransport transport, SaslAttemptRecorder recorder,
                                                     Verdict certificateVerdict) {
        return new RefusingSaslServer(mechanism, recorder, certificateVerdict.reason(), "the session's client certificate cannot be used ("
            + certificateVerdict + "), and " + mechanism + " is not allowed over " + transport.displayName()
            + " (boshcertauth.sasl.enforcement=EXTERNAL_ONLY)");
    }

    /** The session could not be examined, so nothing may be left to Openfire (review L1). */
    static RefusingSaslServer internalError(String mechanism, SaslAttemptRecorder recorder, String detail) {
        return new RefusingSaslServer(mechanism, recorder, FailureReason.INTERNAL_ERROR, detail);
    }

    private RefusingSaslServer(String mechanism, SaslAttemptRecorder recorder, FailureReason reason, String detail) {
        this.mechanism = mechanism;
        this.recorder = recorder;
        this.reason = reason;
        this.detail = detail;
    }

    @Override
    public String getMechanismName() {
        return mechanism;
    }

    @Override
    public byte[] evaluateResponse(byte[] response) throws SaslException {
        throw recorder.failure(reason, null, detail);
    }

    @Override
    public boolean isComplete() {
        return false;
    }

    @Override
    public String getAuthorizationID() {
        throw new IllegalStateException("not complete");
    }

    @Override
    public byte[] unwrap(byte[] incoming, int offset, int len) {
        throw new IllegalStateException("not complete");
    }

    @Override
    public byte[] wrap(byte[] outgoing, int offset, int len) {
        throw new IllegalStateException("not complete");
    }

    @Override
    public Object getNegotiatedProperty(String propName) {
        throw new IllegalStateException("not complete");
    }

    @Override
    public void dispose() {
        // nothing held
    }
}
