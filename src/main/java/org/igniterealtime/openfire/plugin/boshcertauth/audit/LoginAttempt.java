package org.igniterealtime.openfire.plugin.boshcertauth.audit;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;

import java.time.Instant;

/**
 * One certificate login attempt (or refusal) as administrators see it in the audit log and on the admin page.
 *
 * @param stage     where it was decided: "bosh" (servlet filter), "sasl" (authentication)
 * @param jid       the JID that logged in or was asked for; empty when unknown
 * @param reason    null on success
 *
 * <p>Text fields may come from the client (an authzid that is no valid JID is recorded as sent) and end up in log files
 * and Openfire's security audit log: control characters and line separators are escaped (as a backslash, "u" and four
 * hex digits) so that a client cannot forge log lines. The same goes for the certificate's names (its subject is the
 * client's choice too).</p>
 */
public record LoginAttempt(Instant time, String stage, String remoteAddress, CertificateSummary certificate,
                           String mechanism, String jid, FailureReason reason, String detail) {

    public LoginAttempt {
        remoteAddress = printable(remoteAddress);
        certificate = certificate == null ? CertificateSummary.NONE
            : new CertificateSummary(printable(certificate.subject()), printable(certificate.issuer()),
                printable(certificate.serial()), printable(certificate.sha256()));
        mechanism = printable(mechanism);
        jid = printable(jid);
        detail = printable(detail);
    }

    /** The text with control characters and line/paragraph separators escaped; "" for null. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            final boolean unsafe = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (unsafe && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (unsafe) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else if (escaped != null) {
                escaped.append(c);
            }
        }
        return escaped == null ? text : escaped.toString();
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
        final String presented = certificate.sha256().isEmpty() ? "no certificate"
            : String.format("certificate subject='%s' issuer='%s' serial=%s sha256=%s",
                certificate.subject(), certificate.issuer(), certificate.serial(), certificate.sha256());
        return String.format("[%s%s] from %s: %s; %s%s", stage, mechanism.isEmpty() ? "" : "/" + mechanism, remoteAddress,
            result, presented, detail.isEmpty() ? "" : "; " + detail);
    }
}
