package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

/**
 * What a CRL past its nextUpdate means when nothing else (OCSP, another CRL) gave a definitive answer: setting
 * {@code boshcertauth.revocation.stale-crl}. A stale CRL is never used as an answer either way (it is not "good");
 * this decides only whether it may fall under {@code SOFT_FAIL}'s leniency.
 */
public enum StaleCrlAction {
    /** The status is unknown, which the revocation mode decides: SOFT_FAIL accepts, HARD_FAIL refuses. */
    UNKNOWN,
    /** The login is refused (REVOCATION_UNKNOWN) in every mode but OFF: a CA that stopped publishing is not ignored. */
    REFUSE
}
