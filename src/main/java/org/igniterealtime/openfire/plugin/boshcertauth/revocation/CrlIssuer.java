package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import javax.security.auth.x500.X500Principal;
import java.nio.ByteBuffer;
import java.security.interfaces.DSAParams;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Who may have signed the CRL of a certificate: its issuer, and the other certificates of the same CA name that were
 * validated on the same path to the same trust anchor (RFC 5280 §6.3.3 (f)) — a CA that rolled over its key
 * (self-issued "old with new" certificates, NIST PKITS 4.5) signs CRLs with the key of one of them, not necessarily
 * with the key that signed the certificate — and, validated in turn through {@link CrlSigners}, a CRL signer off the
 * path: the CA's separate CRL-signing certificate, or the CRL issuer a distribution point names (cRLIssuer).
 *
 * @param certificateIssuer the certificate's issuer (already verified as such)
 * @param sameNameOnPath    other certificates on the validated path (or the anchor) whose subject is the issuer's
 * @param namedCrlIssuers   the CRL issuers (cRLIssuer directory names) the certificate's distribution points name:
 *                          only these may issue an indirect CRL for it
 * @param signers           where a signer off the path is looked for and how it is validated
 * @param inheritedDsaParameters the DSA parameters the issuer's key inherits from above it on the path (RFC 3279
 *                          §2.3.2), when its own key has none; null otherwise
 */
public record CrlIssuer(X509Certificate certificateIssuer, List<X509Certificate> sameNameOnPath,
                        List<X500Principal> namedCrlIssuers, CrlSigners signers, DSAParams inheritedDsaParameters) {

    public CrlIssuer {
        Objects.requireNonNull(certificateIssuer);
        sameNameOnPath = List.copyOf(sameNameOnPath);
        namedCrlIssuers = List.copyOf(namedCrlIssuers);
        Objects.requireNonNull(signers);
    }

    public CrlIssuer(X509Certificate certificateIssuer, List<X509Certificate> sameNameOnPath) {
        this(certificateIssuer, sameNameOnPath, List.of(), CrlSigners.NONE, null);
    }

    public static CrlIssuer of(X509Certificate certificateIssuer) {
        return new CrlIssuer(certificateIssuer, List.of());
    }

    /** The issuer first, then the others: the candidates for the CRL's signature, in the order they are tried. */
    List<X509Certificate> candidates() {
        final List<X509Certificate> all = new ArrayList<>();
        all.add(certificateIssuer);
        all.addAll(sameNameOnPath);
        return all;
    }

    /** The other candidates' keys: part of a cached CRL's key, since a CRL verified with them holds for this path only. */
    List<ByteBuffer> otherKeys() {
        return sameNameOnPath.stream().map(c -> ByteBuffer.wrap(c.getPublicKey().getEncoded())).toList();
    }
}
