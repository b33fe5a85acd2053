// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.sasl;

import javax.security.sasl.SaslException;

public class SaslFailureException extends SaslException {
    // Behaves like Openfire's, so that tests can construct and inspect it.
    private final Failure failure;

    public SaslFailureException(Failure failure, String message) {
        super(message);
        this.failure = failure;
    }

    public Failure getFailure() { return failure; }
}
