package org.igniterealtime.openfire.plugin.boshcertauth.registration;

import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * One certificate a user registered for themselves (XEP-0257 {@code append}), a row of {@code ofBoshCertRegistered}.
 *
 * @param sha256            lower-case hex SHA-256 of the DER: the primary key (a certificate belongs to one user)
 * @param username          the owner's user name (the node of their JID)
 * @param name              the name the owner gave it, unique per owner
 * @param certificateBase64 the DER, base64 (as XEP-0257's {@code <x509cert/>} carries it)
 * @param noCertManagement  a session that logged in with it may not manage certificates (XEP-0257 {@code <no-cert-management/>})
 */
public record RegisteredCertificate(String sha256, String username, String name, String certificateBase64, long notAfterMillis,
                                    boolean enabled, boolean noCertManagement, long addedAtMillis) {

    public RegisteredCertificate {
        Objects.requireNonNull(sha256);
        Objects.requireNonNull(username);
        Objects.requireNonNull(name);
        Objects.requireNonNull(certificateBase64);
    }

    public Instant notAfter() {
        return Instant.ofEpochMilli(notAfterMillis);
    }

    public Instant addedAt() {
        return Instant.ofEpochMilli(addedAtMillis);
    }

    public RegisteredCertificate disabled() {
        return new RegisteredCertificate(sha256, username, name, certificateBase64, notAfterMillis, false, noCertManagement, addedAtMillis);
    }

    /** The certificate itself (for the admin page's details); it was parsed once already when it was appended. */
    public X509Certificate certificate() throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(certificateBase64)));
    }
}
