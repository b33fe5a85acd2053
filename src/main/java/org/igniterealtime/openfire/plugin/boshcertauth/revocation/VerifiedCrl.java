package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A CRL that has passed every check against the issuer it is meant for, at one instant: only such CRLs are cached or
 * consulted. A CRL comes over plain http from anyone on the path, so until it is verified it is hostile input: a
 * forgery claiming 100 years of validity must not be remembered for those 100 years (issue 13, finding 5).
 *
 * <p>Checks (RFC 5280 §6.3.3): issued by the certificate's issuer (no indirect CRLs), that issuer may sign CRLs
 * (keyUsage cRLSign when it has a keyUsage), the signature verifies with the issuer's key (JDK {@link X509CRL#verify}),
 * no critical extension we do not process, thisUpdate not in the future and nextUpdate
 * not past. An issuingDistributionPoint (partitioned CRLs, as e.g. AD CS publishes) must name the distribution point
 * the CRL was fetched from, so that a correctly signed CRL of another partition served in its place is not believed;
 * indirect CRLs and CRLs for only some reasons or for attribute certificates are not used. Whether a CRL limited to
 * user or to CA certificates covers a given certificate is {@link #covers}.</p>
 *
 * <p>A delta CRL (RFC 5280 §5.2.4) passes the same checks; it is never used on its own, only with a complete CRL of
 * the same issuer and scope whose number is at least its base CRL number ({@link #isDeltaFor}).</p>
 *
 * <p>A CRL from a configured source (a file or URL of {@code boshcertauth.revocation.crl.sources}) passes the same
 * checks, except that its issuingDistributionPoint cannot name where the administrator put it: there the name must
 * be one of the checked certificate's own distribution points ({@link #appliesTo}, RFC 5280 §6.3.3 (b)(2)(i)).</p>
 *
 * @param nextUpdate   until when the CRL may be relied on; null when it names no nextUpdate
 * @param onlyUserCerts the CRL's issuingDistributionPoint says it lists end-entity certificates only
 * @param onlyCaCerts   ... CA certificates only
 * @param scopeNames    the names its issuingDistributionPoint gives (full names, or a name relative to the CRL
 *                      issuer made full); null: it names no distribution point, so it is the issuer's complete CRL
 * @param crlNumber     its cRLNumber; null when it has none
 * @param baseCrlNumber for a delta CRL the number of the complete CRL it updates (deltaCRLIndicator); null for a
 *                      complete CRL
 * @param freshest      the delta CRLs a complete CRL announces (freshestCRL, full URI names only)
 */
record VerifiedCrl(X509CRL crl, Instant nextUpdate, boolean onlyUserCerts, boolean onlyCaCerts, List<GeneralName> scopeNames,
                   BigInteger crlNumber, BigInteger baseCrlNumber, List<URI> freshest) {

    /** Tolerated clock difference to the CA (as for OCSP answers). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int KEY_USAGE_CRL_SIGN = 6;
    /** Critical CRL extensions we process (RFC 5280 §5.2: a CRL with any other must not be used). */
    private static final Set<String> PROCESSED_CRITICAL = Set.of(Extension.issuingDistributionPoint.getId(),
        Extension.deltaCRLIndicator.getId());

    /** Why a CRL may not be used; its message is the verdict detail. */
    static final class UnusableCrlException extends Exception {
        private final boolean stale;

        UnusableCrlException(String message) {
            this(message, false);
        }

        UnusableCrlException(String message, boolean stale) {
            super(message);
            this.stale = stale;
        }

        /** Correct in every respect but past its nextUpdate (see {@link StaleCrlAction}). */
        boolean stale() {
            return stale;
        }
    }

    /**
     * @param source where the CRL came from (for the message), which its issuingDistributionPoint must name
     * @throws UnusableCrlException when any check fails: the CRL must then be neither used nor cached
     */
    static VerifiedCrl verify(X509CRL crl, X509Certificate issuer, Instant now, URI source) throws UnusableCrlException {
        return verify(crl, CrlIssuer.of(issuer), now, source, true);
    }

    static VerifiedCrl verify(X509CRL crl, CrlIssuer issuer, Instant now, URI source) throws UnusableCrlException {
        return verify(crl, issuer, now, source, true);
    }

    /**
     * A CRL from a configured source: the same checks, but the issuingDistributionPoint's name is matched against
     * each certificate's distribution points later ({@link #appliesTo}).
     */
    static VerifiedCrl verifyConfigured(X509CRL crl, CrlIssuer issuer, Instant now, URI source) throws UnusableCrlException {
        return verify(crl, issuer, now, source, false);
    }

    private static VerifiedCrl verify(X509CRL crl, CrlIssuer issuer, Instant now, URI source, boolean scopeMustNameSource)
            throws UnusableCrlException {
        if (!crl.getIssuerX500Principal().equals(issuer.certificateIssuer().getSubjectX500Principal())) {
            throw new UnusableCrlException("CRL at " + source + " is issued by " + crl.getIssuerX500Principal()
                + ", not by the certificate's issuer");
        }
        verifySignature(crl, issuer, source);
        final Set<String> critical = crl.getCriticalExtensionOIDs();
        if (critical != null && !PROCESSED_CRITICAL.containsAll(critical)) {
            throw new UnusableCrlException("CRL at " + source + " has a critical extension that is not supported");
        }
        final IssuingDistributionPoint scope = issuingDistributionPoint(crl, source, scopeMustNameSource);
        final Instant thisUpdate = crl.getThisUpdate().toInstant();
        if (thisUpdate.isAfter(now.plus(CLOCK_SKEW))) {
            throw new UnusableCrlException("CRL at " + source + " has thisUpdate " + thisUpdate + " in the future");
        }
        final Instant nextUpdate = crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
        if (nextUpdate != null && !now.isBefore(nextUpdate)) {
            throw new UnusableCrlException("CRL at " + source + " is stale (nextUpdate " + nextUpdate + ")", true);
        }
        final List<GeneralName> scopeNames;
        try {
            // an issuingDistributionPoint without a distribution point name (e.g. only onlyContainsCACerts) scopes the
            // issuer's complete CRL by kind alone: no name to match (RFC 5280 6.3.3 (b)(2)(i))
            scopeNames = scope == null || scope.getDistributionPoint() == null ? null
                : RevocationSources.fullNames(scope.getDistributionPoint(), crl.getIssuerX500Principal());
        } catch (RuntimeException e) {
            throw new UnusableCrlException("CRL at " + source + " has an undecodable issuingDistributionPoint name");
        }
        final BigInteger crlNumber = number(crl, Extension.cRLNumber, source);
        final BigInteger baseCrlNumber = number(crl, Extension.deltaCRLIndicator, source);
        return new VerifiedCrl(crl, nextUpdate, scope != null && scope.onlyContainsUserCerts(),
            scope != null && scope.onlyContainsCACerts(), scopeNames,
            crlNumber, baseCrlNumber, baseCrlNumber == null ? RevocationSources.freshestCrls(crl) : List.of());
    }

    /**
     * The CRL's signature by the certificate's issuer, or by another certificate of that CA validated on the same
     * path; the signer must be allowed to sign CRLs (keyUsage cRLSign when it has a keyUsage).
     */
    private static void verifySignature(X509CRL crl, CrlIssuer issuer, URI source) throws UnusableCrlException {
        boolean signedByOneThatMayNot = false;
        for (X509Certificate candidate : issuer.candidates()) {
            try {
                crl.verify(candidate.getPublicKey());
            } catch (GeneralSecurityException | RuntimeException e) {
                continue;
            }
            final boolean[] keyUsage = candidate.getKeyUsage();
            if (keyUsage == null || (keyUsage.length > KEY_USAGE_CRL_SIGN && keyUsage[KEY_USAGE_CRL_SIGN])) {
                return;
            }
            signedByOneThatMayNot = true;
        }
        throw new UnusableCrlException(signedByOneThatMayNot
            ? "CRL at " + source + ": the issuer's keyUsage does not allow cRLSign"
            : "CRL at " + source + " is not signed by the certificate's issuer");
    }

    boolean isDelta() {
        return baseCrlNumber != null;
    }

    /**
     * Whether this delta CRL updates {@code complete} (RFC 5280 §5.2.4, §6.3.3 (c)(iii)): same issuer (both were
     * verified against the same issuer certificate by the caller), same scope (issuingDistributionPoint), and the
     * complete CRL's number is at least the delta's base CRL number and below the delta's own number.
     */
    boolean isDeltaFor(VerifiedCrl complete) {
        return isDelta() && !complete.isDelta() && complete.crlNumber() != null && crlNumber != null
            && crl.getIssuerX500Principal().equals(complete.crl().getIssuerX500Principal())
            && Arrays.equals(crl.getExtensionValue(Extension.issuingDistributionPoint.getId()),
                complete.crl().getExtensionValue(Extension.issuingDistributionPoint.getId()))
            && complete.crlNumber().compareTo(baseCrlNumber) >= 0 && complete.crlNumber().compareTo(crlNumber) < 0;
    }

    /** A cRLNumber or deltaCRLIndicator (both an INTEGER); null when absent. */
    private static BigInteger number(X509CRL crl, ASN1ObjectIdentifier extension, URI source) throws UnusableCrlException {
        final byte[] value = crl.getExtensionValue(extension.getId());
        if (value == null) {
            return null;
        }
        try {
            return ASN1Integer.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value)).getValue();
        } catch (IOException | RuntimeException e) {
            throw new UnusableCrlException("CRL at " + source + " has an undecodable " + extension.getId() + " extension");
        }
    }

    /**
     * Whether this CRL is the one for {@code certificate}: it names no distribution point, or one of the
     * certificate's (RFC 5280 §6.3.3 (b)(2)(i): a name in the issuingDistributionPoint matches a name in the
     * certificate's distribution point, of whatever type — PKITS names them by directory name).
     */
    boolean appliesTo(X509Certificate certificate) {
        if (scopeNames == null) {
            return true;
        }
        final List<GeneralName> own = RevocationSources.distributionPointNames(certificate);
        return scopeNames.stream().anyMatch(own::contains);
    }

    /** Whether this CRL lists {@code certificate}'s kind (end entity or CA) at all. */
    boolean covers(X509Certificate certificate) {
        final boolean ca = certificate.getBasicConstraints() != -1;
        return ca ? !onlyUserCerts : !onlyCaCerts;
    }

    private static IssuingDistributionPoint issuingDistributionPoint(X509CRL crl, URI source, boolean mustNameSource)
            throws UnusableCrlException {
        final byte[] value = crl.getExtensionValue(Extension.issuingDistributionPoint.getId());
        if (value == null) {
            return null;
        }
        final IssuingDistributionPoint scope;
        try {
            scope = IssuingDistributionPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value));
        } catch (IOException | RuntimeException e) {
            throw new UnusableCrlException("CRL at " + source + " has an undecodable issuingDistributionPoint");
        }
        if (scope.isIndirectCRL() || scope.getOnlySomeReasons() != null || scope.onlyContainsAttributeCerts()) {
            throw new UnusableCrlException("CRL at " + source + " is indirect or partial (not supported)");
        }
        final DistributionPointName name = scope.getDistributionPoint();
        if (mustNameSource && name != null && !names(name, source)) {
            throw new UnusableCrlException("CRL at " + source + " belongs to another distribution point (issuingDistributionPoint)");
        }
        return scope;
    }

    /** Whether the distribution point name is a full name that includes the URI we fetched from. */
    private static boolean names(DistributionPointName name, URI source) {
        if (name.getType() != DistributionPointName.FULL_NAME) {
            return false;
        }
        for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
            if (general.getTagNo() == GeneralName.uniformResourceIdentifier && general.getName().toString().equals(source.toString())) {
                return true;
            }
        }
        return false;
    }
}
