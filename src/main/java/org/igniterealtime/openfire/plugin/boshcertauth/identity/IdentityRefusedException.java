package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;

/**
 * A mapping that found who the certificate would stand for but must not let it log in as them, for a reason of its own
 * (not "no such user"): the login is refused with that reason, and no later identity source is tried (the certificate
 * did name someone). Thrown by an {@link IdentityMapper}, turned into a refused {@link CertificateIdentities} by
 * {@link IdentityExtractor}.
 */
public final class IdentityRefusedException extends RuntimeException {

    private final FailureReason reason;

    public IdentityRefusedException(FailureReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public FailureReason reason() {
        return reason;
    }
}
