package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.ReasonFlags;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * CRLs of every shape RFC 5280 §5 allows, for the tests of CRL signers, indirect CRLs and reason-partitioned CRLs:
 * any issuer name signed with any key, an issuingDistributionPoint (indirectCRL, onlySomeReasons, a name), entries
 * with a reason and a certificateIssuer. The login is verified as {@code CrlSignerTest} does: the CRLs are the
 * configured CRL files, revocation HARD_FAIL, the root trusted.
 */
final class CrlTestBed {

    private final Path directory;
    private int files;
    private boolean selfCoveredCrlSigner;

    CrlTestBed(Path directory) {
        this.directory = directory;
    }

    /** Verifies with {@code boshcertauth.revocation.crl.self-covered-signer} on. */
    CrlTestBed selfCoveredCrlSigner() {
        selfCoveredCrlSigner = true;
        return this;
    }

    /** One CRL being described. */
    static final class Crl {
        private final X500Name issuer;
        private final PrivateKey key;
        private final List<Object[]> entries = new ArrayList<>();
        private IssuingDistributionPoint scope;
        private byte[] authorityKeyId;

        private Crl(X500Name issuer, PrivateKey key) {
            this.issuer = issuer;
            this.key = key;
        }

        /** Issued in the name of {@code name} (its subject), signed with {@code signer}'s key. */
        static Crl by(TestPki.Issued name, TestPki.Issued signer) {
            return new Crl(X500Name.getInstance(name.certificate().getSubjectX500Principal().getEncoded()), signer.privateKey());
        }

        static Crl by(TestPki.Issued issuer) {
            return by(issuer, issuer);
        }

        /** An entry revoking {@code serial}; with a certificateIssuer extension when {@code certificateIssuer} is given. */
        Crl revoking(BigInteger serial, TestPki.Issued certificateIssuer) {
            entries.add(new Object[] {serial, certificateIssuer});
            return this;
        }

        Crl revoking(X509Certificate certificate) {
            return revoking(certificate.getSerialNumber(), null);
        }

        /** An issuingDistributionPoint: indirectCRL, and onlySomeReasons when {@code reasons} is not null. */
        Crl scope(boolean indirect, ReasonFlags reasons) {
            scope = new IssuingDistributionPoint(null, false, false, reasons, indirect, false);
            return this;
        }

        /** An issuingDistributionPoint naming one distribution point by URI (a partition of the issuer's CRL). */
        Crl partition(String uri) {
            scope = new IssuingDistributionPoint(new DistributionPointName(new GeneralNames(
                new GeneralName(GeneralName.uniformResourceIdentifier, uri))), false, false, null, false, false);
            return this;
        }

        /** An authorityKeyIdentifier naming {@code keyId}. */
        Crl authorityKeyId(byte[] keyId) {
            authorityKeyId = keyId.clone();
            return this;
        }

        X509CRL build() {
            try {
                final Instant now = Instant.now();
                final X509v2CRLBuilder b = new X509v2CRLBuilder(issuer, Date.from(now.minus(Duration.ofHours(1))));
                b.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
                for (Object[] entry : entries) {
                    final ExtensionsGenerator extensions = new ExtensionsGenerator();
                    extensions.addExtension(Extension.reasonCode, false, CRLReason.lookup(CRLReason.keyCompromise));
                    if (entry[1] != null) {
                        extensions.addExtension(Extension.certificateIssuer, true, new GeneralNames(new GeneralName(
                            X500Name.getInstance(((TestPki.Issued) entry[1]).certificate().getSubjectX500Principal().getEncoded()))));
                    }
                    b.addCRLEntry((BigInteger) entry[0], Date.from(now.minus(Duration.ofHours(1))), extensions.generate());
                }
                if (authorityKeyId != null) {
                    b.addExtension(Extension.authorityKeyIdentifier, false,
                        new org.bouncycastle.asn1.x509.AuthorityKeyIdentifier(authorityKeyId));
                }
                if (scope != null) {
                    b.addExtension(Extension.issuingDistributionPoint, true, scope);
                }
                final String algorithm = switch (key.getAlgorithm()) {
                    case "EC" -> "SHA256withECDSA";
                    case "DSA" -> "SHA256withDSA";
                    default -> "SHA256withRSA";
                };
                final X509CRLHolder holder = b.build(new JcaContentSignerBuilder(algorithm).build(key));
                return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(holder.getEncoded()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A clean CRL of {@code ca}, signed by itself. */
    static X509CRL clean(TestPki.Issued ca) {
        return Crl.by(ca).build();
    }

    /**
     * A cRLDistributionPoints extension with one point that has no name, only a cRLIssuer (the CRL issuer that
     * publishes the certificate's revocations, as in NIST PKITS 4.14.24).
     */
    static CRLDistPoint crlIssuerPoint(TestPki.Issued crlIssuer) {
        final GeneralNames names = new GeneralNames(new GeneralName(
            X500Name.getInstance(crlIssuer.certificate().getSubjectX500Principal().getEncoded())));
        return new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(null, null, names)});
    }

    /** A cRLDistributionPoints extension with one point named by a URI, served by the certificate's issuer. */
    static CRLDistPoint uriPoint(String uri) {
        final DistributionPointName name = new DistributionPointName(new GeneralNames(
            new GeneralName(GeneralName.uniformResourceIdentifier, uri)));
        return new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(name, null, null)});
    }

    /** The verdict on {@code presented} with {@code root} trusted and these CRLs as CRL files. */
    Verdict verify(TestPki.Issued root, List<X509Certificate> presented, X509CRL... crls) throws Exception {
        return verifyTrusting(List.of(root), presented, crls);
    }

    /** As {@link #verify}, with several trusted roots. */
    Verdict verifyTrusting(List<TestPki.Issued> roots, List<X509Certificate> presented, X509CRL... crls) throws Exception {
        final List<URI> sources = new ArrayList<>();
        for (X509CRL crl : crls) {
            final Path file = directory.resolve("crl" + files++ + ".crl");
            Files.write(file, crl.getEncoded());
            sources.add(file.toUri());
        }
        final CertificatePolicy policy = CertificatePolicy.builder()
            .trust(roots.stream().map(TestPki.Issued::certificate).collect(java.util.stream.Collectors.toSet()))
            .domains(Set.of("localhost")).revocationMode(RevocationMode.HARD_FAIL)
            .revocationOptions(RevocationOptions.DEFAULTS.withCrlSources(sources).withSelfCoveredCrlSigner(selfCoveredCrlSigner)).build();
        try (RevocationService revocation = new RevocationService()) {
            return new CertificateVerifier(policy, revocation, Clock.systemUTC()).verifyChain(presented);
        }
    }
}
