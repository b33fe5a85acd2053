package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;

/**
 * Internal signal from the decoding helpers to the parsers, turned into a {@link ParsedChain#failure} there. It never
 * leaves this package. Without a stack trace: it is an expected outcome of hostile input, and filling the trace would
 * make a header flood cost more than it has to.
 */
final class ForwardedHeaderException extends Exception {

    private final FailureReason reason;

    ForwardedHeaderException(FailureReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    FailureReason reason() {
        return reason;
    }

    /** A parse step that may end in a failure. */
    @FunctionalInterface
    interface Attempt {
        ParsedChain run() throws ForwardedHeaderException;
    }

    /** Runs a parse, turning the failure signal into a {@link ParsedChain#failure} so it never escapes a parser. */
    static ParsedChain guard(Attempt attempt) {
        try {
            return attempt.run();
        } catch (ForwardedHeaderException e) {
            return ParsedChain.failure(e.reason, e.getMessage());
        }
    }
}
