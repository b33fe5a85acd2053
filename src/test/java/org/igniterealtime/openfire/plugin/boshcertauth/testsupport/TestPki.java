package org.igniterealtime.openfire.plugin.boshcertauth.testsupport;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds real X.509 material at test time with Bouncy Castle: CAs, intermediates, client certificates with xmppAddr
 * (and every kind of defect), CRLs, key stores. Certificates are returned as the JDK's own {@link X509Certificate}
 * objects (parsed by the JDK's "X.509" CertificateFactory, as JSSE hands them over), never as BC objects.
 *
 * <pre>
 *   TestPki.Issued root = TestPki.rootCa("Test Root");
 *   TestPki.Issued inter = TestPki.certificate("Test Intermediate").ca().issuedBy(root).build();
 *   TestPki.Issued alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(inter).build();
 *   List&lt;X509Certificate&gt; chain = alice.chain();   // leaf, intermediate, root
 * </pre>
 */
public final class TestPki {

    public static final ASN1ObjectIdentifier ID_ON_XMPPADDR = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.5");
    /** Microsoft User Principal Name otherName. */
    public static final ASN1ObjectIdentifier ID_MS_UPN = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");
    /** Microsoft smart card logon extended key usage. */
    public static final KeyPurposeId SMARTCARD_LOGON = KeyPurposeId.getInstance(new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.2"));
    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() & 0xFFFFFFFL);
    private static final Map<String, KeyPair> KEY_CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private TestPki() {}

    /** A certificate with its key and the chain that leads from it to its root (leaf first). */
    public record Issued(X509Certificate certificate, KeyPair keyPair, List<X509Certificate> chain) {
        public PrivateKey privateKey() { return keyPair.getPrivate(); }
        /** The chain without the root (what a TLS client sends). */
        public List<X509Certificate> chainWithoutRoot() {
            return chain.size() > 1 ? chain.subList(0, chain.size() - 1) : chain;
        }
        public X509Certificate root() { return chain.get(chain.size() - 1); }
    }

    public static Issued rootCa(String commonName) {
        return certificate(commonName).ca().build();
    }

    public static Builder certificate(String commonName) {
        return new Builder(commonName);
    }

    /** Fresh EC P-256 key (fast); see {@link #rsaKey(int)}. */
    public static KeyPair ecKey(String curve) {
        try {
            final KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RSA keys are slow to generate: one per size is cached for the whole test run (keys are not what is tested). */
    public static KeyPair rsaKey(int bits) {
        return KEY_CACHE.computeIfAbsent("RSA" + bits, k -> {
            try {
                final KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(bits);
                return g.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Parses DER with the JDK's own certificate factory (the objects JSSE gives a servlet). */
    public static X509Certificate toJdk(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A truststore (type PKCS12) holding the given certificates as trusted entries. */
    public static KeyStore trustStore(X509Certificate... certificates) {
        try {
            final KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (X509Certificate c : certificates) {
                ks.setCertificateEntry("trusted-" + i++, c);
            }
            return ks;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS#12 key store holding the issued certificate's key and chain (for a TLS client). */
    public static KeyStore keyStore(Issued issued, char[] password) {
        try {
            final KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("client", issued.privateKey(), password, issued.chainWithoutRoot().toArray(new X509Certificate[0]));
            return ks;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] pkcs12Bytes(Issued issued, char[] password) {
        try {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            keyStore(issued, password).store(out, password);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CRL signed by {@code ca} revoking the given certificates. */
    public static X509CRL crl(Issued ca, Instant thisUpdate, Instant nextUpdate, X509Certificate... revoked) {
        return crl(ca, thisUpdate, nextUpdate, java.util.Arrays.stream(revoked).map(X509Certificate::getSerialNumber).toArray(BigInteger[]::new));
    }

    /** A CRL signed by {@code ca} revoking the given serial numbers. */
    public static X509CRL crl(Issued ca, Instant thisUpdate, Instant nextUpdate, BigInteger... revokedSerials) {
        try {
            final X509v2CRLBuilder b = new X509v2CRLBuilder(X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
            if (nextUpdate != null) {
                b.setNextUpdate(Date.from(nextUpdate));
            }
            for (BigInteger serial : revokedSerials) {
                b.addCRLEntry(serial, Date.from(thisUpdate), CRLReason.keyCompromise);
            }
            final X509CRLHolder holder = b.build(signer(ca.privateKey(), null));
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(holder.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ContentSigner signer(PrivateKey key, String algorithm) throws Exception {
        final String alg = algorithm != null ? algorithm : switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            default -> "SHA256withRSA";
        };
        return new JcaContentSignerBuilder(alg).build(key);
    }

    /** Fluent description of one certificate. Everything a test may want to get wrong is a method here. */
    public static final class Builder {
        private final String commonName;
        private Issued issuer;
        private KeyPair keyPair;
        private boolean ca;
        private Integer pathLength;
        private Instant notBefore = Instant.now().minus(Duration.ofDays(1));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(365));
        private final List<GeneralName> subjectAltNames = new ArrayList<>();
        private Integer keyUsage;          // null: default for CA / leaf; -1: omit
        private KeyPurposeId[] extendedKeyUsage = { KeyPurposeId.id_kp_clientAuth };
        private boolean omitExtendedKeyUsage;
        private String signatureAlgorithm;
        private String crlUrl;
        private String ocspUrl;
        private BigInteger serial;
        private byte[] rawSubjectAltName;
        private SubjectPublicKeyInfo publicKeyInfo;
        private final List<Extension> extraExtensions = new ArrayList<>();
        private boolean omitKeyIdentifiers;
        private X500Name subjectName;
        private final List<String> subjectEmailAddresses = new ArrayList<>();

        private Builder(String commonName) {
            this.commonName = commonName;
        }

        public Builder issuedBy(Issued issuer) { this.issuer = issuer; return this; }
        public Builder key(KeyPair keyPair) { this.keyPair = keyPair; return this; }
        public Builder rsa(int bits) { this.keyPair = rsaKey(bits); return this; }
        public Builder ca() { this.ca = true; this.omitExtendedKeyUsage = true; return this; }
        public Builder caFlagOnLeaf() { this.ca = true; return this; }
        public Builder pathLength(int pathLength) { this.pathLength = pathLength; return this; }
        public Builder validity(Instant notBefore, Instant notAfter) { this.notBefore = notBefore; this.notAfter = notAfter; return this; }
        public Builder expired() { return validity(Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1))); }
        public Builder notYetValid() { return validity(Instant.now().plus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30))); }
        /** An id-on-xmppAddr otherName with a UTF8String value, exactly as RFC 6120 §13.7.1.4 and OpenSSL produce it. */
        public Builder xmppAddr(String jid) {
            subjectAltNames.add(new GeneralName(GeneralName.otherName, new OtherName(ID_ON_XMPPADDR, new DERUTF8String(jid))));
            return this;
        }
        /** An otherName with any OID and value (wrong ASN.1 types, other OIDs). */
        public Builder otherName(ASN1ObjectIdentifier oid, ASN1Encodable value) {
            subjectAltNames.add(new GeneralName(GeneralName.otherName, new OtherName(oid, value)));
            return this;
        }
        /** A Microsoft UPN otherName (1.3.6.1.4.1.311.20.2.3) with a UTF8String value, as AD CS issues it. */
        public Builder upn(String userPrincipalName) {
            return otherName(ID_MS_UPN, new DERUTF8String(userPrincipalName));
        }
        /**
         * The whole subject DN instead of {@code CN=<name>,O=boshcertauth tests}, written as RFC 4514 (most specific RDN
         * first: {@code CN=Alice Example,OU=Staff,DC=corp,DC=example,DC=com}) and encoded as the JDK and AD CS do
         * (most significant RDN first in the DER).
         */
        public Builder subject(String rfc4514Dn) {
            this.subjectName = X500Name.getInstance(new javax.security.auth.x500.X500Principal(rfc4514Dn).getEncoded());
            return this;
        }
        /** The whole subject DN exactly as given (e.g. with values no DN parser would produce). */
        public Builder subject(X500Name name) { this.subjectName = name; return this; }
        /** A PKCS#9 emailAddress attribute (IA5String) appended to the subject DN. */
        public Builder subjectEmailAddress(String address) { subjectEmailAddresses.add(address); return this; }
        public Builder email(String address) { subjectAltNames.add(new GeneralName(GeneralName.rfc822Name, address)); return this; }
        public Builder dnsName(String name) { subjectAltNames.add(new GeneralName(GeneralName.dNSName, name)); return this; }
        /** Replaces the whole subjectAltName extension value with these bytes (malformed DER tests). */
        public Builder rawSubjectAltName(byte[] der) { this.rawSubjectAltName = der; return this; }
        /** keyUsage bits (BC {@link KeyUsage} constants), or -1 to omit the extension. */
        public Builder keyUsage(int bits) { this.keyUsage = bits; return this; }
        public Builder extendedKeyUsage(KeyPurposeId... purposes) { this.extendedKeyUsage = purposes; this.omitExtendedKeyUsage = false; return this; }
        public Builder noExtendedKeyUsage() { this.omitExtendedKeyUsage = true; return this; }
        public Builder signatureAlgorithm(String algorithm) { this.signatureAlgorithm = algorithm; return this; }
        public Builder crlDistributionPoint(String url) { this.crlUrl = url; return this; }
        public Builder ocspResponder(String url) { this.ocspUrl = url; return this; }
        public Builder serial(BigInteger serial) { this.serial = serial; return this; }
        /** Any further extension (name constraints, policies, ...), encoded as given. */
        public Builder extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
            try {
                extraExtensions.add(new Extension(oid, critical, value.toASN1Primitive().getEncoded()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }
        /** Leaves out subjectKeyIdentifier and authorityKeyIdentifier (RFC 5280 profile violations). */
        public Builder omitKeyIdentifiers() { this.omitKeyIdentifiers = true; return this; }
        /** Certifies this SubjectPublicKeyInfo instead of the key pair's own (e.g. a DSA key without parameters). */
        public Builder publicKeyInfo(SubjectPublicKeyInfo info) { this.publicKeyInfo = info; return this; }

        public Issued build() {
            try {
                final KeyPair keys = keyPair != null ? keyPair : ecKey("secp256r1");
                final X500Name subject = subjectWithEmailAddresses(subjectName != null ? subjectName
                    : new X500Name("CN=" + commonName + ",O=boshcertauth tests"));
                final X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
                final PrivateKey signingKey = issuer == null ? keys.getPrivate() : issuer.privateKey();
                final BigInteger serialNumber = serial != null ? serial : BigInteger.valueOf(SERIALS.incrementAndGet());

                final SubjectPublicKeyInfo certifiedKey = publicKeyInfo != null ? publicKeyInfo
                    : SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
                final X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuerName, serialNumber,
                    Date.from(notBefore), Date.from(notAfter), subject, certifiedKey);
                final JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
                if (!omitKeyIdentifiers) {
                    b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(certifiedKey));
                }
                if (issuer != null && !omitKeyIdentifiers) {
                    b.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer.certificate()));
                }
                if (ca) {
                    b.addExtension(Extension.basicConstraints, true, pathLength != null ? new BasicConstraints(pathLength) : new BasicConstraints(true));
                }
                final int usage = keyUsage != null ? keyUsage
                    : ca ? (KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature) : KeyUsage.digitalSignature;
                if (usage != -1) {
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
                }
                if (!omitExtendedKeyUsage) {
                    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(extendedKeyUsage));
                }
                if (rawSubjectAltName != null) {
                    b.addExtension(new Extension(Extension.subjectAlternativeName, false, rawSubjectAltName));
                } else if (!subjectAltNames.isEmpty()) {
                    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(subjectAltNames.toArray(new GeneralName[0])));
                }
                if (crlUrl != null) {
                    final DistributionPoint dp = new DistributionPoint(new DistributionPointName(
                        new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl))), null, null);
                    b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] { dp }));
                }
                if (ocspUrl != null) {
                    b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                        new AccessDescription(X509ObjectIdentifiers.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl))));
                }
                for (Extension extension : extraExtensions) {
                    b.addExtension(extension);
                }
                final X509CertificateHolder holder = b.build(signer(signingKey, signatureAlgorithm));
                final X509Certificate certificate = toJdk(holder.getEncoded());
                final List<X509Certificate> chain = new ArrayList<>();
                chain.add(certificate);
                if (issuer != null) {
                    chain.addAll(issuer.chain());
                }
                return new Issued(certificate, keys, List.copyOf(chain));
            } catch (Exception e) {
                throw new IllegalStateException("Could not build test certificate " + commonName, e);
            }
        }

        private X500Name subjectWithEmailAddresses(X500Name base) {
            if (subjectEmailAddresses.isEmpty()) {
                return base;
            }
            final org.bouncycastle.asn1.x500.X500NameBuilder names = new org.bouncycastle.asn1.x500.X500NameBuilder();
            for (org.bouncycastle.asn1.x500.RDN rdn : base.getRDNs()) {
                names.addMultiValuedRDN(rdn.getTypesAndValues());
            }
            for (String address : subjectEmailAddresses) {
                names.addRDN(org.bouncycastle.asn1.x500.style.BCStyle.EmailAddress, new org.bouncycastle.asn1.DERIA5String(address));
            }
            return names.build();
        }
    }

    /** DER of a GeneralNames with one otherName whose value is tagged [0] EXPLICIT around any encodable. */
    public static byte[] subjectAltNameWithOtherNameValue(ASN1ObjectIdentifier oid, ASN1Encodable value) {
        try {
            final DERSequence otherName = new DERSequence(new ASN1Encodable[] { oid, new DERTaggedObject(true, 0, value) });
            return new DERSequence(new DERTaggedObject(false, GeneralName.otherName, otherName)).getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
