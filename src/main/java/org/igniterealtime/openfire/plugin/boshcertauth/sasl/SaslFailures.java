package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.jivesoftware.openfire.sasl.Failure;
import org.jivesoftware.openfire.sasl.SaslFailureException;

/** Turns our failure reasons into the exception Openfire translates into the client's {@code <failure/>}. */
final class SaslFailures {

    private SaslFailures() {}

    static SaslFailureException exception(FailureReason reason, String detail) {
        return new SaslFailureException(failure(reason), reason.name() + ": " + (detail == null || detail.isEmpty() ? reason.description() : detail));
    }

    static Failure failure(FailureReason reason) {
        return switch (reason.condition()) {
            case NOT_AUTHORIZED -> Failure.NOT_AUTHORIZED;
            case INVALID_AUTHZID -> Failure.INVALID_AUTHZID;
            case CREDENTIALS_EXPIRED -> Failure.CREDENTIALS_EXPIRED;
            case TEMPORARY_AUTH_FAILURE -> Failure.TEMPORARY_AUTH_FAILURE;
            case ACCOUNT_DISABLED -> Failure.ACCOUNT_DISABLED;
            case INVALID_MECHANISM -> Failure.INVALID_MECHANISM;
            case ENCRYPTION_REQUIRED -> Failure.ENCRYPTION_REQUIRED;
            case MALFORMED_REQUEST -> Failure.MALFORMED_REQUEST;
        };
    }
}
