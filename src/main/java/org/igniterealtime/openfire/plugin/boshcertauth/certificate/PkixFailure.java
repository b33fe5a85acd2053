package org.igniterealtime.openfire.plugin.boshcertauth.certificate;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.util.Objects;

/**
 * What the PKIX validator itself (the JDK's {@code CertPathValidator}, RFC 5280 §6) reported when it refused a path:
 * its own reason ({@link java.security.cert.PKIXReason} or {@link BasicReason}) and the index it named. It sits under a
 * verdict's {@link FailureReason} as extra information for administrators and logs (e.g. UNTRUSTED because of
 * {@code NO_TRUST_ANCHOR}, {@code INVALID_SIGNATURE} or {@code INVALID_NAME}); the client's SASL condition follows the
 * {@link FailureReason} alone.
 *
 * @param reason the validator's reason; {@link BasicReason#UNSPECIFIED} when it gave none
 * @param index  the validator's index into the path (the same indices as the chain: only trusted certificates at its
 *               end are left out), or -1 when it named no certificate
 */
public record PkixFailure(CertPathValidatorException.Reason reason, int index) {

    public PkixFailure {
        Objects.requireNonNull(reason);
    }

    public static PkixFailure of(CertPathValidatorException e) {
        return new PkixFailure(e.getReason() != null ? e.getReason() : BasicReason.UNSPECIFIED, e.getIndex());
    }

    @Override
    public String toString() {
        return "PKIX " + reason + (index >= 0 ? " at certificate #" + index : "");
    }
}
