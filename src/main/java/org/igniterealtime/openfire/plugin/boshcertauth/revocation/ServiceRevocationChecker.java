package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.Certificate;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.Optional;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The per-call {@link PKIXRevocationChecker} that hands the JDK's PKIX validation our own revocation answers
 * ({@link RevocationService}) instead of the JDK's built-in checker, whose network fetching is configured through
 * JVM-global properties ({@code ocsp.enable}, {@code com.sun.security.enableCRLDP}) we must not touch.
 *
 * <p>The validator calls {@link #check} from the certificate next to the trust anchor down to the leaf, after its own
 * signature checks, so each certificate's issuer is the certificate checked before it (or the anchor). Revoked →
 * {@link BasicReason#REVOKED}; unknown → {@link BasicReason#UNDETERMINED_REVOCATION_STATUS} in HARD_FAIL mode, a note
 * in {@link RevocationFindings} in SOFT_FAIL mode — unless a CRL past its nextUpdate left it unknown and the
 * administrator chose {@link StaleCrlAction#REFUSE}: then UNDETERMINED_REVOCATION_STATUS in SOFT_FAIL mode too.</p>
 *
 * <p>A CRL signed by a certificate off the path (a CA's separate CRL key, an indirect CRL's issuer) counts only once
 * that signer's own path to the same anchor has been validated ({@link CrlSigners}): with the JDK's validator and a
 * checker of this kind one level deeper, for which an unknown status is a refusal in every mode (a signer of unknown
 * status vouches for nothing), at most {@value CrlSigners#MAX_DEPTH} level deep, within the same deadline.</p>
 *
 * <p>PKIXParameters clones checkers; clones share the {@link RevocationFindings}, which is how the caller learns
 * about soft failures and nextUpdate instants.</p>
 */
public final class ServiceRevocationChecker extends PKIXRevocationChecker {

    private final RevocationService service;
    private final CertificatePolicy policy;
    private final Instant now;
    private final Set<TrustAnchor> anchors;
    private final RevocationDeadline deadline;
    private final RevocationFindings findings;
    /** The presented and trusted certificates: where CRL signers off the path are looked for. */
    private final List<X509Certificate> pool;
    /** 0 for the login's path; 1 for a CRL signer's path, and so on ({@link CrlSigners#MAX_DEPTH}). */
    private final int depth;
    /** The CRLs being verified along this recursion ({@link CrlSigners}); one per login's validation. */
    private final CrlSigners.Verifications verifying;
    private X509Certificate previous;
    /** The trust anchor the path being checked starts at (found with its first certificate). */
    private X509Certificate pathAnchor;
    /** The anchor's certificate and the certificates checked so far (validated by the time we see them). */
    private List<X509Certificate> validated = new ArrayList<>();

    public ServiceRevocationChecker(RevocationService service, CertificatePolicy policy, Instant now,
                                    Set<TrustAnchor> anchors, RevocationDeadline deadline, RevocationFindings findings) {
        this(service, policy, now, anchors, deadline, findings, List.of());
    }

    /**
     * @param signerPool the truststore's certificates, then those the client presented: a CRL signer that is not
     *                   on the path is looked for among them (RFC 5280 §6.3.3 (f), {@link CrlSigners})
     */
    public ServiceRevocationChecker(RevocationService service, CertificatePolicy policy, Instant now,
                                    Set<TrustAnchor> anchors, RevocationDeadline deadline, RevocationFindings findings,
                                    Collection<X509Certificate> signerPool) {
        this(service, policy, now, anchors, deadline, findings, List.copyOf(signerPool), 0,
            new CrlSigners.Verifications(policy.revocationOptions().selfCoveredCrlSigner()));
    }

    private ServiceRevocationChecker(RevocationService service, CertificatePolicy policy, Instant now,
                                     Set<TrustAnchor> anchors, RevocationDeadline deadline, RevocationFindings findings,
                                     List<X509Certificate> pool, int depth, CrlSigners.Verifications verifying) {
        this.pool = pool;
        this.depth = depth;
        this.verifying = verifying;
        this.service = service;
        this.policy = policy;
        this.now = now;
        this.anchors = Set.copyOf(anchors);
        this.deadline = deadline;
        this.findings = findings;
        setOptions(policy.revocationMode() == RevocationMode.HARD_FAIL
            ? EnumSet.noneOf(Option.class) : EnumSet.of(Option.SOFT_FAIL));
    }

    @Override
    public void init(boolean forward) throws CertPathValidatorException {
        if (forward) {
            throw new CertPathValidatorException("forward checking is not supported");
        }
        previous = null;
        pathAnchor = null;
        validated = new ArrayList<>();
    }

    @Override
    public boolean isForwardCheckingSupported() {
        return false;
    }

    @Override
    public Set<String> getSupportedExtensions() {
        return null;
    }

    @Override
    public List<CertPathValidatorException> getSoftFailExceptions() {
        final List<CertPathValidatorException> result = new ArrayList<>();
        for (String note : findings.unknown()) {
            result.add(new CertPathValidatorException(note, null, null, -1, BasicReason.UNDETERMINED_REVOCATION_STATUS));
        }
        return Collections.unmodifiableList(result);
    }

    @Override
    public void check(Certificate certificate, Collection<String> unresolvedCritExts) throws CertPathValidatorException {
        final X509Certificate current = (X509Certificate) certificate;
        final X509Certificate issuer = previous != null ? previous : anchorIssuing(current);
        if (previous == null && issuer != null) {
            validated.add(issuer);
            pathAnchor = issuer;
        }
        previous = current;
        final RevocationStatus status = issuer == null
            ? RevocationStatus.unknown("none", "the issuer is not available as a certificate")
            : service.check(current, crlIssuer(current, issuer), policy, now, deadline);
        validated.add(current);
        final String subject = current.getSubjectX500Principal().getName();
        switch (status.state()) {
            case GOOD -> findings.good(status.nextUpdate());
            case REVOKED -> throw new CertPathValidatorException(subject + ": " + status.detail(), null, null, -1, BasicReason.REVOKED);
            case UNKNOWN -> {
                // a CRL signer's status must be known whatever the mode: an unknown signer vouches for nothing
                if (depth > 0 || policy.revocationMode() == RevocationMode.HARD_FAIL || refusesStaleCrl(status)) {
                    throw new CertPathValidatorException(subject + ": " + status.detail(), null, null, -1,
                        BasicReason.UNDETERMINED_REVOCATION_STATUS);
                }
                findings.unknown(subject + ": " + status.detail());
            }
        }
    }

    /** Who may have signed {@code certificate}'s CRLs: see {@link CrlIssuer}. */
    private CrlIssuer crlIssuer(X509Certificate certificate, X509Certificate issuer) {
        final CrlSigners signers = new CrlSigners(pool, pathAnchor,
            depth < CrlSigners.MAX_DEPTH ? this::signerPathProblem : null, verifying, certificate);
        return new CrlIssuer(issuer, sameName(issuer), RevocationSources.namedCrlIssuers(certificate), signers,
            DsaParameterInheritance.inherited(validated));
    }

    /**
     * Validates a CRL signer's path (signer first) to this path's anchor with the JDK's PKIX validator, every
     * certificate on it checked for revocation by a checker one level deeper, for which an unknown status is a
     * refusal in any mode. Empty when valid.
     */
    private Optional<String> signerPathProblem(List<X509Certificate> path) {
        try {
            final TrustAnchor anchor = new TrustAnchor(pathAnchor, null);
            final PKIXParameters parameters = new PKIXParameters(Set.of(anchor));
            parameters.setDate(Date.from(now));
            parameters.setRevocationEnabled(false);
            parameters.addCertPathChecker(new ServiceRevocationChecker(service, policy, now, Set.of(anchor), deadline,
                new RevocationFindings(), pool, depth + 1, verifying));
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
            return Optional.empty();
        } catch (CertPathValidatorException e) {
            return Optional.of(e.getMessage());
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.of("its path could not be validated: " + e.getMessage());
        }
    }

    /** The certificates validated before {@code issuer} on this path that bear its name (a CA's other keys). */
    private List<X509Certificate> sameName(X509Certificate issuer) {
        return validated.stream().filter(c -> c != issuer && !c.equals(issuer)
            && c.getSubjectX500Principal().equals(issuer.getSubjectX500Principal())).toList();
    }

    /** Under {@link StaleCrlAction#REFUSE}, a status left unknown by a CRL past its nextUpdate is a refusal in any mode. */
    private boolean refusesStaleCrl(RevocationStatus status) {
        return status.staleCrl() && policy.revocationOptions().staleCrl() == StaleCrlAction.REFUSE;
    }

    /** The anchor certificate that issued the first certificate of the path (the validator does not tell checkers). */
    private X509Certificate anchorIssuing(X509Certificate certificate) {
        for (TrustAnchor anchor : anchors) {
            final X509Certificate candidate = anchor.getTrustedCert();
            if (candidate != null && candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                try {
                    certificate.verify(candidate.getPublicKey());
                    return candidate;
                } catch (GeneralSecurityException | RuntimeException e) {
                    // same name, other key: keep looking
                }
            }
        }
        return null;
    }

    @Override
    public ServiceRevocationChecker clone() {
        return (ServiceRevocationChecker) super.clone();
    }
}
