package org.igniterealtime.openfire.plugin.boshcertauth.certificate;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The certification path a chain verdict was reached on, in the style of Bouncy Castle's
 * {@code org.bouncycastle.cert.path.CertPathValidationResult}: which certificates the path holds, which of them is the
 * trust anchor, and for a refusal the failing certificate's index on the path, the reason and the rule that refused
 * it. Later steps (the per-CA restriction of {@code identity}, "Test a certificate") use this path instead of building
 * it again.
 *
 * <p>The path is held as positions in the chain the client presented plus the trusted certificate a built path ends at
 * (the truststore's own object), not as the client's certificates: a cached verdict thus keeps no client certificate
 * alive. {@link #certificates(List)} resolves it against the presented chain, which for a cached verdict is the same
 * chain byte for byte (the cache key is its SHA-256).</p>
 *
 * @param positions    for each certificate of the path, leaf first, its index in the presented chain, or
 *                     {@link #TRUSTED_TOP} for the trusted certificate a built path ends at (last only)
 * @param trustedTop   that trusted certificate; null when the path is the chain as presented
 * @param anchorIndex  the index on the path of the trust anchor the path was validated against, or -1 (none chosen,
 *                     e.g. a refusal before the trust anchor was checked, or {@code verifyChain=false})
 * @param reason       null when the path passed every chain rule
 * @param failingIndex the index on the path of the certificate that failed, or -1 (success, or not tied to one)
 * @param failingRule  the name of the rule that refused the path (e.g. {@code KeyUsageRule}); null on success
 */
public record PathValidationResult(List<Integer> positions, X509Certificate trustedTop, int anchorIndex,
                                   FailureReason reason, int failingIndex, String failingRule) {

    /** Position of the trusted certificate that ends a built path (it need not have been presented). */
    public static final int TRUSTED_TOP = -1;

    public PathValidationResult {
        positions = List.copyOf(positions);
        if (positions.isEmpty()) {
            throw new IllegalArgumentException("a path has at least the client's certificate");
        }
        for (int i = 0; i < positions.size(); i++) {
            final boolean top = positions.get(i) == TRUSTED_TOP;
            if (top != (trustedTop != null && i == positions.size() - 1) || (!top && positions.get(i) < 0)) {
                throw new IllegalArgumentException("position " + positions.get(i) + " at " + i + " of " + positions);
            }
        }
        if ((reason == null) != (failingRule == null)) {
            throw new IllegalArgumentException("a refusal names its rule, a success none");
        }
    }

    /**
     * Describes {@code path} (leaf first, as judged) in terms of the presented chain.
     *
     * @param built whether {@code path} was built to a trusted certificate (its last certificate is then the trusted one),
     *              rather than the chain judged as presented
     */
    static PathValidationResult of(List<X509Certificate> path, List<X509Certificate> presented, boolean built,
                                   int anchorIndex, FailureReason reason, int failingIndex, String failingRule) {
        final List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            if (built && i == path.size() - 1) {
                positions.add(TRUSTED_TOP);
            } else {
                final int position = presented.indexOf(path.get(i));
                if (position < 0) {
                    throw new IllegalArgumentException("certificate #" + i + " of the path was not presented");
                }
                positions.add(position);
            }
        }
        return new PathValidationResult(positions, built ? path.get(path.size() - 1) : null, anchorIndex, reason,
            failingIndex, failingRule);
    }

    public boolean isValid() {
        return reason == null;
    }

    /** Whether the path was built to a trusted certificate, rather than the chain judged as presented. */
    public boolean built() {
        return trustedTop != null;
    }

    public int size() {
        return positions.size();
    }

    /**
     * The path's certificates, leaf first.
     *
     * @param presented the chain this result was reached on (the same bytes in the same order)
     * @throws IllegalArgumentException when {@code presented} is too short to be that chain
     */
    public List<X509Certificate> certificates(List<X509Certificate> presented) {
        final List<X509Certificate> path = new ArrayList<>();
        for (int position : positions) {
            if (position >= presented.size()) {
                throw new IllegalArgumentException("not the chain this path was built from");
            }
            path.add(position == TRUSTED_TOP ? trustedTop : presented.get(position));
        }
        return List.copyOf(path);
    }

    /**
     * The issuer of the client's certificate on a path built to a trusted certificate (signature-linked, each
     * certificate's issuer verified while building): where a CA restriction looks for the issuing CA, so that a
     * certificate the client merely sent beside the path cannot stand in for it. Empty for a chain judged as presented.
     */
    public Optional<X509Certificate> issuerOfLeaf(List<X509Certificate> presented) {
        return built() && size() > 1 ? Optional.of(certificates(presented).get(1)) : Optional.empty();
    }

    /** The index on the path of the trust anchor, when one was chosen. */
    public Optional<Integer> anchor() {
        return anchorIndex >= 0 ? Optional.of(anchorIndex) : Optional.empty();
    }

    @Override
    public String toString() {
        return (isValid() ? "valid" : reason + " at #" + failingIndex + " (" + failingRule + ")") + " path " + positions
            + (anchorIndex >= 0 ? ", anchor #" + anchorIndex : "");
    }
}
