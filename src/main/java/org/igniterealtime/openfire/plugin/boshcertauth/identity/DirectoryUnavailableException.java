package org.igniterealtime.openfire.plugin.boshcertauth.identity;

/**
 * The user directory could not answer (unreachable, error, or no answer within the configured timeout). Unchecked so
 * that it passes through {@link IdentityMapper#map}; the verifier turns it into the temporary failure
 * DIRECTORY_UNAVAILABLE instead of trying the next identity source, which could log the holder in as someone else.
 */
public final class DirectoryUnavailableException extends RuntimeException {

    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public DirectoryUnavailableException(String message) {
        super(message);
    }
}
