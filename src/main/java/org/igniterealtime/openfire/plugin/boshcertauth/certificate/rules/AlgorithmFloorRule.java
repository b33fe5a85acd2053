package org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Key and signature algorithm floor for every certificate of the chain: RSA keys of at least {@code minRsaKeyBits},
 * EC keys of at least {@code minEcKeyBits}, never MD2/MD5, and no SHA-1 signatures unless
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
            final Optional<String> weakKey = weakKey(certificate.getPublicKey());
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

    private Optional<String> weakKey(PublicKey key) {
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
            final int bits = dsa.getParams().getP().bitLength();
            return bits >= minRsaKeyBits ? Optional.empty()
                : Optional.of("DSA key of " + bits + " bits, at least " + minRsaKeyBits + " required");
        }
        return Optional.empty(); // EdDSA and others have no weak sizes
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
