package org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules;

import org.bouncycastle.asn1.x509.Extension;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the trusted certificate the path ends at, which the JDK's validator takes as a bare name and key
 * ({@code new TrustAnchor(cert, null)}; its SUN provider refuses anchors with name constraints), and applies that
 * certificate's name constraints to the path below it ({@link AnchorNameConstraints}).
 *
 * <p>The anchor is the trusted certificate named as issuer of the top of the path (the chain without the trusted
 * certificates at its end) whose key verifies that certificate's signature. It must be valid at the verification
 * instant (unless {@code verifyValidity} is off), have basicConstraints cA=true, allow keyCertSign when it has a
 * keyUsage, have no critical extension outside those RFC 5280 defines for CA certificates, and a key above the
 * {@link AlgorithmFloorRule} floor. A refusal is {@link FailureReason#UNTRUSTED_ANCHOR_INVALID} (a weak key:
 * {@link FailureReason#WEAK_ALGORITHM}, as for any certificate of the chain) at the anchor's index in the chain (the
 * path built ends at it; -1 only when the chain is judged as presented and does not include it). When several trusted certificates qualify (a root re-issued with
 * the same name and key), the first that passes is used, and {@link PkixPathRule} validates against that one alone.</p>
 *
 * <p>No trusted issuer at all is left to {@link PkixPathRule} (NO_TRUST_ANCHOR, or {@code verifyRoot=false}); a
 * self-signed leaf is left to {@link SelfSignedLeafRule}: as its own anchor it is no CA.</p>
 */
public final class TrustAnchorRule implements CertificateRule {

    private static final int KEY_CERT_SIGN = 5;

    /** The extensions RFC 5280 §4.2.1 defines for a CA certificate, which may be critical in a trust anchor. */
    private static final Set<String> KNOWN_EXTENSIONS = Set.of(
        Extension.basicConstraints.getId(), Extension.keyUsage.getId(), Extension.extendedKeyUsage.getId(),
        Extension.subjectAlternativeName.getId(), Extension.issuerAlternativeName.getId(),
        Extension.nameConstraints.getId(), Extension.certificatePolicies.getId(), Extension.policyMappings.getId(),
        Extension.policyConstraints.getId(), Extension.inhibitAnyPolicy.getId(),
        Extension.subjectKeyIdentifier.getId(), Extension.authorityKeyIdentifier.getId());

    private final AlgorithmFloorRule keyFloor;
    private final boolean checkValidity;

    /**
     * @param keyFloor      the floor the anchor's key is held to (the one the chain's certificates are held to)
     * @param checkValidity false when {@code verifyValidity} is off: the anchor's dates are not checked either
     */
    public TrustAnchorRule(AlgorithmFloorRule keyFloor, boolean checkValidity) {
        this.keyFloor = Objects.requireNonNull(keyFloor);
        this.checkValidity = checkValidity;
    }

    @Override
    public Optional<Verdict> check(ChainContext context) {
        if (context.leafIsSelfSigned()) {
            return Optional.empty();
        }
        final List<X509Certificate> candidates = context.anchorCandidates();
        Optional<Verdict> firstRefusal = Optional.empty();
        for (X509Certificate candidate : candidates) {
            Optional<Verdict> refusal = unusable(candidate, context);
            if (refusal.isEmpty()) {
                refusal = AnchorNameConstraints.check(candidate, context.indexOf(candidate), context.pathBelowAnchor());
            }
            if (refusal.isEmpty()) {
                context.useAnchor(candidate);
                return Optional.empty();
            }
            firstRefusal = firstRefusal.isPresent() ? firstRefusal : refusal;
        }
        return firstRefusal;
    }

    private Optional<Verdict> unusable(X509Certificate anchor, ChainContext context) {
        final String name = "trusted CA '" + anchor.getSubjectX500Principal().getName() + "'";
        final int index = context.indexOf(anchor);
        final Optional<String> problem = problem(anchor, context);
        if (problem.isPresent()) {
            return Optional.of(Verdict.failure(FailureReason.UNTRUSTED_ANCHOR_INVALID, index, name + " " + problem.get()));
        }
        return keyFloor.weakKey(anchor.getPublicKey())
            .map(weak -> Verdict.failure(FailureReason.WEAK_ALGORITHM, index, name + " has a weak key: " + weak));
    }

    private Optional<String> problem(X509Certificate anchor, ChainContext context) {
        if (checkValidity && context.now().isAfter(anchor.getNotAfter().toInstant())) {
            return Optional.of("expired at " + anchor.getNotAfter().toInstant());
        }
        if (checkValidity && context.now().isBefore(anchor.getNotBefore().toInstant())) {
            return Optional.of("is valid only from " + anchor.getNotBefore().toInstant());
        }
        if (anchor.getBasicConstraints() < 0) {
            return Optional.of(anchor.getExtensionValue(Extension.basicConstraints.getId()) == null
                ? "has no basicConstraints extension, so it is not a CA" : "has basicConstraints CA:false");
        }
        final boolean[] keyUsage = anchor.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= KEY_CERT_SIGN || !keyUsage[KEY_CERT_SIGN])) {
            return Optional.of("has a keyUsage without keyCertSign");
        }
        final Set<String> critical = anchor.getCriticalExtensionOIDs();
        if (critical != null) {
            final Set<String> unknown = new TreeSet<>(critical);
            unknown.removeAll(KNOWN_EXTENSIONS);
            if (!unknown.isEmpty()) {
                return Optional.of("has an unknown critical extension " + unknown);
            }
        }
        return Optional.empty();
    }
}
