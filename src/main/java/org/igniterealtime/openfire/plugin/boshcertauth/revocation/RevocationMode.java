package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

/** How revocation (CRL, OCSP) is checked. */
public enum RevocationMode {
    /** Revocation is not checked. */
    OFF,
    /** Revoked certificates are refused; when no answer can be had (responder down, no CRL), the login proceeds. */
    SOFT_FAIL,
    /** Revoked certificates are refused, and so is any certificate whose status cannot be determined. */
    HARD_FAIL
}
