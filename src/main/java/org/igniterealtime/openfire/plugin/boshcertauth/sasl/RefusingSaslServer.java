package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;

import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;

/**
 * Answers any mechanism but EXTERNAL on BOSH and WebSocket when certificate login is enforced: the first message fails with
 * invalid-mechanism and an audit entry. (Returning no server would let the next provider — Openfire's — run it.)
 */
final class RefusingSaslServer implements SaslServer {

    private final String mechanism;
    private final WebTransport transport;
    private final SaslAttemptRecorder recorder;

    RefusingSaslServer(String mechanism, WebTransport transport, SaslAttemptRecorder recorder) {
        this.mechanism = mechanism;
        this.transport = transport;
        this.recorder = recorder;
    }

    @Override
    public String getMechanismName() {
        return mechanism;
    }

    @Override
    public byte[] evaluateResponse(byte[] response) throws SaslException {
        throw recorder.failure(FailureReason.MECHANISM_NOT_ALLOWED, null, mechanism + " is not allowed over " + transport.displayName()
            + " (boshcertauth.sasl.enforcement=EXTERNAL_ONLY)");
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
