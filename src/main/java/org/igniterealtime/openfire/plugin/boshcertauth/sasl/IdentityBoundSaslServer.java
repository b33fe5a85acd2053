package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;

import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;

/**
 * Runs another mechanism (Openfire's PLAIN, SCRAM, ...) unchanged, but on a session that presented a valid client
 * certificate only lets it succeed as an identity the certificate names: a password cannot turn a certificate session
 * into somebody else's.
 */
final class IdentityBoundSaslServer implements SaslServer {

    private final SaslServer delegate;
    private final CertificateSaslSession session;
    private final CertificateVerifier verifier;
    private final String domain;
    private final SaslAttemptRecorder recorder;
    private boolean refused;

    IdentityBoundSaslServer(SaslServer delegate, CertificateSaslSession session, CertificateVerifier verifier, String domain,
                            SaslAttemptRecorder recorder) {
        this.delegate = delegate;
        this.session = session;
        this.verifier = verifier;
        this.domain = domain;
        this.recorder = recorder;
    }

    @Override
    public String getMechanismName() {
        return delegate.getMechanismName();
    }

    @Override
    public byte[] evaluateResponse(byte[] response) throws SaslException {
        final byte[] result = delegate.evaluateResponse(response);
        if (delegate.isComplete()) {
            final String username = delegate.getAuthorizationID();
            final String jid = username == null ? null : username + "@" + domain;
            final Verdict verdict = jid == null ? null : verifier.authenticate(session.chain(), jid);
            if (verdict == null || !verdict.isSuccess() || !username.equals(verdict.jid().getNode())) {
                refused = true;
                delegate.dispose();
                throw recorder.failure(FailureReason.IDENTITY_NOT_CERTIFICATE_IDENTITY, jid,
                    "the session's certificate does not name " + (jid == null ? "an anonymous user" : jid)
                        + " (boshcertauth.sasl.enforcement=CERTIFICATE_IDENTITY)");
            }
            recorder.success(jid, "password mechanism for the certificate's own identity");
        }
        return result;
    }

    @Override
    public boolean isComplete() {
        return !refused && delegate.isComplete();
    }

    @Override
    public String getAuthorizationID() {
        if (refused) {
            throw new IllegalStateException("refused");
        }
        return delegate.getAuthorizationID();
    }

    @Override
    public byte[] unwrap(byte[] incoming, int offset, int len) throws SaslException {
        return delegate.unwrap(incoming, offset, len);
    }

    @Override
    public byte[] wrap(byte[] outgoing, int offset, int len) throws SaslException {
        return delegate.wrap(outgoing, offset, len);
    }

    @Override
    public Object getNegotiatedProperty(String propName) {
        return delegate.getNegotiatedProperty(propName);
    }

    @Override
    public void dispose() throws SaslException {
        delegate.dispose();
    }
}
