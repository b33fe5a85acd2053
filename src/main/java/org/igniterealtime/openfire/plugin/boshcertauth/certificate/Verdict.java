package org.igniterealtime.openfire.plugin.boshcertauth.certificate;

import org.xmpp.packet.JID;

import java.security.cert.CertPathValidatorException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The immutable answer of the certificate core: either success (with the bare JID that may log in, when an identity was
 * asked for) or a failure reason with the index of the certificate that failed (0 = the client's own certificate,
 * -1 = not tied to one certificate) and a detail for administrators.
 *
 * @param reason        null on success
 * @param failingIndex  index into the chain of the certificate that failed, or -1
 * @param detail        human-readable detail for logs and diagnostics (never contains key material)
 * @param jid           the bare JID that may log in; null for chain-only verdicts and failures
 * @param validUntil    the instant after which this verdict must not be reused (certificate expiry, revocation
 *                      answer's nextUpdate); null for failures
 * @param pkixFailure   when the PKIX validator refused the path, its own reason and index (the sub-reason under
 *                      {@code reason}); null otherwise
 * @param path          the certification path the chain rules judged (the winning one on success, the refused one
 *                      otherwise) and how it fared; null when no path was judged (e.g. no certificate, an internal
 *                      error). An identity verdict carries its chain verdict's path.
 */
public record Verdict(FailureReason reason, int failingIndex, String detail, JID jid, Instant validUntil,
                      PkixFailure pkixFailure, PathValidationResult path) {

    public Verdict {
        if (reason == null && validUntil == null) {
            throw new IllegalArgumentException("A successful verdict needs validUntil");
        }
        if (reason == null && pkixFailure != null) {
            throw new IllegalArgumentException("A successful verdict has no PKIX failure");
        }
        detail = detail == null ? "" : detail;
    }

    /** Without a path. */
    public Verdict(FailureReason reason, int failingIndex, String detail, JID jid, Instant validUntil, PkixFailure pkixFailure) {
        this(reason, failingIndex, detail, jid, validUntil, pkixFailure, null);
    }

    public static Verdict success(JID jid, Instant validUntil, String detail) {
        return new Verdict(null, -1, detail, jid == null ? null : jid.asBareJID(), Objects.requireNonNull(validUntil), null);
    }

    public static Verdict failure(FailureReason reason, int failingIndex, String detail) {
        return new Verdict(Objects.requireNonNull(reason), failingIndex, detail, null, null, null);
    }

    /** A failure decided by the PKIX validator, keeping what it said ({@code pkix}) under our reason. */
    public static Verdict pkixFailure(FailureReason reason, int failingIndex, String detail, PkixFailure pkix) {
        return new Verdict(Objects.requireNonNull(reason), failingIndex, detail, null, null, Objects.requireNonNull(pkix));
    }

    /** This verdict, reached on {@code judged}. */
    public Verdict withPath(PathValidationResult judged) {
        return new Verdict(reason, failingIndex, detail, jid, validUntil, pkixFailure, judged);
    }

    /** The path judged, when there was one. */
    public Optional<PathValidationResult> judgedPath() {
        return Optional.ofNullable(path);
    }

    public boolean isSuccess() {
        return reason == null;
    }

    public Optional<FailureReason> failure() {
        return Optional.ofNullable(reason);
    }

    /** The PKIX validator's own reason ({@code PKIXReason} / {@code BasicReason}) when it refused the path. */
    public Optional<CertPathValidatorException.Reason> pkixReason() {
        return Optional.ofNullable(pkixFailure).map(PkixFailure::reason);
    }

    /** The SASL condition for a failed verdict; empty on success. */
    public Optional<SaslCondition> condition() {
        return failure().map(FailureReason::condition);
    }

    @Override
    public String toString() {
        return isSuccess()
            ? "success" + (jid != null ? " as " + jid : "") + (detail.isEmpty() ? "" : " (" + detail + ")")
            : reason + (failingIndex >= 0 ? " at certificate #" + failingIndex : "")
                + (pkixFailure != null ? " (" + pkixFailure + ")" : "") + (detail.isEmpty() ? "" : ": " + detail);
    }
}
