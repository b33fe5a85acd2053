package org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Key and signature algorithm floor for every certificate of the chain: RSA and DSA keys of at least
 * {@code minRsaKeyBits} (a DSA key without parameters is judged by those it inherits from its issuer, and refused when
 * there are none), EC keys of at least {@code minEcKeyBits}, never MD2/MD5, and no SHA-1 signatures unless
 * {@code allowSha1Signatures}. A trusted certificate's own self-signature is exempt: trust in an anchor comes from
 * the truststore, not from its signature (RFC 5280 §6.1.1), so old roots signed with SHA-1 stay usable.
 */
public final class AlgorithmFloorRule implements CertificateRule {

    private static final Set<String> BROKEN_SIGNATURES = Set.of(
        "1.2.840.113549.1.1.2",   // md2WithRSAEncryption
        "1.2.840.113549.1.1.3",   // md4WithRSAEncryption
        "1.2.840.113549.1.1.4");  // md5WithRSAEncryption
    private static final Set<String> SHA1_SIGNATURES = Set.of(
        "1.2.840.113549.1.1.5",   // sha1WithRSAEncryption
        "1.2.840.10045.4.1",      // ecdsa-with-SHA1
        "1.2.840.10040.4.3",      // dsa-with-sha1
        "1.3.14.3.2.29");         // sha1WithRSASignature (OIW)

    private final int minRsaKeyBits;
    private final int minEcKeyBits;
    private final boolean allowSha1Signatures;

    /** @param minRsaKeyBits also the floor of DSA keys, which have no setting of their own (same finite-field strength) */
    public AlgorithmFloorRule(int minRsaKeyBits, int minEcKeyBits, boolean allowSha1Signatures) {
        this.minRsaKeyBits = minRsaKeyBits;
        this.minEcKeyBits = minEcKeyBits;
        this.allowSha1Signatures = allowSha1Signatures;
    }

    @Override
    public Optional<Verdict> check(ChainContext context) {
        for (int i = 0; i < context.chain().size(); i++) {
            final X509Certificate certificate = context.chain().get(i);
            final Optional<String> weakKey = weakKey(certificate.getPublicKey(), i, context);
            if (weakKey.isPresent()) {
                return Optional.of(Verdict.failure(FailureReason.WEAK_ALGORITHM, i, weakKey.get()));
            }
            final boolean anchorSelfSignature = context.isTrusted(certificate) && ChainContext.isSelfSigned(certificate);
            final Optional<String> weakSignature = anchorSelfSignature ? Optional.empty() : weakSignature(certificate);
            if (weakSignature.isPresent()) {
                return Optional.of(Verdict.failure(FailureReason.WEAK_ALGORITHM, i, weakSignature.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * The floor for a key judged on its own, such as a trust anchor's ({@link TrustAnchorRule}): a DSA key without
     * parameters has nothing to inherit them from there, so its size is unknown and it is refused.
     *
     * @return why the key is below the floor, or empty
     */
    public Optional<String> weakKey(PublicKey key) {
        return weakKey(key, dsa -> Optional.ofNullable(dsa.getParams()));
    }

    private Optional<String> weakKey(PublicKey key, int index, ChainContext context) {
        return weakKey(key, dsa -> dsaParameters(dsa, index, context));
    }

    private Optional<String> weakKey(PublicKey key, java.util.function.Function<DSAPublicKey, Optional<DSAParams>> dsaParameters) {
        if (key instanceof RSAPublicKey rsa) {
            final int bits = rsa.getModulus().bitLength();
            return bits >= minRsaKeyBits ? Optional.empty()
                : Optional.of("RSA key of " + bits + " bits, at least " + minRsaKeyBits + " required");
        }
        if (key instanceof ECPublicKey ec) {
            final int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits >= minEcKeyBits ? Optional.empty()
                : Optional.of("EC key of " + bits + " bits, at least " + minEcKeyBits + " required");
        }
        if (key instanceof DSAPublicKey dsa) {
            // DSA has no setting of its own; it is held to the RSA floor (same finite-field strength).
            final Optional<DSAParams> params = dsaParameters.apply(dsa);
            if (params.isEmpty()) {
                return Optional.of("DSA key without parameters and no DSA issuer to inherit them from, so its size is unknown");
            }
            final int bits = params.get().getP().bitLength();
            final String inherited = dsa.getParams() == null ? " (parameters inherited from its issuer)" : "";
            return bits >= minRsaKeyBits ? Optional.empty()
                : Optional.of("DSA key of " + bits + " bits" + inherited + ", at least " + minRsaKeyBits + " required");
        }
        return Optional.empty(); // EdDSA and others have no weak sizes
    }

    /**
     * A DSA key's own parameters, or when it has none those it inherits (RFC 5280 §6.1.4 (j)): the nearest issuer's up
     * the chain whose DSA key has parameters, as long as every key in between is DSA too; past the chain's end, those of
     * a trusted DSA issuer (when several trusted certificates share the issuer's name, the smallest group counts).
     */
    private static Optional<DSAParams> dsaParameters(DSAPublicKey key, int index, ChainContext context) {
        if (key.getParams() != null) {
            return Optional.of(key.getParams());
        }
        final List<X509Certificate> chain = context.chain();
        for (int issuer = index + 1; issuer < chain.size(); issuer++) {
            if (!(chain.get(issuer).getPublicKey() instanceof DSAPublicKey issuerKey)) {
                return Optional.empty();
            }
            if (issuerKey.getParams() != null) {
                return Optional.of(issuerKey.getParams());
            }
        }
        return context.trustedIssuersOf(chain.get(chain.size() - 1)).stream()
            .map(X509Certificate::getPublicKey)
            .filter(k -> k instanceof DSAPublicKey d && d.getParams() != null)
            .map(k -> ((DSAPublicKey) k).getParams())
            .min(Comparator.comparingInt(p -> p.getP().bitLength()));
    }

    private Optional<String> weakSignature(X509Certificate certificate) {
        final String oid = certificate.getSigAlgOID();
        final String name = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        if (BROKEN_SIGNATURES.contains(oid) || name.startsWith("MD")) {
            return Optional.of("signature algorithm " + certificate.getSigAlgName() + " is never accepted");
        }
        if (!allowSha1Signatures && (SHA1_SIGNATURES.contains(oid) || name.startsWith("SHA1"))) {
            return Optional.of("SHA-1 signature (" + certificate.getSigAlgName() + ") is not allowed");
        }
        return Optional.empty();
    }
}
