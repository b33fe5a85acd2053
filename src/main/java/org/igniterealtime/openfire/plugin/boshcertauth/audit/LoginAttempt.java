package org.igniterealtime.openfire.plugin.boshcertauth.audit;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;

import java.time.Instant;

/**
 * One certificate login attempt (or refusal) as administrators see it in the audit log and on the admin page.
 *
 * @param stage     where it was decided: "bosh" (servlet filter), "sasl" (authentication)
 * @param jid       the JID that logged in or was asked for; empty when unknown
 * @param reason    null on success
 */
public record LoginAttempt(Instant time, String stage, String remoteAddress, CertificateSummary certificate,
                           String mechanism, String jid, FailureReason reason, String detail) {

    public LoginAttempt {
        remoteAddress = remoteAddress == null ? "" : remoteAddress;
        certificate = certificate == null ? CertificateSummary.NONE : certificate;
        mechanism = mechanism == null ? "" : mechanism;
        jid = jid == null ? "" : jid;
        detail = detail == null ? "" : detail;
    }

    public boolean success() {
        return reason == null;
    }

    public String outcome() {
        return success() ? "success" : "failure";
    }

    /** One line for logs and the security audit log. */
    public String describe() {
        final String result = success()
            ? "success" + (jid.isEmpty() ? "" : " as " + jid)
            : "failure " + reason + (jid.isEmpty() ? "" : " for " + jid);
        return String.format("[%s%s] from %s: %s; certificate subject='%s' issuer='%s' serial=%s sha256=%s%s",
            stage, mechanism.isEmpty() ? "" : "/" + mechanism, remoteAddress, result,
            certificate.subject(), certificate.issuer(), certificate.serial(), certificate.sha256(),
            detail.isEmpty() ? "" : "; " + detail);
    }
}
