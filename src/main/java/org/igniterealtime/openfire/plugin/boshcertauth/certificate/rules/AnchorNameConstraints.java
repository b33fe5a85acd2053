package org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraintValidatorException;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.asn1.x509.PKIXNameConstraintValidator;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a trust anchor's nameConstraints (RFC 5280 §4.2.1.10, §6.1.3 (b)/(c)) to the certificates below it: the
 * subject DN, the subject's emailAddress attributes (as rfc822Name) and every subjectAltName of each certificate,
 * except a self-issued one that is not the client's own. The constraints of CAs below the anchor remain the JDK
 * validator's ({@link PkixPathRule}).
 *
 * <ul>
 *   <li>rfc822Name, dNSName, directoryName, URI and iPAddress subtrees: Bouncy Castle's
 *       {@link PKIXNameConstraintValidator} (permitted subtrees of one type are a union, intersected with the
 *       unrestricted initial set; excluded subtrees are a union).</li>
 *   <li>xmppAddr otherName subtrees (RFC 6120 defines no constraint semantics; Bouncy Castle would compare exactly):
 *       judged like rfc822Name constraints. A value with '@' permits that bare JID, a domain ({@code example.org})
 *       the JIDs of that domain, a value starting with '.' ({@code .example.org}) those of its subdomains; case is
 *       ignored, a resource is ignored.</li>
 *   <li>Any other otherName (e.g. a UPN constraint), x400Address, ediPartyName, registeredID, or a subtree with a
 *       minimum or maximum (RFC 5280: MUST be 0 / absent): not evaluable. Such a constraint refuses
 *       ({@link FailureReason#UNSUPPORTED_NAME_CONSTRAINT}, at the anchor) as soon as a certificate below carries a name
 *       of that type (any otherName, for an otherName constraint), as the JDK does for CAs below the anchor.</li>
 * </ul>
 * A name outside the constraints is {@link FailureReason#NAME_CONSTRAINT_VIOLATION} at that certificate's index.
 */
final class AnchorNameConstraints {

    private static final String ID_ON_XMPPADDR = "1.3.6.1.5.5.7.8.5";
    private static final Set<Integer> BOUNCY_CASTLE_TYPES = Set.of(GeneralName.rfc822Name, GeneralName.dNSName,
        GeneralName.directoryName, GeneralName.uniformResourceIdentifier, GeneralName.iPAddress);
    private static final int MAX_NAME_IN_DETAIL = 200;

    private final PKIXNameConstraintValidator validator = new PKIXNameConstraintValidator();
    /** Name types with at least one subtree Bouncy Castle judges (others are not passed to it at all). */
    private final Set<Integer> constrainedTypes = new HashSet<>();
    /** Name types with a subtree that cannot be evaluated. */
    private final Set<Integer> unsupportedTypes = new HashSet<>();
    private final List<String> permittedXmppAddrs = new ArrayList<>();
    private final List<String> excludedXmppAddrs = new ArrayList<>();
    private boolean xmppAddrPermittedSubtrees;

    private AnchorNameConstraints() {}

    /**
     * @param anchorIndex the anchor's index in the chain, or -1
     * @param path        the certificates below the anchor, leaf first (indices as in the chain)
     * @return a refusal, or empty when every name is within the anchor's constraints (or it has none)
     */
    static Optional<Verdict> check(X509Certificate anchor, int anchorIndex, List<X509Certificate> path) {
        final byte[] extension = anchor.getExtensionValue(Extension.nameConstraints.getId());
        if (extension == null) {
            return Optional.empty();
        }
        final AnchorNameConstraints constraints = new AnchorNameConstraints();
        try {
            constraints.add(NameConstraints.getInstance(ASN1OctetString.getInstance(extension).getOctets()));
        } catch (RuntimeException e) {
            return Optional.of(Verdict.failure(FailureReason.UNTRUSTED_ANCHOR_INVALID, anchorIndex, "nameConstraints of trusted CA '"
                + anchor.getSubjectX500Principal().getName() + "' could not be decoded"));
        }
        final String anchorName = anchor.getSubjectX500Principal().getName();
        for (int i = path.size() - 1; i >= 0; i--) {
            final X509Certificate certificate = path.get(i);
            if (i > 0 && certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                continue; // RFC 5280 §6.1.3 (b): a self-issued CA certificate's names are not checked
            }
            final List<GeneralName> names;
            try {
                names = namesOf(certificate);
            } catch (CertificateEncodingException | RuntimeException e) {
                return Optional.of(Verdict.failure(FailureReason.MALFORMED, i, "names could not be read for the name constraints"));
            }
            for (GeneralName name : names) {
                Optional<Verdict> refusal;
                try {
                    refusal = constraints.judge(name, i, anchorIndex, anchorName);
                } catch (RuntimeException e) { // e.g. an otherName whose structure does not decode
                    refusal = Optional.of(Verdict.failure(FailureReason.MALFORMED, i,
                        "a name of type " + name.getTagNo() + " could not be decoded for the name constraints"));
                }
                if (refusal.isPresent()) {
                    return refusal;
                }
            }
        }
        return Optional.empty();
    }

    private void add(NameConstraints constraints) {
        final List<GeneralSubtree> forBouncyCastle = new ArrayList<>();
        if (constraints.getPermittedSubtrees() != null) {
            for (GeneralSubtree subtree : constraints.getPermittedSubtrees()) {
                if (classify(subtree, permittedXmppAddrs)) {
                    forBouncyCastle.add(subtree);
                }
                xmppAddrPermittedSubtrees |= isXmppAddr(subtree.getBase());
            }
            validator.intersectPermittedSubtree(forBouncyCastle.toArray(new GeneralSubtree[0]));
        }
        if (constraints.getExcludedSubtrees() != null) {
            for (GeneralSubtree subtree : constraints.getExcludedSubtrees()) {
                if (classify(subtree, excludedXmppAddrs)) {
                    validator.addExcludedSubtree(subtree);
                }
            }
        }
    }

    /** @return true when Bouncy Castle is to judge the subtree; xmppAddr values go to {@code xmppAddrs} */
    private boolean classify(GeneralSubtree subtree, List<String> xmppAddrs) {
        final GeneralName base = subtree.getBase();
        final int type = base.getTagNo();
        final boolean defaultRange = (subtree.getMinimum() == null || subtree.getMinimum().signum() == 0)
            && subtree.getMaximum() == null;
        if (!defaultRange) {
            unsupportedTypes.add(type);
            return false;
        }
        if (isXmppAddr(base)) {
            final Optional<String> value = xmppAddrValue(base);
            if (value.isEmpty()) {
                unsupportedTypes.add(type);
            } else {
                xmppAddrs.add(value.get().toLowerCase(Locale.ROOT));
            }
            return false;
        }
        if (!BOUNCY_CASTLE_TYPES.contains(type)) {
            unsupportedTypes.add(type);
            return false;
        }
        constrainedTypes.add(type);
        return true;
    }

    private Optional<Verdict> judge(GeneralName name, int index, int anchorIndex, String anchorName) {
        final int type = name.getTagNo();
        if (unsupportedTypes.contains(type)) {
            return Optional.of(Verdict.failure(FailureReason.UNSUPPORTED_NAME_CONSTRAINT, anchorIndex, "name constraints of trusted CA '"
                + anchorName + "' on names of type " + type + " cannot be checked, and certificate #" + index + " has such a name"));
        }
        if (isXmppAddr(name)) {
            return judgeXmppAddr(name, index, anchorName);
        }
        if (!constrainedTypes.contains(type)) {
            return Optional.empty();
        }
        try {
            validator.checkPermitted(name);
            validator.checkExcluded(name);
            return Optional.empty();
        } catch (NameConstraintValidatorException e) {
            return Optional.of(violation(index, name.toString(), anchorName, e.getMessage()));
        } catch (RuntimeException e) {
            return Optional.of(Verdict.failure(FailureReason.MALFORMED, index,
                "a name of type " + type + " could not be decoded for the name constraints"));
        }
    }

    private Optional<Verdict> judgeXmppAddr(GeneralName name, int index, String anchorName) {
        if (!xmppAddrPermittedSubtrees && excludedXmppAddrs.isEmpty()) {
            return Optional.empty();
        }
        final Optional<String> jid = xmppAddrValue(name);
        if (jid.isEmpty()) {
            return Optional.of(Verdict.failure(FailureReason.MALFORMED, index, "xmppAddr is not a UTF8String"));
        }
        final String value = jid.get();
        if (xmppAddrPermittedSubtrees && permittedXmppAddrs.stream().noneMatch(c -> xmppAddrWithin(value, c))) {
            return Optional.of(violation(index, "xmppAddr " + value, anchorName, "not within a permitted subtree"));
        }
        if (excludedXmppAddrs.stream().anyMatch(c -> xmppAddrWithin(value, c))) {
            return Optional.of(violation(index, "xmppAddr " + value, anchorName, "within an excluded subtree"));
        }
        return Optional.empty();
    }

    /** rfc822Name-style matching (RFC 5280 §4.2.1.10) of a JID against a constraint value (lower case). */
    static boolean xmppAddrWithin(String jid, String constraint) {
        String bare = jid.toLowerCase(Locale.ROOT);
        final int slash = bare.indexOf('/');
        bare = slash >= 0 ? bare.substring(0, slash) : bare;
        final int at = bare.indexOf('@');
        final String domain = at >= 0 ? bare.substring(at + 1) : bare;
        if (constraint.contains("@")) {
            return bare.equals(constraint);
        }
        if (constraint.startsWith(".")) {
            return domain.endsWith(constraint);
        }
        return domain.equals(constraint);
    }

    private static Verdict violation(int index, String name, String anchorName, String why) {
        final String shown = name.length() > MAX_NAME_IN_DETAIL ? name.substring(0, MAX_NAME_IN_DETAIL) + "..." : name;
        return Verdict.failure(FailureReason.NAME_CONSTRAINT_VIOLATION, index, "name " + shown + " of certificate #" + index
            + " is outside the name constraints of trusted CA '" + anchorName + "' (" + why + ")");
    }

    private static boolean isXmppAddr(GeneralName name) {
        return name.getTagNo() == GeneralName.otherName
            && ID_ON_XMPPADDR.equals(OtherName.getInstance(name.getName()).getTypeID().getId());
    }

    private static Optional<String> xmppAddrValue(GeneralName name) {
        final ASN1Encodable value = OtherName.getInstance(name.getName()).getValue();
        return value instanceof ASN1UTF8String utf8 ? Optional.of(utf8.getString()) : Optional.empty();
    }

    /** Subject DN (unless empty), the subject's emailAddress attributes as rfc822Name, and the subjectAltNames. */
    private static List<GeneralName> namesOf(X509Certificate certificate) throws CertificateEncodingException {
        final TBSCertificate tbs = org.bouncycastle.asn1.x509.Certificate.getInstance(certificate.getEncoded()).getTBSCertificate();
        final List<GeneralName> names = new ArrayList<>();
        final X500Name subject = tbs.getSubject();
        if (subject.getRDNs().length > 0) {
            names.add(new GeneralName(subject));
        }
        for (RDN rdn : subject.getRDNs(BCStyle.EmailAddress)) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                if (BCStyle.EmailAddress.equals(attribute.getType())) {
                    names.add(new GeneralName(GeneralName.rfc822Name, org.bouncycastle.asn1.ASN1IA5String.getInstance(attribute.getValue()).getString()));
                }
            }
        }
        if (tbs.getExtensions() != null) {
            final GeneralNames subjectAltNames = GeneralNames.fromExtensions(tbs.getExtensions(), Extension.subjectAlternativeName);
            if (subjectAltNames != null) {
                names.addAll(List.of(subjectAltNames.getNames()));
            }
        }
        return names;
    }
}
