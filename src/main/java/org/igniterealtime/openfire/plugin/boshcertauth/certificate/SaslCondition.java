package org.igniterealtime.openfire.plugin.boshcertauth.certificate;

/**
 * The SASL failure condition (RFC 6120 §6.5) a client receives. Kept free of Openfire types so that the certificate
 * core can be tested and benchmarked on its own; the SASL layer maps it onto Openfire's {@code Failure}.
 */
public enum SaslCondition {
    NOT_AUTHORIZED("not-authorized"),
    INVALID_AUTHZID("invalid-authzid"),
    CREDENTIALS_EXPIRED("credentials-expired"),
    TEMPORARY_AUTH_FAILURE("temporary-auth-failure"),
    ACCOUNT_DISABLED("account-disabled"),
    INVALID_MECHANISM("invalid-mechanism"),
    ENCRYPTION_REQUIRED("encryption-required"),
    MALFORMED_REQUEST("malformed-request");

    private final String elementName;

    SaslCondition(String elementName) {
        this.elementName = elementName;
    }

    /** The child element name of {@code <failure/>}, e.g. {@code not-authorized}. */
    public String elementName() {
        return elementName;
    }
}
