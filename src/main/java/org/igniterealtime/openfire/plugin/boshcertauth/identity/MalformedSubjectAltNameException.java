package org.igniterealtime.openfire.plugin.boshcertauth.identity;

/** The subjectAltName extension as a whole could not be decoded (as opposed to one bad entry, which is skipped). */
public final class MalformedSubjectAltNameException extends Exception {

    public MalformedSubjectAltNameException(String message, Throwable cause) {
        super(message, cause);
    }
}
