package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.asn1.x509.Extension;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * A CRL that has passed every check against the issuer it is meant for, at one instant: only such CRLs are cached or
 * consulted. A CRL comes over plain http from anyone on the path, so until it is verified it is hostile input: a
 * forgery claiming 100 years of validity must not be remembered for those 100 years (issue 13, finding 5).
 *
 * <p>Checks (RFC 5280 §6.3.3): issued by the certificate's issuer (no indirect CRLs), that issuer may sign CRLs
 * (keyUsage cRLSign when it has a keyUsage), the signature verifies with the issuer's key (JDK {@link X509CRL#verify}),
 * a complete CRL (no delta CRL), thisUpdate not in the future and nextUpdate not past.</p>
 *
 * @param nextUpdate until when the CRL may be relied on; null when it names no nextUpdate
 */
record VerifiedCrl(X509CRL crl, Instant nextUpdate) {

    /** Tolerated clock difference to the CA (as for OCSP answers). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int KEY_USAGE_CRL_SIGN = 6;

    /** Why a CRL may not be used; its message is the verdict detail. */
    static final class UnusableCrlException extends Exception {
        UnusableCrlException(String message) {
            super(message);
        }
    }

    /**
     * @param source where the CRL came from (for the message)
     * @throws UnusableCrlException when any check fails: the CRL must then be neither used nor cached
     */
    static VerifiedCrl verify(X509CRL crl, X509Certificate issuer, Instant now, URI source) throws UnusableCrlException {
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            throw new UnusableCrlException("CRL at " + source + " is issued by " + crl.getIssuerX500Principal()
                + ", not by the certificate's issuer");
        }
        final boolean[] keyUsage = issuer.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= KEY_USAGE_CRL_SIGN || !keyUsage[KEY_USAGE_CRL_SIGN])) {
            throw new UnusableCrlException("CRL at " + source + ": the issuer's keyUsage does not allow cRLSign");
        }
        try {
            crl.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new UnusableCrlException("CRL at " + source + " is not signed by the certificate's issuer");
        }
        if (crl.getExtensionValue(Extension.deltaCRLIndicator.getId()) != null) {
            throw new UnusableCrlException("CRL at " + source + " is a delta CRL (not supported)");
        }
        final Instant thisUpdate = crl.getThisUpdate().toInstant();
        if (thisUpdate.isAfter(now.plus(CLOCK_SKEW))) {
            throw new UnusableCrlException("CRL at " + source + " has thisUpdate " + thisUpdate + " in the future");
        }
        final Instant nextUpdate = crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
        if (nextUpdate != null && !now.isBefore(nextUpdate)) {
            throw new UnusableCrlException("CRL at " + source + " is stale (nextUpdate " + nextUpdate + ")");
        }
        return new VerifiedCrl(crl, nextUpdate);
    }
}
