package org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * RFC 5280 certificate-profile MUSTs that path validation itself does not enforce, for every certificate of the path
 * below the trust anchor (the anchor is the administrator's choice, judged by {@link TrustAnchorRule}). Composed only
 * when {@code boshcertauth.certificate.strict-profile} is on: real CAs issue certificates that break some of these,
 * and the default keeps accepting them. A violation is {@link FailureReason#PROFILE_VIOLATION} at that certificate.
 *
 * <ul>
 *   <li>§4.1.2.2: the serial number is a positive integer of at most 20 octets.</li>
 *   <li>§4.2.1.2: a CA certificate has a subjectKeyIdentifier; §4.2.1.1: a certificate that is not self-signed has an
 *       authorityKeyIdentifier.</li>
 *   <li>§4.2.1.3: keyCertSign only in a CA certificate (basicConstraints cA); §4.2.1.10: nameConstraints only in a
 *       CA certificate, and never an empty one (permittedSubtrees or excludedSubtrees present, each not empty).</li>
 * </ul>
 */
public final class StrictProfileRule implements CertificateRule {

    private static final int KEY_CERT_SIGN = 5;
    private static final int MAX_SERIAL_OCTETS = 20;

    @Override
    public Optional<Verdict> check(ChainContext context) {
        final List<X509Certificate> path = context.pathBelowAnchor();
        for (int i = 0; i < path.size(); i++) {
            final Optional<String> violation = violation(path.get(i));
            if (violation.isPresent()) {
                return Optional.of(Verdict.failure(FailureReason.PROFILE_VIOLATION, i, violation.get() + " (strict-profile)"));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> violation(X509Certificate certificate) {
        final BigInteger serial = certificate.getSerialNumber();
        if (serial.signum() <= 0) {
            return Optional.of("serial number " + serial + " is not positive (RFC 5280 §4.1.2.2)");
        }
        if (serial.toByteArray().length > MAX_SERIAL_OCTETS) { // the DER content octets of the INTEGER
            return Optional.of("serial number is longer than 20 octets (RFC 5280 §4.1.2.2)");
        }
        final boolean ca = certificate.getBasicConstraints() >= 0;
        if (ca && certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId()) == null) {
            return Optional.of("CA certificate without subjectKeyIdentifier (RFC 5280 §4.2.1.2)");
        }
        if (!ChainContext.isSelfSigned(certificate) && certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId()) == null) {
            return Optional.of("certificate without authorityKeyIdentifier (RFC 5280 §4.2.1.1)");
        }
        final boolean[] keyUsage = certificate.getKeyUsage();
        if (!ca && keyUsage != null && keyUsage.length > KEY_CERT_SIGN && keyUsage[KEY_CERT_SIGN]) {
            return Optional.of("keyCertSign in a certificate that is not a CA (RFC 5280 §4.2.1.3)");
        }
        final byte[] nameConstraints = certificate.getExtensionValue(Extension.nameConstraints.getId());
        if (nameConstraints != null && !ca) {
            return Optional.of("nameConstraints in a certificate that is not a CA (RFC 5280 §4.2.1.10)");
        }
        if (nameConstraints != null && isEmpty(nameConstraints)) {
            return Optional.of("empty nameConstraints or subtrees (RFC 5280 §4.2.1.10)");
        }
        return Optional.empty();
    }

    private static boolean isEmpty(byte[] extensionValue) {
        try {
            final NameConstraints constraints = NameConstraints.getInstance(ASN1OctetString.getInstance(extensionValue).getOctets());
            final GeneralSubtree[] permitted = constraints.getPermittedSubtrees();
            final GeneralSubtree[] excluded = constraints.getExcludedSubtrees();
            return (permitted == null && excluded == null) || (permitted != null && permitted.length == 0)
                || (excluded != null && excluded.length == 0);
        } catch (RuntimeException e) {
            return true; // not even decodable: no usable subtrees
        }
    }
}
