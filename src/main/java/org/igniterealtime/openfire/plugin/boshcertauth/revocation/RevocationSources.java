package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

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
