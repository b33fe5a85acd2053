package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

/**
 * What web sessions — BOSH ({@code /http-bind}) and WebSocket ({@code /ws}) alike — may authenticate with. One setting
 * for both on purpose: they share ports, TLS settings and clients (Converse.js uses whichever is configured), so a
 * stricter mode on one of them alone would leave the other as a way round it. TCP c2s is never affected.
 */
public enum MechanismEnforcement {
    /** Any mechanism Openfire allows, as any user. */
    NONE,
    /**
     * A session that presented a valid client certificate may only authenticate as the identity the certificate
     * names, whatever the mechanism (a password cannot be used to become someone else on a certificate session).
     */
    CERTIFICATE_IDENTITY,
    /** Certificate login only: every other mechanism is refused for BOSH and WebSocket sessions, with an audit entry. */
    EXTERNAL_ONLY
}
