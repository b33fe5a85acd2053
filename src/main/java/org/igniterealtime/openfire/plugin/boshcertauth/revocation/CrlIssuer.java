package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Who may have signed the CRL of a certificate: its issuer, and the other certificates of the same CA name that were
 * validated on the same path to the same trust anchor (RFC 5280 §6.3.3 (f)) — a CA that rolled over its key
 * (self-issued "old with new" certificates, NIST PKITS 4.5) signs CRLs with the key of one of them, not necessarily
 * with the key that signed the certificate.
 *
 * @param certificateIssuer the certificate's issuer (already verified as such)
 * @param sameNameOnPath    other certificates on the validated path (or the anchor) whose subject is the issuer's
 */
public record CrlIssuer(X509Certificate certificateIssuer, List<X509Certificate> sameNameOnPath) {

    public CrlIssuer {
        Objects.requireNonNull(certificateIssuer);
        sameNameOnPath = List.copyOf(sameNameOnPath);
    }

    public static CrlIssuer of(X509Certificate certificateIssuer) {
        return new CrlIssuer(certificateIssuer, List.of());
    }

    /** The issuer first, then the others: the candidates for the CRL's signature, in the order they are tried. */
    List<X509Certificate> candidates() {
        final java.util.ArrayList<X509Certificate> all = new java.util.ArrayList<>();
        all.add(certificateIssuer);
        all.addAll(sameNameOnPath);
        return all;
    }

    /** The other candidates' keys: part of a cached CRL's key, since a CRL verified with them holds for this path only. */
    List<ByteBuffer> otherKeys() {
        return sameNameOnPath.stream().map(c -> ByteBuffer.wrap(c.getPublicKey().getEncoded())).toList();
    }
}
