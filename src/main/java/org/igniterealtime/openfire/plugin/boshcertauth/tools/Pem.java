package org.igniterealtime.openfire.plugin.boshcertauth.tools;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM encoding of certificates (never of keys: the tool writes private keys only into password-protected PKCS#12). */
public final class Pem {

    private static final Pattern CERTIFICATE_BLOCK = Pattern.compile(
        "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");

    private Pem() {}

    public static String encode(X509Certificate certificate) {
        try {
            final String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    public static String encode(List<X509Certificate> certificates) {
        final StringBuilder pem = new StringBuilder();
        certificates.forEach(c -> pem.append(encode(c)));
        return pem.toString();
    }

    /**
     * Every CERTIFICATE block of the text, in order; text between blocks (comments, "Bag Attributes" written by
     * openssl) and other block types such as keys are ignored.
     */
    public static List<X509Certificate> parseCertificates(String text) throws CertificateException {
        final CertificateFactory factory = CertificateFactory.getInstance("X.509");
        final List<X509Certificate> result = new ArrayList<>();
        final Matcher m = CERTIFICATE_BLOCK.matcher(text);
        while (m.find()) {
            final byte[] der = Base64.getMimeDecoder().decode(m.group(1));
            result.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
        }
        return result;
    }

    /** Whether the bytes look like PEM text rather than binary DER or PKCS#12. */
    public static boolean looksLikePem(byte[] content) {
        return new String(content, StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
    }
}
