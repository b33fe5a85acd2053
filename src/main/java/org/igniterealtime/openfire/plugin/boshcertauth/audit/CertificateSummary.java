package org.igniterealtime.openfire.plugin.boshcertauth.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * What may be logged of a certificate: subject, issuer, serial and SHA-256 fingerprint. Never the certificate itself
 * (and never a key).
 */
public record CertificateSummary(String subject, String issuer, String serial, String sha256) {

    public static final CertificateSummary NONE = new CertificateSummary("", "", "", "");

    public static CertificateSummary of(X509Certificate certificate) {
        if (certificate == null) {
            return NONE;
        }
        return new CertificateSummary(
            certificate.getSubjectX500Principal().getName(),
            certificate.getIssuerX500Principal().getName(),
            certificate.getSerialNumber().toString(16),
            sha256(certificate));
    }

    /** Hex SHA-256 of the DER encoding (colon-free, lower case), or "" when the certificate cannot be encoded. */
    public static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            return "";
        }
    }
}
