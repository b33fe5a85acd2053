package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

import javax.security.auth.x500.X500Principal;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A CRL that has passed every check against the issuer it is meant for, at one instant: only such CRLs are cached or
 * consulted. A CRL comes over plain http from anyone on the path, so until it is verified it is hostile input: a
 * forgery claiming 100 years of validity must not be remembered for those 100 years (issue 13, finding 5).
 *
 * <p>Checks (RFC 5280 §6.3.3): issued by the certificate's issuer, or — an indirect CRL — by a cRLIssuer one of the
 * certificate's distribution points names; signed by a certificate that may sign CRLs (keyUsage cRLSign when it has a
 * keyUsage): the issuer or another certificate of that CA on the validated path, or a CRL signer off the path that
 * {@link CrlSigners} validates to the same trust anchor (JDK {@link X509CRL#verify}; a DSA issuer key inherits its
 * parameters as on the path); no critical extension we do not process (certificateIssuer entries only in an indirect
 * CRL), thisUpdate not in the future and nextUpdate not past. An issuingDistributionPoint (partitioned CRLs, as e.g.
 * AD CS publishes) must name the distribution point the CRL was fetched from, so that a correctly signed CRL of
 * another partition served in its place is not believed; CRLs for attribute certificates are not used. For which
 * reasons a CRL speaks for a given certificate (distribution point, cRLIssuer, onlySomeReasons) is
 * {@link #reasonsFor}; whether a CRL limited to user or to CA certificates covers it is {@link #covers}. Entries of an
 * indirect CRL belong to the issuer named by the last certificateIssuer before them (the CRL's issuer until the
 * first), as the JDK's {@link X509CRL#getRevokedCertificate(X509Certificate)} reads them.</p>
 *
 * <p>A delta CRL (RFC 5280 §5.2.4) passes the same checks; it is never used on its own, only with a complete CRL of
 * the same issuer and scope whose number is at least its base CRL number ({@link #isDeltaFor}).</p>
 *
 * <p>A CRL from a configured source (a file or URL of {@code boshcertauth.revocation.crl.sources}) passes the same
 * checks, except that its issuingDistributionPoint cannot name where the administrator put it: there the name must
 * be one of the checked certificate's own distribution points ({@link #reasonsFor}, RFC 5280 §6.3.3 (b)(2)(i)).</p>
 *
 * @param nextUpdate   until when the CRL may be relied on; null when it names no nextUpdate
 * @param onlyUserCerts the CRL's issuingDistributionPoint says it lists end-entity certificates only
 * @param onlyCaCerts   ... CA certificates only
 * @param scopeNames    the names its issuingDistributionPoint gives (full names, or a name relative to the CRL
 *                      issuer made full); null: it names no distribution point, so it is the issuer's complete CRL
 *                      (for its reasons and kinds of certificates)
 * @param crlNumber     its cRLNumber; null when it has none
 * @param baseCrlNumber for a delta CRL the number of the complete CRL it updates (deltaCRLIndicator); null for a
 *                      complete CRL
 * @param freshest      the delta CRLs a complete CRL announces (freshestCRL, full URI names only)
 * @param indirect      its issuingDistributionPoint says indirectCRL: it may list certificates of other issuers
 *                      (certificateIssuer entry extension) and be issued for a cRLIssuer a distribution point names
 * @param onlySomeReasons the reasons it covers ({@link ReasonMask}); {@link ReasonMask#ALL} unless its
 *                      issuingDistributionPoint has onlySomeReasons
 */
record VerifiedCrl(X509CRL crl, Instant nextUpdate, boolean onlyUserCerts, boolean onlyCaCerts, List<GeneralName> scopeNames,
                   BigInteger crlNumber, BigInteger baseCrlNumber, List<URI> freshest, boolean indirect, int onlySomeReasons) {

    /** Tolerated clock difference to the CA (as for OCSP answers). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int KEY_USAGE_CRL_SIGN = 6;
    /** Critical CRL extensions we process (RFC 5280 §5.2: a CRL with any other must not be used). */
    private static final Set<String> PROCESSED_CRITICAL = Set.of(Extension.issuingDistributionPoint.getId(),
        Extension.deltaCRLIndicator.getId());
    /** Critical CRL entry extensions we process: certificateIssuer, in an indirect CRL only (RFC 5280 §5.3.3). */
    private static final Set<String> PROCESSED_CRITICAL_ENTRY = Set.of(Extension.certificateIssuer.getId());

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
     * each certificate's distribution points later ({@link #reasonsFor}).
     */
    static VerifiedCrl verifyConfigured(X509CRL crl, CrlIssuer issuer, Instant now, URI source) throws UnusableCrlException {
        return verify(crl, issuer, now, source, false);
    }

    /**
     * A CRL that is being verified for another certificate and must now judge the certificate of its own signer
     * ({@code boshcertauth.revocation.crl.self-covered-signer}, see {@link CrlSigners#crlSignedBySubject}): every check
     * against the signer's issuer as for any CRL, except that the signature must be the signer's own (keyUsage cRLSign
     * asserted), since the signer's path is the one being validated.
     *
     * @param configured the CRL came from a configured source ({@link #verifyConfigured}), not a distribution point
     */
    static VerifiedCrl verifyForItsSigner(X509CRL crl, CrlIssuer signersIssuer, X509Certificate signer, Instant now,
                                          URI source, boolean configured) throws UnusableCrlException {
        return verify(crl, signersIssuer, now, source, !configured, signer);
    }

    private static VerifiedCrl verify(X509CRL crl, CrlIssuer issuer, Instant now, URI source, boolean scopeMustNameSource)
            throws UnusableCrlException {
        return verify(crl, issuer, now, source, scopeMustNameSource, null);
    }

    /** @param ownSigner null: the signature is checked by {@link #verifySignature}; else it must be this certificate's */
    private static VerifiedCrl verify(X509CRL crl, CrlIssuer issuer, Instant now, URI source, boolean scopeMustNameSource,
                                      X509Certificate ownSigner) throws UnusableCrlException {
        final IssuingDistributionPoint scope = issuingDistributionPoint(crl, source, scopeMustNameSource);
        final boolean indirect = scope != null && scope.isIndirectCRL();
        final boolean ownIssuer = crl.getIssuerX500Principal().equals(issuer.certificateIssuer().getSubjectX500Principal());
        // RFC 5280 §6.3.3 (b)(1): a CRL of another issuer only when it is indirect and a distribution point names it
        if (!ownIssuer && !(indirect && issuer.namedCrlIssuers().contains(crl.getIssuerX500Principal()))) {
            throw new UnusableCrlException("CRL at " + source + " is issued by " + crl.getIssuerX500Principal()
                + ", not by the certificate's issuer" + (indirect ? " nor by a cRLIssuer its distribution points name"
                : " (and it is not an indirect CRL)"));
        }
        final Set<String> critical = crl.getCriticalExtensionOIDs();
        if (critical != null && !PROCESSED_CRITICAL.containsAll(critical)) {
            throw new UnusableCrlException("CRL at " + source + " has a critical extension that is not supported");
        }
        checkEntryExtensions(crl, indirect, source);
        if (ownSigner == null) {
            verifySignature(crl, issuer, ownIssuer, indirect, source);
        } else if (ownSigner.getKeyUsage() == null || !maySignCrls(ownSigner) || !signedBy(crl, ownSigner.getPublicKey())) {
            throw new UnusableCrlException("CRL at " + source + " is not signed by " + ownSigner.getSubjectX500Principal().getName()
                + " with a key for cRLSign");
        }
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
            crlNumber, baseCrlNumber, baseCrlNumber == null ? RevocationSources.freshestCrls(crl) : List.of(),
            indirect, scope == null ? ReasonMask.ALL : ReasonMask.of(scope.getOnlySomeReasons()));
    }

    /**
     * RFC 5280 §5.3: a CRL with a critical entry extension we cannot process must not be used; certificateIssuer
     * (which moves the following entries to another issuer) is processed in an indirect CRL only.
     */
    private static void checkEntryExtensions(X509CRL crl, boolean indirect, URI source) throws UnusableCrlException {
        final Set<? extends X509CRLEntry> entries = crl.getRevokedCertificates();
        if (entries == null) {
            return;
        }
        for (X509CRLEntry entry : entries) {
            final Set<String> critical = entry.getCriticalExtensionOIDs();
            if (critical == null || critical.isEmpty()) {
                continue;
            }
            if (!indirect || !PROCESSED_CRITICAL_ENTRY.containsAll(critical)) {
                throw new UnusableCrlException("CRL at " + source + " has an entry with a critical extension that is not supported"
                    + (indirect ? "" : " (certificateIssuer belongs in indirect CRLs only)"));
            }
        }
    }

    /** Whether a certificate may sign CRLs: keyUsage cRLSign when it has a keyUsage (RFC 5280 §6.3.3 (f)). */
    static boolean maySignCrls(X509Certificate certificate) {
        final boolean[] keyUsage = certificate.getKeyUsage();
        return keyUsage == null || (keyUsage.length > KEY_USAGE_CRL_SIGN && keyUsage[KEY_USAGE_CRL_SIGN]);
    }

    /**
     * The CRL's signature by the certificate's issuer, or by another certificate of that CA validated on the same
     * path; failing that, by a CRL signer off the path that {@link CrlSigners} finds and validates to the same trust
     * anchor. The signer must be allowed to sign CRLs (keyUsage cRLSign when it has a keyUsage). A signer off the path
     * of the issuer's own CRL (not indirect) must be certified by the issuer or by the CA that certified the issuer
     * ({@link CrlSigners#certifiedByTheNamesAuthority}).
     */
    private static void verifySignature(X509CRL crl, CrlIssuer issuer, boolean ownIssuer, boolean indirect, URI source)
            throws UnusableCrlException {
        boolean signedByOneThatMayNot = false;
        final List<X509Certificate> tried = new ArrayList<>();
        if (ownIssuer) {
            for (X509Certificate candidate : issuer.candidates()) {
                tried.add(candidate);
                if (!signedBy(crl, DsaParameterInheritance.key(candidate, issuer.inheritedDsaParameters()))) {
                    continue;
                }
                if (maySignCrls(candidate)) {
                    return;
                }
                signedByOneThatMayNot = true;
            }
        }
        final List<String> signerProblems = new ArrayList<>();
        for (X509Certificate candidate : issuer.signers().candidates(crl)) {
            if (tried.contains(candidate)) {
                continue; // candidates() returns only certificates whose signature over the CRL verified
            }
            final Optional<String> problem = issuer.signers().problem(crl, candidate)
                // any CRL in the CA's own name, indirect or not: the indirectCRL flag is the signer's to set
                .or(() -> ownIssuer ? notCertifiedForTheName(candidate, issuer) : Optional.empty());
            if (problem.isEmpty()) {
                return;
            }
            signerProblems.add(problem.get());
        }
        if (!signerProblems.isEmpty()) {
            throw new UnusableCrlException("CRL at " + source + ": " + String.join("; ", signerProblems));
        }
        throw new UnusableCrlException(signedByOneThatMayNot
            ? "CRL at " + source + ": the issuer's keyUsage does not allow cRLSign"
            : "CRL at " + source + " is not signed by the certificate's issuer"
                + (ownIssuer ? "" : " nor by a CRL issuer's certificate that was presented or is trusted"));
    }

    /** Why a signer off the path may not sign the issuer's own CRL although its path is valid (review 2, M3). */
    private static Optional<String> notCertifiedForTheName(X509Certificate signer, CrlIssuer issuer) {
        return issuer.signers().certifiedByTheNamesAuthority(signer, issuer.certificateIssuer()) ? Optional.empty()
            : Optional.of("the CRL signer " + signer.getSubjectX500Principal().getName()
                + " is certified neither by the CA nor by the CA that certified it");
    }

        private static boolean signedBy(X509CRL crl, PublicKey key) {
        try {
            crl.verify(key);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
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
        final BigInteger number;
        try {
            number = ASN1Integer.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value)).getValue();
        } catch (IOException | RuntimeException e) {
            throw new UnusableCrlException("CRL at " + source + " has an undecodable " + extension.getId() + " extension");
        }
        if (number.toByteArray().length > MAX_CRL_NUMBER_OCTETS) {
            // a conforming CA never exceeds it; a longer one would also outgrow the shared version stamp
            throw new UnusableCrlException("CRL at " + source + " has a " + extension.getId()
                + " (CRL number) longer than 20 octets (RFC 5280 §5.2.3): not used");
        }
        return number;
    }

    /** RFC 5280 §5.2.3: "CRL issuers MUST NOT use CRLNumber values longer than 20 octets" (also the delta's base number). */
    private static final int MAX_CRL_NUMBER_OCTETS = 20;

    /**
     * The reasons for which this CRL speaks for {@code certificate} (RFC 5280 §6.3.3 (b) and (d)); {@link ReasonMask#NONE}
     * when it is not a CRL for it at all. For each of the certificate's distribution points: the CRL's issuer is the
     * point's cRLIssuer (and the CRL indirect), or the certificate's issuer when the point names none; a distribution
     * point name in the CRL's issuingDistributionPoint matches a name of the point (of whatever type — PKITS names
     * them by directory name), or the point's cRLIssuer when the point has no name; the reasons are the point's
     * reasons (all when it lists none) within the CRL's onlySomeReasons. A certificate without distribution points
     * can only use its issuer's CRLs that name no distribution point.
     */
    int reasonsFor(X509Certificate certificate) {
        final List<RevocationSources.Point> points = RevocationSources.points(certificate);
        final X500Principal crlIssuer = crl.getIssuerX500Principal();
        if (points == null) { // no (decodable) cRLDistributionPoints
            return scopeNames == null && crlIssuer.equals(certificate.getIssuerX500Principal()) ? onlySomeReasons : ReasonMask.NONE;
        }
        int reasons = ReasonMask.NONE;
        for (RevocationSources.Point point : points) {
            final boolean issuerMatches = point.crlIssuers().isEmpty()
                ? crlIssuer.equals(certificate.getIssuerX500Principal())
                : indirect && names(point.crlIssuers(), crlIssuer);
            if (!issuerMatches) {
                continue;
            }
            final boolean nameMatches;
            if (scopeNames == null) {
                nameMatches = true;
            } else if (point.name() != null) {
                final List<GeneralName> own;
                try {
                    own = RevocationSources.fullNames(point.name(),
                        point.crlIssuers().isEmpty() ? certificate.getIssuerX500Principal() : crlIssuer);
                } catch (RuntimeException e) {
                    continue;
                }
                nameMatches = scopeNames.stream().anyMatch(own::contains);
            } else {
                nameMatches = scopeNames.stream().anyMatch(point.crlIssuers()::contains);
            }
            if (nameMatches) {
                reasons |= point.reasons() & onlySomeReasons;
            }
        }
        return reasons;
    }

    /** Whether {@code names} include {@code issuer} as a directory name (compared as X.500 names, not as bytes). */
    private static boolean names(List<GeneralName> names, X500Principal issuer) {
        for (GeneralName name : names) {
            if (name.getTagNo() == GeneralName.directoryName) {
                try {
                    if (new X500Principal(X500Name.getInstance(name.getName()).getEncoded()).equals(issuer)) {
                        return true;
                    }
                } catch (Exception e) {
                    // undecodable: names nobody
                }
            }
        }
        return false;
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
        if (scope.onlyContainsAttributeCerts()) {
            throw new UnusableCrlException("CRL at " + source + " lists attribute certificates only");
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
