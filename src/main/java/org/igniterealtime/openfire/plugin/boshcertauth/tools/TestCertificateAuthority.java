package org.igniterealtime.openfire.plugin.boshcertauth.tools;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * A small certificate authority for trying out certificate login: creates a self-signed CA, issues user certificates
 * that carry a JID in an id-on-xmppAddr subjectAltName (RFC 6120 §13.7.1.4) with exactly what the plugin requires
 * (digitalSignature, clientAuth, SHA-256 signatures), and stores itself as a password-protected PKCS#12 file.
 * Every name it writes says "for testing", so that nobody mistakes its certificates for production ones.
 *
 * <pre>
 *   TestCertificateAuthority ca = TestCertificateAuthority.create(TestCertificateAuthority.Options.defaults());
 *   IssuedCertificate alice = ca.issue(UserCertificateRequest.of("alice@example.org"));
 *   byte[] p12 = alice.toPkcs12(password);      // import into the browser
 *   String caPem = ca.certificatePem();          // trust in Openfire's BOSH client truststore
 * </pre>
 *
 * Pure JDK + Bouncy Castle; no Openfire type. Not thread-safe for {@link #save}; issuing is.
 */
public final class TestCertificateAuthority {

    /** id-on-xmppAddr (RFC 6120 §13.7.1.4). */
    public static final ASN1ObjectIdentifier ID_ON_XMPPADDR = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.5");
    public static final String DEFAULT_NAME = "Certificate Login for Web Clients Test CA";
    static final String TESTING_UNIT = "For testing only";
    static final String ORGANIZATION = "boshcertauth test certificates";
    /** notBefore lies this far in the past, so that clocks a little behind still accept a new certificate. */
    static final Duration BACKDATING = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final Clock clock;

    private TestCertificateAuthority(X509Certificate certificate, PrivateKey privateKey, Clock clock) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.clock = clock;
    }

    /**
     * How the CA is made.
     *
     * @param name     the CA's common name; " (for testing)" is appended unless it already says so
     * @param key      the CA's key
     * @param validity how long the CA certificate is valid
     */
    public record Options(String name, KeySpec key, Duration validity) {
        public static final Duration DEFAULT_VALIDITY = Duration.ofDays(5 * 365);

        public Options {
            name = name == null || name.isBlank() ? DEFAULT_NAME : name.strip();
            if (key == null) {
                throw new IllegalArgumentException("key is required");
            }
            if (validity == null || validity.isNegative() || validity.isZero()) {
                throw new IllegalArgumentException("validity must be positive");
            }
        }

        /** EC P-256, five years, the default name. */
        public static Options defaults() {
            return new Options(DEFAULT_NAME, KeySpec.ec(), DEFAULT_VALIDITY);
        }

        public Options withName(String v) { return new Options(v, key, validity); }
        public Options withKey(KeySpec v) { return new Options(name, v, validity); }
        public Options withValidity(Duration v) { return new Options(name, key, v); }
    }

    public static TestCertificateAuthority create(Options options) throws GeneralSecurityException {
        return create(options, Clock.systemUTC());
    }

    /** With the clock that dates the CA and every certificate it issues. */
    public static TestCertificateAuthority create(Options options, Clock clock) throws GeneralSecurityException {
        final KeyPair keyPair = options.key().generate();
        final Instant now = clock.instant();
        final X500Name subject = name(forTesting(options.name()));
        final X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
            Date.from(now.minus(BACKDATING)), Date.from(now.plus(options.validity())), subject, keyPair.getPublic());
        try {
            final JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keyPair.getPublic()));
        } catch (IOException e) {
            throw new GeneralSecurityException("CA extensions could not be encoded", e);
        }
        return new TestCertificateAuthority(sign(builder, keyPair.getPrivate()), keyPair.getPrivate(), clock);
    }

    /** Reads a CA written by {@link #save} or {@link #toPkcs12}. */
    public static TestCertificateAuthority load(Path file, char[] password) throws IOException, GeneralSecurityException {
        try {
            return fromPkcs12(Files.readAllBytes(file), password);
        } catch (Pkcs12.WrongPasswordException e) {
            throw new Pkcs12.WrongPasswordException(file.toString());
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException(file + ": " + e.getMessage(), e);
        }
    }

    public static TestCertificateAuthority fromPkcs12(byte[] pkcs12, char[] password) throws GeneralSecurityException {
        final Pkcs12.KeyEntry entry = Pkcs12.read(pkcs12, password);
        final X509Certificate certificate = entry.chain().get(0);
        if (certificate.getBasicConstraints() < 0) {
            throw new GeneralSecurityException("the PKCS#12 file holds a certificate that is not a CA: "
                + certificate.getSubjectX500Principal() + " (a user certificate instead of the CA?)");
        }
        return new TestCertificateAuthority(certificate, entry.privateKey(), Clock.systemUTC());
    }

    /** The CA's key and certificate as PKCS#12. */
    public byte[] toPkcs12(char[] password) throws GeneralSecurityException {
        return Pkcs12.write("test-ca", privateKey, List.of(certificate), password);
    }

    /** Writes the CA as PKCS#12, readable by the owner only where the file system supports it. */
    public void save(Path file, char[] password) throws IOException, GeneralSecurityException {
        OwnerOnlyFiles.write(file, toPkcs12(password));
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA certificate as PEM: what Openfire's truststore import form and {@code openssl} take. */
    public String certificatePem() {
        return Pem.encode(certificate);
    }

    /** Issues a user certificate for the request's JID, signed by this CA. */
    public IssuedCertificate issue(UserCertificateRequest request) throws GeneralSecurityException {
        final KeyPair keyPair = request.key().generate();
        final Instant now = clock.instant();
        final Instant caNotAfter = certificate.getNotAfter().toInstant();
        final Instant requested = now.plus(request.validity());
        // A certificate valid beyond its CA would fail path validation after the CA expired; end it with the CA.
        final Instant notAfter = requested.isAfter(caNotAfter) ? caNotAfter : requested;
        final X500Name subject = name(request.jid() + " (for testing)");
        final X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
            Date.from(now.minus(BACKDATING)), Date.from(notAfter), subject, keyPair.getPublic());
        try {
            final JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(request));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keyPair.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate.getPublicKey()));
        } catch (IOException e) {
            throw new GeneralSecurityException("certificate extensions could not be encoded", e);
        }
        final X509Certificate issued = sign(builder, privateKey);
        return new IssuedCertificate(issued, keyPair.getPrivate(), List.of(issued, certificate), request.jid());
    }

    /** Whether this certificate was issued by this CA (its signature verifies with the CA's key). */
    public boolean issued(X509Certificate candidate) {
        try {
            candidate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public PublicKey publicKey() {
        return certificate.getPublicKey();
    }

    @Override
    public String toString() {
        return "TestCertificateAuthority[" + certificate.getSubjectX500Principal() + ", until " + certificate.getNotAfter().toInstant() + "]";
    }

    private static GeneralNames subjectAltNames(UserCertificateRequest request) {
        final List<GeneralName> names = new ArrayList<>();
        // otherName ::= SEQUENCE { type-id id-on-xmppAddr, value [0] EXPLICIT UTF8String } — what RFC 6120 prescribes.
        names.add(new GeneralName(GeneralName.otherName, new OtherName(ID_ON_XMPPADDR, new DERUTF8String(request.jid()))));
        if (request.email() != null) {
            names.add(new GeneralName(GeneralName.rfc822Name, request.email()));
        }
        return new GeneralNames(names.toArray(new GeneralName[0]));
    }

    private static String forTesting(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).contains("for testing") ? name : name + " (for testing)";
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, ORGANIZATION)
            .addRDN(BCStyle.OU, TESTING_UNIT)
            .addRDN(BCStyle.CN, commonName)
            .build();
    }

    /** 127 random bits plus one: positive, non-zero, at most 16 octets (RFC 5280 §4.1.2.2 allows 20). */
    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    /** Signs with SHA-256 and returns the JDK's own certificate object (as JSSE would hand it over). */
    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey) throws GeneralSecurityException {
        try {
            final byte[] der = builder.build(new JcaContentSignerBuilder(KeySpec.signatureAlgorithmFor(signingKey)).build(signingKey)).getEncoded();
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("certificate could not be signed", e);
        }
    }
}
