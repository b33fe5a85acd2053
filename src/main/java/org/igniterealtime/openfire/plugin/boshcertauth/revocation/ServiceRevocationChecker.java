package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;

import java.security.GeneralSecurityException;
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
    private X509Certificate previous;
    /** The anchor's certificate and the certificates checked so far (validated by the time we see them). */
    private List<X509Certificate> validated = new ArrayList<>();

    public ServiceRevocationChecker(RevocationService service, CertificatePolicy policy, Instant now,
                                    Set<TrustAnchor> anchors, RevocationDeadline deadline, RevocationFindings findings) {
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
        }
        previous = current;
        final RevocationStatus status = issuer == null
            ? RevocationStatus.unknown("none", "the issuer is not available as a certificate")
            : service.check(current, new CrlIssuer(issuer, sameName(issuer)), policy, now, deadline);
        validated.add(current);
        final String subject = current.getSubjectX500Principal().getName();
        switch (status.state()) {
            case GOOD -> findings.good(status.nextUpdate());
            case REVOKED -> throw new CertPathValidatorException(subject + ": " + status.detail(), null, null, -1, BasicReason.REVOKED);
            case UNKNOWN -> {
                if (policy.revocationMode() == RevocationMode.HARD_FAIL || refusesStaleCrl(status)) {
                    throw new CertPathValidatorException(subject + ": " + status.detail(), null, null, -1,
                        BasicReason.UNDETERMINED_REVOCATION_STATUS);
                }
                findings.unknown(subject + ": " + status.detail());
            }
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
