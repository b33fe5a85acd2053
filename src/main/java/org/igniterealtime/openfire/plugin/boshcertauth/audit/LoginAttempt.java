package org.igniterealtime.openfire.plugin.boshcertauth.audit;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.Jids;
import org.xmpp.packet.JID;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One certificate login attempt (or refusal) as administrators see it in the audit log and on the admin page.
 *
 * @param stage     where it was decided: "bosh" (BOSH servlet filter), "sasl" (SASL over BOSH), "websocket"
 *                  (WebSocket upgrade and SASL over WebSocket); {@link #transport()} names the transport
 * @param jid       the JID that logged in, or the one the client asked for (its authzid, which may be anything);
 *                  empty when unknown. See {@link #certificateIdentity()} for when it is the certificate's identity.
 * @param reason    null on success
 * @param count     how many identical refusals this entry stands for (1, or more once repeats were folded into it,
 *                  see {@link AuditTrail}); always 1 for successes
 * @param origin    for ORIGIN_NOT_ALLOWED, the web origin that was refused (canonical, e.g. {@code https://chat.example.org});
 *                  "" otherwise
 *
 * <p>Text fields may come from the client (an authzid that is no valid JID is recorded as sent) and end up in log files
 * and Openfire's security audit log: control characters and line separators are escaped (as a backslash, "u" and four
 * hex digits) so that a client cannot forge log lines. The same goes for the certificate's names (its subject is the
 * client's choice too).</p>
 */
public record LoginAttempt(Instant time, String stage, String remoteAddress, CertificateSummary certificate,
                           String mechanism, String jid, FailureReason reason, String detail, int count, String origin) {

    /** Longest JID (or authzid as sent) in {@link #describe()}: a JID is at most 3071 bytes, an authzid anything. */
    static final int DESCRIBED_JID_CHARS = 256;
    /** Longest detail in {@link #describe()}. */
    static final int DESCRIBED_DETAIL_CHARS = 2048;

    /**
     * Refusals decided only after the certificate's identity was established (chain verified, identity matched):
     * their {@code jid} is that identity, not whatever the client asked for.
     */
    private static final Set<FailureReason> AFTER_IDENTITY = EnumSet.of(FailureReason.UNKNOWN_USER, FailureReason.ACCOUNT_DISABLED);

    public LoginAttempt {
        remoteAddress = printable(remoteAddress);
        certificate = certificate == null ? CertificateSummary.NONE
            : new CertificateSummary(printable(certificate.subject()), printable(certificate.issuer()),
                printable(certificate.serial()), printable(certificate.sha256()));
        mechanism = printable(mechanism);
        jid = printable(jid);
        detail = printable(detail);
        stage = printable(stage);
        count = Math.max(1, count);
        origin = printable(origin);
    }

    /** One attempt (count 1). */
    public LoginAttempt(Instant time, String stage, String remoteAddress, CertificateSummary certificate,
                        String mechanism, String jid, FailureReason reason, String detail) {
        this(time, stage, remoteAddress, certificate, mechanism, jid, reason, detail, 1, "");
    }

    /** The same attempt, refused for coming from this web origin. */
    public LoginAttempt withOrigin(String refusedOrigin) {
        return new LoginAttempt(time, stage, remoteAddress, certificate, mechanism, jid, reason, detail, count, refusedOrigin);
    }

    /** This entry standing for {@code count} identical refusals. */
    public LoginAttempt withCount(int count) {
        return new LoginAttempt(time, stage, remoteAddress, certificate, mechanism, jid, reason, detail, count, origin);
    }

    /** How many identical refusals were folded into this entry after the first one (0 when none). */
    public int folded() {
        return count - 1;
    }

    /** The text with control characters and line/paragraph separators escaped; "" for null. */
    public static String printable(String text) {
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

    /**
     * The transport the attempt came over, from its stage: "WebSocket" or "BOSH" (the BOSH filter and SASL over
     * BOSH); any other stage as it is.
     */
    public String transport() {
        final String lower = stage.toLowerCase(Locale.ROOT);
        if (lower.startsWith("websocket") || lower.startsWith("ws")) {
            return "WebSocket";
        }
        if (lower.startsWith("bosh") || lower.startsWith("sasl") || lower.startsWith("http-bind")) {
            return "BOSH";
        }
        return stage;
    }

    /**
     * The identity the certificate was verified to name, when this attempt got that far: on success, and for the
     * refusals decided after the identity (unknown user, locked-out account). Empty otherwise: then {@code jid} is
     * only what the client asked for, which must never be taken for who it is.
     */
    public Optional<JID> certificateIdentity() {
        if (jid.isEmpty() || !(success() || AFTER_IDENTITY.contains(reason))) {
            return Optional.empty();
        }
        return Jids.parse(jid).map(JID::asBareJID);
    }

    /** One line for logs and the security audit log. */
    public String describe() {
        final String who = cut(jid, DESCRIBED_JID_CHARS);
        final String result = success()
            ? "success" + (who.isEmpty() ? "" : " as " + who)
            : "failure " + reason + (who.isEmpty() ? "" : " for " + who);
        final String presented = certificate.sha256().isEmpty() ? "no certificate"
            : String.format("certificate subject='%s' issuer='%s' serial=%s sha256=%s",
                certificate.subject(), certificate.issuer(), certificate.serial(), certificate.sha256());
        final String why = cut(detail, DESCRIBED_DETAIL_CHARS);
        return String.format("[%s%s] from %s: %s; %s%s", stage, mechanism.isEmpty() ? "" : "/" + mechanism, remoteAddress,
            result, presented, why.isEmpty() ? "" : "; " + why);
    }

    /** At most {@code max} characters, "…" marking a cut; never splits a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
