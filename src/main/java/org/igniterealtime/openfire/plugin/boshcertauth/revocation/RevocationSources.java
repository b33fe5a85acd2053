package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

import javax.security.auth.x500.X500Principal;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.io.IOException;
import java.security.cert.X509Extension;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a certificate says its revocation status can be learnt: OCSP responders from authorityInfoAccess and CRL
 * distribution points (full names only), as URIs. An undecodable extension yields no sources rather than an error:
 * the status is then unknown, which the revocation mode turns into a decision.
 */
public record RevocationSources(List<URI> ocspResponders, List<URI> crlDistributionPoints) {

    public RevocationSources {
        ocspResponders = List.copyOf(ocspResponders);
        crlDistributionPoints = List.copyOf(crlDistributionPoints);
    }

    public boolean isEmpty() {
        return ocspResponders.isEmpty() && crlDistributionPoints.isEmpty();
    }

    public static RevocationSources of(X509Certificate certificate) {
        final List<URI> ocsp = new ArrayList<>();
        final List<URI> crl = new ArrayList<>();
        try {
            final byte[] aia = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
            if (aia != null) {
                for (AccessDescription description : AuthorityInformationAccess.getInstance(JcaX509ExtensionUtils.parseExtensionValue(aia)).getAccessDescriptions()) {
                    if (X509ObjectIdentifiers.id_ad_ocsp.equals(description.getAccessMethod())) {
                        addUri(description.getAccessLocation(), ocsp::add);
                    }
                }
            }
            crl.addAll(distributionPoints(certificate.getExtensionValue(Extension.cRLDistributionPoints.getId())));
        } catch (Exception e) {
            return new RevocationSources(List.of(), List.of());
        }
        return new RevocationSources(ocsp, crl);
    }

    /**
     * The delta CRLs a certificate or a complete CRL announces (freshestCRL, RFC 5280 §4.2.1.15 and §5.2.6), full
     * URI names only; none when the extension is absent or undecodable.
     */
    public static List<URI> freshestCrls(X509Extension certificateOrCrl) {
        try {
            return distributionPoints(certificateOrCrl.getExtensionValue(Extension.freshestCRL.getId()));
        } catch (Exception e) {
            return List.of();
        }
    }

    /**
     * One distribution point of a certificate, as RFC 5280 §6.3.3 matches CRLs against it.
     *
     * @param name       its distributionPoint name; null when it has none
     * @param crlIssuers its cRLIssuer names; empty when the certificate's issuer issues its CRLs
     * @param reasons    the reasons it serves ({@link ReasonMask}; all when it lists none)
     */
    record Point(DistributionPointName name, List<GeneralName> crlIssuers, int reasons) {
        Point {
            crlIssuers = List.copyOf(crlIssuers);
        }
    }

    /**
     * The certificate's distribution points; null when it has no cRLDistributionPoints extension, empty when the
     * extension does not decode (then no CRL is the one for it).
     */
    static List<Point> points(X509Certificate certificate) {
        final byte[] value = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        if (value == null) {
            return null;
        }
        try {
            final List<Point> points = new ArrayList<>();
            for (DistributionPoint point : CRLDistPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value)).getDistributionPoints()) {
                points.add(new Point(point.getDistributionPoint(),
                    point.getCRLIssuer() == null ? List.of() : List.of(point.getCRLIssuer().getNames()),
                    ReasonMask.of(point.getReasons())));
            }
            return List.copyOf(points);
        } catch (Exception e) {
            return List.of();
        }
    }

    /**
     * The CRL issuers (cRLIssuer directory names) the certificate's distribution points name, at most four: the only
     * issuers other than its own whose (indirect) CRLs may speak for it.
     */
    static List<X500Principal> namedCrlIssuers(X509Certificate certificate) {
        final List<Point> points = points(certificate);
        if (points == null) {
            return List.of();
        }
        final List<X500Principal> names = new ArrayList<>();
        for (Point point : points) {
            for (GeneralName name : point.crlIssuers()) {
                if (name.getTagNo() == GeneralName.directoryName && names.size() < 4) {
                    try {
                        final X500Principal principal = new X500Principal(X500Name.getInstance(name.getName()).getEncoded());
                        if (!names.contains(principal)) {
                            names.add(principal);
                        }
                    } catch (Exception e) {
                        // undecodable name: it names no issuer we could match
                    }
                }
            }
        }
        return List.copyOf(names);
    }

    /**
     * A distribution point name as full names; a relative one is appended to {@code crlIssuer}; none for null.
     *
     * @throws IllegalArgumentException when the name does not decode
     */
    static List<GeneralName> fullNames(DistributionPointName name, X500Principal crlIssuer) {
        if (name == null) {
            return List.of();
        }
        if (name.getType() == DistributionPointName.FULL_NAME) {
            return List.of(GeneralNames.getInstance(name.getName()).getNames());
        }
        // nameRelativeToCRLIssuer is one RelativeDistinguishedName (a SET of attribute type and value)
        final List<RDN> rdns = new ArrayList<>(List.of(X500Name.getInstance(crlIssuer.getEncoded()).getRDNs()));
        rdns.add(RDN.getInstance(name.getName()));
        return List.of(new GeneralName(new X500Name(rdns.toArray(new RDN[0]))));
    }

    /** The full-name URIs of a CRLDistributionPoints-syntax extension value (cRLDistributionPoints, freshestCRL). */
    private static List<URI> distributionPoints(byte[] extensionValue) throws IOException {
        if (extensionValue == null) {
            return List.of();
        }
        final List<URI> uris = new ArrayList<>();
        for (DistributionPoint point : CRLDistPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extensionValue)).getDistributionPoints()) {
            final DistributionPointName name = point.getDistributionPoint();
            if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                for (GeneralName generalName : GeneralNames.getInstance(name.getName()).getNames()) {
                    addUri(generalName, uris::add);
                }
            }
        }
        return uris;
    }

    private static void addUri(GeneralName name, Consumer<URI> sink) {
        if (name.getTagNo() == GeneralName.uniformResourceIdentifier) {
            try {
                sink.accept(URI.create(name.getName().toString()));
            } catch (IllegalArgumentException e) {
                // not a URI: skip this location, others may work
            }
        }
    }
}
