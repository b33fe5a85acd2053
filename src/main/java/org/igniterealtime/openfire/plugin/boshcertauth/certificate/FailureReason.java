package org.igniterealtime.openfire.plugin.boshcertauth.certificate;

import static org.igniterealtime.openfire.plugin.boshcertauth.certificate.SaslCondition.*;

/**
 * Every reason a certificate login can fail, each with the SASL condition the client gets (XEP-0178, RFC 6120 §6.5)
 * and a short text for logs, the audit log and the admin console's diagnostics.
 */
public enum FailureReason {
    // --- obtaining the certificate
    NO_CERTIFICATE(NOT_AUTHORIZED, "no client certificate was presented"),
    MALFORMED(NOT_AUTHORIZED, "the certificate or one of its extensions could not be parsed"),
    CERTIFICATE_CHANGED(NOT_AUTHORIZED, "the request's certificate differs from the one the BOSH session was created with"),
    PROXY_UNTRUSTED_PEER(NOT_AUTHORIZED, "a forwarded-certificate header came from an address that is not a trusted proxy"),
    PROXY_DUPLICATE_HEADER(NOT_AUTHORIZED, "the forwarded-certificate header occurs more than once"),
    PROXY_HEADER_TOO_LARGE(NOT_AUTHORIZED, "the forwarded-certificate header exceeds the size limit"),
    PROXY_UNDECODABLE(NOT_AUTHORIZED, "the forwarded-certificate header could not be decoded"),
    PROXY_VERIFY_FAILED(NOT_AUTHORIZED, "the reverse proxy reported that it could not verify the certificate"),
    ORIGIN_NOT_ALLOWED(NOT_AUTHORIZED, "the request comes from a web page whose origin may not use client certificates (boshcertauth.web.allowed-origins); the certificate was ignored"),

    // --- the chain
    CHAIN_TOO_LONG(NOT_AUTHORIZED, "the certificate chain is longer than allowed"),
    EXPIRED(CREDENTIALS_EXPIRED, "a certificate in the chain has expired"),
    NOT_YET_VALID(NOT_AUTHORIZED, "a certificate in the chain is not yet valid"),
    UNTRUSTED(NOT_AUTHORIZED, "the chain does not lead to a trusted certificate authority"),
    SELF_SIGNED(NOT_AUTHORIZED, "self-signed certificates are not accepted unless they are trusted"),
    CA_CERTIFICATE(NOT_AUTHORIZED, "the client certificate is a CA certificate (basicConstraints CA:true)"),
    BAD_KEY_USAGE(NOT_AUTHORIZED, "the certificate's keyUsage does not allow digitalSignature"),
    BAD_EKU(NOT_AUTHORIZED, "the certificate's extendedKeyUsage does not include clientAuth"),
    WEAK_ALGORITHM(NOT_AUTHORIZED, "a key or signature algorithm in the chain is below the configured floor"),
    UNSUPPORTED_NAME_CONSTRAINT(NOT_AUTHORIZED, "a CA in the chain constrains a name type (such as otherName, the type of xmppAddr) that cannot be checked"),
    UNTRUSTED_ANCHOR_INVALID(NOT_AUTHORIZED, "the trusted certificate the chain leads to is not usable as a CA (expired, not a CA, no keyCertSign, unknown critical extension or weak key)"),
    NAME_CONSTRAINT_VIOLATION(NOT_AUTHORIZED, "a certificate in the chain has a name outside the name constraints of the trusted CA"),
    POLICY_NOT_ACCEPTED(NOT_AUTHORIZED, "the chain is not valid for a certificate policy the server requires (boshcertauth.certificate.required-policies)"),
    PROFILE_VIOLATION(NOT_AUTHORIZED, "a certificate in the chain breaks a rule of the RFC 5280 certificate profile (boshcertauth.certificate.strict-profile)"),
    REVOKED(NOT_AUTHORIZED, "a certificate in the chain has been revoked"),
    REVOCATION_UNKNOWN(TEMPORARY_AUTH_FAILURE, "the revocation status could not be determined"),

    // --- the identity (XEP-0178)
    NO_IDENTITY(NOT_AUTHORIZED, "the certificate names no usable XMPP identity"),
    AMBIGUOUS_IDENTITY(INVALID_AUTHZID, "the certificate names several identities and no authorization identity was given"),
    AUTHZID_MISMATCH(INVALID_AUTHZID, "the authorization identity is not one the certificate names"),
    INVALID_AUTHZID_FORMAT(INVALID_AUTHZID, "the authorization identity is not a valid JID"),
    FOREIGN_DOMAIN(NOT_AUTHORIZED, "the identity belongs to a domain this server does not serve"),
    UNKNOWN_USER(NOT_AUTHORIZED, "the identity names a user that does not exist on this server"),
    ACCOUNT_DISABLED(SaslCondition.ACCOUNT_DISABLED, "the account is locked out"),
    CA_NOT_ALLOWED(NOT_AUTHORIZED, "the CA that issued the certificate may not vouch for this identity (boshcertauth.identity.ca-restrictions)"),
    DIRECTORY_UNAVAILABLE(TEMPORARY_AUTH_FAILURE, "the user directory (LDAP) that maps the certificate to a user could not be asked in time; try again later"),
    ISSUER_NAME_AMBIGUOUS(NOT_AUTHORIZED, "the certificate maps to a user only through a directory binding that names its issuing CA by name (altSecurityIdentities X509:<I>issuer<SR>serial or <I>issuer<S>subject, issuer;serial), and two truststore CAs (different keys) share that issuer name while boshcertauth.identity.directory.issuer-name-cas is empty, so either could have issued it"),
    ISSUER_NOT_PINNED(NOT_AUTHORIZED, "the certificate maps to a user only through a directory binding that names its issuing CA by name (altSecurityIdentities X509:<I>issuer<SR>serial or <I>issuer<S>subject, issuer;serial), and the CA that issued it is not pinned for such bindings (a truststore certificate, or listed in boshcertauth.identity.directory.issuer-name-cas), so a look-alike CA could have issued it"),

    // --- the block list and live sessions
    CERTIFICATE_BLOCKED(NOT_AUTHORIZED, "an administrator has blocked this certificate (block list)"),
    BLOCK_LIST_UNAVAILABLE(TEMPORARY_AUTH_FAILURE, "the certificate block list could not be read from the database yet"),
    SESSION_ENDED(NOT_AUTHORIZED, "an administrator ended the certificate session"),

    // --- certificates users registered themselves (XEP-0257)
    REGISTRATION_DISABLED(NOT_AUTHORIZED, "this registered certificate (XEP-0257) has been disabled by its owner or an administrator"),
    REGISTRATION_REVOKED(NOT_AUTHORIZED, "this registered certificate (XEP-0257) has been revoked by its owner or an administrator"),
    REGISTRATION_STALE(NOT_AUTHORIZED, "this registered certificate (XEP-0257) was registered before the account of its owner's name was created, or that account no longer exists: the registration has been deleted (kept, and refused, where only a user store other than Openfire's own says the account is gone)"),
    REGISTRATION_CONFLICT(NOT_AUTHORIZED, "this registered certificate (XEP-0257) is mapped to another user by a configured identity source, so it does not log in as the user who registered it"),
    REGISTRATIONS_UNAVAILABLE(TEMPORARY_AUTH_FAILURE, "the registered certificates (XEP-0257) could not be read from the database yet"),

    // --- the session and mechanism
    NOT_ENCRYPTED(ENCRYPTION_REQUIRED, "the session is not encrypted"),
    MECHANISM_NOT_ALLOWED(INVALID_MECHANISM, "only certificate login (SASL EXTERNAL) is allowed over BOSH and WebSocket"),
    IDENTITY_NOT_CERTIFICATE_IDENTITY(NOT_AUTHORIZED, "a session with a client certificate may only log in as the identity the certificate names"),
    WEBSOCKET_REFERENCE_INVALID(NOT_AUTHORIZED, "the WebSocket certificate reference is unknown, already used or belongs to another connection"),
    MALFORMED_REQUEST(SaslCondition.MALFORMED_REQUEST, "the request (BOSH body or SASL exchange) was malformed"),
    INTERNAL_ERROR(TEMPORARY_AUTH_FAILURE, "an internal error occurred");

    private final SaslCondition condition;
    private final String description;

    FailureReason(SaslCondition condition, String description) {
        this.condition = condition;
        this.description = description;
    }

    /** The SASL condition the client receives for this reason. */
    public SaslCondition condition() {
        return condition;
    }

    /** A short, human-readable explanation, safe to log and to show to administrators. */
    public String description() {
        return description;
    }
}
