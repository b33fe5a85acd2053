// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.sasl;

/** The SASL failure conditions of RFC 6120 §6.5 (the subset this plugin raises). */
public enum Failure {
    ACCOUNT_DISABLED,
    CREDENTIALS_EXPIRED,
    ENCRYPTION_REQUIRED,
    INVALID_AUTHZID,
    INVALID_MECHANISM,
    MALFORMED_REQUEST,
    NOT_AUTHORIZED,
    TEMPORARY_AUTH_FAILURE;

    @Override
    public String toString() { return name().toLowerCase().replace('_', '-'); }
}
