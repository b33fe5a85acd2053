package org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Finds name constraints the JDK's PKIX validator cannot evaluate: subtrees of type otherName (the type of xmppAddr and
 * of UPN), x400Address or ediPartyName. For those its {@code GeneralNameInterface.constrains} throws
 * {@link UnsupportedOperationException} as soon as a certificate below carries a name of the same type, instead of
 * answering; {@link PkixPathRule} turns that into a specific refusal naming the constraining CA.
 */
final class UncheckableNameConstraints {

    private static final Set<Integer> UNCHECKABLE_TYPES = Set.of(GeneralName.otherName, GeneralName.x400Address,
        GeneralName.ediPartyName);

    private UncheckableNameConstraints() {}

    /** The index of the first certificate from the top of the path (the anchor's side) with such a constraint. */
    static OptionalInt find(List<X509Certificate> path) {
        for (int i = path.size() - 1; i >= 0; i--) {
            if (hasUncheckableSubtree(path.get(i))) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    private static boolean hasUncheckableSubtree(X509Certificate certificate) {
        final byte[] extension = certificate.getExtensionValue(Extension.nameConstraints.getId());
        if (extension == null) {
            return false;
        }
        try {
            final NameConstraints constraints = NameConstraints.getInstance(ASN1OctetString.getInstance(extension).getOctets());
            return uncheckable(constraints.getPermittedSubtrees()) || uncheckable(constraints.getExcludedSubtrees());
        } catch (RuntimeException e) {
            return false; // not decodable: not the case this class is about; the validator reports it
        }
    }

    private static boolean uncheckable(GeneralSubtree[] subtrees) {
        if (subtrees == null) {
            return false;
        }
        for (GeneralSubtree subtree : subtrees) {
            if (UNCHECKABLE_TYPES.contains(subtree.getBase().getTagNo())) {
                return true;
            }
        }
        return false;
    }
}
