package org.igniterealtime.openfire.plugin.boshcertauth.identity;


import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;

/**
 * The values that bind a certificate itself (not a name in it) to an account, in the forms directories store them:
 * Active Directory's {@code altSecurityIdentities} strong mappings, the SHA-256 thumbprint, issuer + serial.
 *
 * <p>AD's forms (Microsoft KB5014754): {@code X509:<I>issuer<S>subject}, {@code X509:<I>issuer<SR>serial} and
 * {@code X509:<SKI>key-identifier}, the DNs written most significant RDN first ({@code DC=com,DC=example,CN=Issuing CA},
 * the reverse of RFC 4514) and the serial as hex of its octets in reverse order. The DNs' special characters,
 * {@code <} and {@code >} included, are escaped (RFC 4514), so a hostile subject such as {@code CN=x<SR>01} cannot
 * make one form look like another.</p>
 *
 * <p>KB5014754 calls {@code <I><S>} weak: anyone who obtains a certificate with that subject from a CA with that issuer
 * name maps, whichever CA it really was and whatever else the certificate says. It is therefore asked for only when
 * the administrator opts in ({@link DirectoryMapping#weakIssuerSubject()}); {@code <I><SR>} and {@code <SKI>} name one
 * certificate (or its key) and are always asked for.</p>
 *
 * <p>The issuer-name forms ({@code <I><SR>}, {@code <I><S>}, issuer + serial) name the issuing CA by its DN alone, which
 * any CA may carry (review M6): they count only when the CA that issued the certificate on its validated path is pinned
 * ({@link IssuerNamePins}). {@code <SKI>}, the thumbprint and the DER bind the certificate or its key and need no pin.</p>
 */
public final class CertificateBinding {

    /** AD writes emailAddress as E=. */
    private static final Map<String, String> AD_KEYWORDS = Map.of("1.2.840.113549.1.9.1", "E");

    private CertificateBinding() {}

    /**
     * The strong forms, as AD stores them: {@code X509:<I>issuer<SR>reversed-serial}, and {@code X509:<SKI>hex} with
     * the identifier computed from the certified key ({@link #subjectKeyIdentifier}).
     */
    public static List<String> strongAltSecurityIdentities(X509Certificate certificate) throws InvalidNameException {
        final List<String> forms = new ArrayList<>();
        forms.add(issuerSerialAltSecurityIdentity(certificate));
        subjectKeyIdentifier(certificate).ifPresent(ski -> forms.add(keyAltSecurityIdentity(ski)));
        return List.copyOf(forms);
    }

    /**
     * {@code X509:<I>issuer<SR>reversed-serial}: names the issuing CA by its DN only, so it counts only for a pinned
     * issuing CA ({@link IssuerNamePins}); any other CA with that DN chooses its serials freely.
     */
    public static String issuerSerialAltSecurityIdentity(X509Certificate certificate) throws InvalidNameException {
        return "X509:<I>" + adOrder(certificate.getIssuerX500Principal()) + "<SR>" + reversedSerial(certificate);
    }

    /** {@code X509:<SKI>hex} for a key identifier from {@link #subjectKeyIdentifier}. */
    static String keyAltSecurityIdentity(String subjectKeyIdentifier) {
        return "X509:<SKI>" + subjectKeyIdentifier;
    }

    /** The weak form {@code X509:<I>issuer<S>subject} (KB5014754), asked for only when the administrator opts in. */
    public static String weakAltSecurityIdentity(X509Certificate certificate) throws InvalidNameException {
        return "X509:<I>" + adOrder(certificate.getIssuerX500Principal()) + "<S>" + adOrder(certificate.getSubjectX500Principal());
    }

    /**
     * The key identifier of the certified key, upper-case hex (AD compares altSecurityIdentities without regard to
     * case): SHA-1 of the subjectPublicKey BIT STRING's bits (RFC 5280 4.2.1.2, method 1, what AD CS writes into the
     * subjectKeyIdentifier). Computed, never read from the subjectKeyIdentifier extension: that extension is a label
     * the issuing CA chooses freely, so any other trusted CA could copy a staff certificate's value into a certificate
     * for its own key and map to the staff account.
     */
    static Optional<String> subjectKeyIdentifier(X509Certificate certificate) {
        try {
            final byte[] keyBits = org.bouncycastle.asn1.x509.Certificate.getInstance(certificate.getEncoded())
                .getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
            return Optional.of(HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(keyBits)));
        } catch (CertificateEncodingException | IllegalArgumentException e) {
            return Optional.empty(); // a certificate that cannot be re-read binds nothing
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a mandatory JDK algorithm", e);
        }
    }

    /** The DN most significant RDN first, comma-separated without spaces, as AD writes it. */
    static String adOrder(X500Principal principal) throws InvalidNameException {
        final List<Rdn> rdns = new LdapName(principal.getName(X500Principal.RFC2253, AD_KEYWORDS)).getRdns(); // index 0: most significant
        final StringBuilder dn = new StringBuilder();
        for (Rdn rdn : rdns) {
            dn.append(dn.isEmpty() ? "" : ",").append(rdn);
        }
        return dn.toString();
    }

    /** The serial's DER octets, last first, upper-case hex (what AD's {@code <SR>} form holds). */
    static String reversedSerial(X509Certificate certificate) {
        final byte[] octets = certificate.getSerialNumber().toByteArray();
        final byte[] reversed = new byte[octets.length];
        for (int i = 0; i < octets.length; i++) {
            reversed[i] = octets[octets.length - 1 - i];
        }
        return HexFormat.of().withUpperCase().formatHex(reversed);
    }

    /** The SHA-256 thumbprint of the certificate's DER, lower-case hex without separators. */
    public static String sha256(X509Certificate certificate) throws CertificateEncodingException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JDK algorithm", e);
        }
    }

    /** Issuer (RFC 4514) and serial (lower-case hex), the Keycloak-style "serial + IssuerDN" binding. */
    public static String issuerAndSerial(X509Certificate certificate) {
        return certificate.getIssuerX500Principal().getName(X500Principal.RFC2253) + ";"
            + certificate.getSerialNumber().toString(16).toLowerCase(Locale.ROOT);
    }
}
