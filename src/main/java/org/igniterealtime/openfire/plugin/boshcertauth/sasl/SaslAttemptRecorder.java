package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.AuditTrail;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;

import java.time.Clock;

/** Writes SASL outcomes of one session to the audit trail, and builds the exception for failures. */
final class SaslAttemptRecorder {

    private final AuditTrail audit;
    private final Clock clock;
    private final CertificateSaslSession session;
    private final String mechanism;
    private final String stage;

    SaslAttemptRecorder(AuditTrail audit, Clock clock, CertificateSaslSession session, String mechanism) {
        this(audit, clock, session, mechanism, "sasl");
    }

    /** @param stage how the audit trail names where it was decided: "sasl" (BOSH), "websocket" */
    SaslAttemptRecorder(AuditTrail audit, Clock clock, CertificateSaslSession session, String mechanism, String stage) {
        this.stage = stage;
        this.audit = audit;
        this.clock = clock;
        this.session = session;
        this.mechanism = mechanism;
    }

    String stage() {
        return stage;
    }

    void success(String jid, String detail) {
        audit.record(attempt(jid, null, detail));
    }

    org.jivesoftware.openfire.sasl.SaslFailureException failure(FailureReason reason, String jid, String detail) {
        audit.record(attempt(jid, reason, detail));
        return SaslFailures.exception(reason, detail);
    }

    private LoginAttempt attempt(String jid, FailureReason reason, String detail) {
        return new LoginAttempt(clock.instant(), stage, session.remoteAddress(),
            CertificateSummary.of(session.chain().isEmpty() ? null : session.chain().get(0)), mechanism, jid, reason, detail);
    }
}
