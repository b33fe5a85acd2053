package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.DSAPublicKeySpec;
import java.util.List;

/**
 * DSA parameter inheritance (RFC 3279 §2.3.2, RFC 5280 §6.1.4 (f)): a DSA subject public key without parameters uses
 * those of the nearest DSA key above it on the path. The JDK's path validator applies this to certificate signatures;
 * a CRL signed with such a key needs it too (NIST PKITS 4.1.5).
 */
final class DsaParameterInheritance {

    private DsaParameterInheritance() {
    }

    /**
     * The parameters {@code pathAbove}'s last certificate's key would inherit: walking up from it (the list runs from
     * the anchor down), the first DSA key that has parameters; null when the key is not a DSA key without parameters,
     * or a non-DSA key comes first (inheritance stops there).
     */
    static DSAParams inherited(List<X509Certificate> pathFromAnchor) {
        if (pathFromAnchor.isEmpty() || !(pathFromAnchor.get(pathFromAnchor.size() - 1).getPublicKey() instanceof DSAPublicKey last)
                || last.getParams() != null) {
            return null;
        }
        for (int i = pathFromAnchor.size() - 2; i >= 0; i--) {
            if (!(pathFromAnchor.get(i).getPublicKey() instanceof DSAPublicKey above)) {
                return null;
            }
            if (above.getParams() != null) {
                return above.getParams();
            }
        }
        return null;
    }

    /** The certificate's key, with {@code inherited} parameters when it is a DSA key without its own. */
    static PublicKey key(X509Certificate certificate, DSAParams inherited) {
        final PublicKey key = certificate.getPublicKey();
        if (inherited == null || !(key instanceof DSAPublicKey dsa) || dsa.getParams() != null) {
            return key;
        }
        try {
            return KeyFactory.getInstance("DSA").generatePublic(
                new DSAPublicKeySpec(dsa.getY(), inherited.getP(), inherited.getQ(), inherited.getG()));
        } catch (GeneralSecurityException e) {
            return key; // the signature check then fails: the CRL is not used
        }
    }
}
