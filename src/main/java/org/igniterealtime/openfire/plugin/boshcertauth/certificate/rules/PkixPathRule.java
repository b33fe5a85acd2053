package org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.PathPolicies;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.PkixFailure;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationDeadline;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationFindings;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.ServiceRevocationChecker;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * PKIX validation (RFC 5280 §6) of the chain to the trust anchors with the JDK's {@code CertPathValidator}, with
 * parameters built for this call only: the date from the injected clock, the JDK's own revocation checking off and ours
 * ({@link ServiceRevocationChecker}) added as a checker. No JVM-global property is read or written.
 *
 * <ul>
 *   <li>{@code verifyChain=false}: the policy leaves this rule out (and with it revocation, which needs a verified
 *       issuer); the leaf's own rules still apply.</li>
 *   <li>{@code verifyRoot=false}: a chain that ends in a self-signed root the client sent but nobody trusts is
 *       accepted if it is otherwise consistent (signatures, names, CA constraints, revocation), by validating it with
 *       that root as anchor. A chain that does not include its root still fails: its top signature cannot be checked.</li>
 *   <li>{@code verifyValidity=false}: the validation date is moved to an instant where every certificate of the path is
 *       valid, if there is one, so that PKIX does not fail on the dates ({@link ValidityRule} is left out as well).</li>
 * </ul>
 *
 * <p>Trusted certificates the client appended (its root, as many clients send) are removed from the end of the path
 * before validation: an anchor is not part of a PKIX path. When {@link TrustAnchorRule} has checked the anchor the path
 * ends at, that anchor alone is used. A self-signed leaf is left to {@link SelfSignedLeafRule}.</p>
 *
 * <p>A name constraint the JDK cannot evaluate (otherName, the type of xmppAddr; x400Address; ediPartyName) makes it
 * throw {@link UnsupportedOperationException} when a certificate below has a name of that type: that is refused as
 * {@link FailureReason#UNSUPPORTED_NAME_CONSTRAINT} at the constraining CA, not left to become an internal error.</p>
 *
 * <p>A refusal keeps what the validator said ({@link PkixFailure}: its {@code PKIXReason} / {@code BasicReason} and
 * index) under our {@link FailureReason}, which stays coarse (UNTRUSTED for most reasons) so that clients see the same
 * SASL condition as before.</p>
 */
public final class PkixPathRule implements CertificateRule {

    /**
     * Revocation checking during path validation, through our service. The service reads its own settings (mode,
     * timeout, CRL size cap, OCSP nonce) from the policy it is given.
     */
    public record Revocation(RevocationService service, CertificatePolicy settings) {
        public Revocation {
            Objects.requireNonNull(service);
            Objects.requireNonNull(settings);
        }
    }

    private final Set<TrustAnchor> trustAnchors;
    private final boolean verifyRoot;
    private final boolean verifyValidity;
    private final PathPolicies policies;
    private final Optional<Revocation> revocation;

    /**
     * @param verifyRoot     false: accept a chain ending in an untrusted self-signed root the client sent (see above)
     * @param verifyValidity false: validate at an instant where the path is valid, if there is one
     * @param policies       the certificate-policy inputs (initial policy set, explicit policy, inhibitions)
     * @param revocation     empty: no revocation checking
     */
    public PkixPathRule(Set<TrustAnchor> trustAnchors, boolean verifyRoot, boolean verifyValidity, PathPolicies policies,
                        Optional<Revocation> revocation) {
        this.trustAnchors = Set.copyOf(trustAnchors);
        this.verifyRoot = verifyRoot;
        this.verifyValidity = verifyValidity;
        this.policies = Objects.requireNonNull(policies);
        this.revocation = Objects.requireNonNull(revocation);
    }

    @Override
    public Optional<Verdict> check(ChainContext context) {
        if (context.leafIsSelfSigned()) {
            return Optional.empty();
        }
        final List<X509Certificate> path = context.pathBelowAnchor();
        // the anchor TrustAnchorRule checked, if it ran; else every trusted certificate
        final Set<TrustAnchor> anchors = context.anchor().map(a -> Set.of(new TrustAnchor(a, null))).orElse(trustAnchors);
        final RevocationDeadline deadline = revocation.map(r -> RevocationDeadline.after(r.settings().revocationTimeout()))
            .orElse(null);
        try {
            if (trustAnchors.isEmpty()) {
                throw new CertPathValidatorException("no trust anchors are configured", null, null, -1, PKIXReason.NO_TRUST_ANCHOR);
            }
            validate(path, anchors, context, deadline);
            return Optional.empty();
        } catch (UncheckableConstraintException e) {
            return Optional.of(e.toVerdict());
        } catch (CertPathValidatorException e) {
            if (!verifyRoot && e.getReason() == PKIXReason.NO_TRUST_ANCHOR) {
                return validateWithOwnRoot(context, deadline);
            }
            return Optional.of(toVerdict(e, path.size()));
        } catch (GeneralSecurityException e) {
            return Optional.of(Verdict.failure(FailureReason.UNTRUSTED, -1, "chain could not be validated: " + e.getMessage()));
        }
    }

    private Optional<Verdict> validateWithOwnRoot(ChainContext context, RevocationDeadline deadline) {
        final List<X509Certificate> chain = context.chain();
        final X509Certificate top = chain.get(chain.size() - 1);
        if (chain.size() < 2 || !ChainContext.isSelfSigned(top)) {
            return Optional.of(Verdict.failure(FailureReason.UNTRUSTED, chain.size() - 1,
                "the chain does not include its root, so it cannot be checked even with verifyRoot off"));
        }
        final List<X509Certificate> path = chain.subList(0, chain.size() - 1);
        try {
            validate(path, Set.of(new TrustAnchor(top, null)), context, deadline);
            context.note("root " + top.getSubjectX500Principal().getName() + " is not trusted; accepted because verifyRoot is off");
            return Optional.empty();
        } catch (UncheckableConstraintException e) {
            return Optional.of(e.toVerdict());
        } catch (CertPathValidatorException e) {
            return Optional.of(toVerdict(e, path.size()));
        } catch (GeneralSecurityException e) {
            return Optional.of(Verdict.failure(FailureReason.UNTRUSTED, -1, "chain could not be validated: " + e.getMessage()));
        }
    }

    private void validate(List<X509Certificate> path, Set<TrustAnchor> anchors, ChainContext context,
                          RevocationDeadline deadline) throws GeneralSecurityException {
        final CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
        final PKIXParameters parameters = new PKIXParameters(anchors);
        parameters.setDate(Date.from(validationInstant(path, context)));
        parameters.setRevocationEnabled(false);
        policies.applyTo(parameters);
        final RevocationFindings findings = new RevocationFindings();
        if (revocation.isPresent()) {
            parameters.addCertPathChecker(new ServiceRevocationChecker(revocation.get().service(), revocation.get().settings(),
                context.now(), anchors, deadline, findings, signerPool(context)));
        }
        try {
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
        } catch (UnsupportedOperationException e) {
            final OptionalInt constraining = UncheckableNameConstraints.find(path);
            if (constraining.isEmpty()) {
                throw e; // not the known limitation: an internal error
            }
            throw new UncheckableConstraintException(constraining.getAsInt(), e.getMessage());
        }
        context.limitValidUntil(findings.earliestNextUpdate());
        findings.unknown().forEach(detail -> context.noteRevocationUnknown("revocation status unknown (soft-fail): " + detail));
    }

    /**
     * Where a CRL signer off the path is looked for: the trusted certificates first, then the presented ones, so the
     * client's certificates cannot crowd the trusted ones out of the bounded pool.
     */
    private List<X509Certificate> signerPool(ChainContext context) {
        final List<X509Certificate> pool = new java.util.ArrayList<>();
        trustAnchors.stream().map(TrustAnchor::getTrustedCert).filter(Objects::nonNull).forEach(pool::add);
        pool.addAll(context.presented());
        return pool;
    }

    /** The clock's instant, or with verifyValidity off the latest notBefore when the clock's instant is outside the path's validity. */
    private Instant validationInstant(List<X509Certificate> path, ChainContext context) {
        final Instant now = context.now();
        if (verifyValidity) {
            return now;
        }
        Instant latestNotBefore = Instant.MIN;
        Instant earliestNotAfter = Instant.MAX;
        for (X509Certificate certificate : path) {
            final Instant notBefore = certificate.getNotBefore().toInstant();
            final Instant notAfter = certificate.getNotAfter().toInstant();
            latestNotBefore = notBefore.isAfter(latestNotBefore) ? notBefore : latestNotBefore;
            earliestNotAfter = notAfter.isBefore(earliestNotAfter) ? notAfter : earliestNotAfter;
        }
        final boolean nowIsInside = !now.isBefore(latestNotBefore) && !now.isAfter(earliestNotAfter);
        return nowIsInside || latestNotBefore.isAfter(earliestNotAfter) ? now : latestNotBefore;
    }

    /** The validator gave up on a name constraint it cannot evaluate (see {@link UncheckableNameConstraints}). */
    private static final class UncheckableConstraintException extends GeneralSecurityException {
        private final int index;

        UncheckableConstraintException(int index, String message) {
            super(message);
            this.index = index;
        }

        Verdict toVerdict() {
            return Verdict.failure(FailureReason.UNSUPPORTED_NAME_CONSTRAINT, index,
                "name constraints of certificate #" + index + " cannot be checked by the validator (" + getMessage() + ")");
        }
    }

    private static Verdict toVerdict(CertPathValidatorException e, int pathLength) {
        final int index = e.getIndex() >= 0 ? e.getIndex() : pathLength - 1;
        final CertPathValidatorException.Reason reason = e.getReason();
        final FailureReason failure;
        if (reason == BasicReason.REVOKED) {
            failure = FailureReason.REVOKED;
        } else if (reason == BasicReason.UNDETERMINED_REVOCATION_STATUS) {
            failure = FailureReason.REVOCATION_UNKNOWN;
        } else if (reason == BasicReason.EXPIRED) {
            failure = FailureReason.EXPIRED;
        } else if (reason == BasicReason.NOT_YET_VALID) {
            failure = FailureReason.NOT_YET_VALID;
        } else if (reason == BasicReason.ALGORITHM_CONSTRAINED) {
            failure = FailureReason.WEAK_ALGORITHM;
        } else if (reason == PKIXReason.INVALID_POLICY) {
            failure = FailureReason.POLICY_NOT_ACCEPTED;
        } else {
            failure = FailureReason.UNTRUSTED; // no anchor, bad signature, name chaining, not a CA, path length, ...
        }
        return Verdict.pkixFailure(failure, index, e.getMessage(), PkixFailure.of(e));
    }
}
