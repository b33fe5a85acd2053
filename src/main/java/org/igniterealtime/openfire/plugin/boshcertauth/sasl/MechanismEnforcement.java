package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

/** What BOSH sessions may authenticate with (other transports are never affected). */
public enum MechanismEnforcement {
    /** Any mechanism Openfire allows, as any user. */
    NONE,
    /**
     * A session that presented a valid client certificate may only authenticate as the identity the certificate
     * names, whatever the mechanism (a password cannot be used to become someone else on a certificate session).
     */
    CERTIFICATE_IDENTITY,
    /** Certificate login only: every other mechanism is refused for BOSH sessions, with an audit entry. */
    EXTERNAL_ONLY
}
