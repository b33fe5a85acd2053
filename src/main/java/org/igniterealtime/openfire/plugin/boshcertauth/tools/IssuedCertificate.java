package org.igniterealtime.openfire.plugin.boshcertauth.tools;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A freshly issued test user certificate with its private key and its chain (leaf, then the test CA).
 * {@link #toString()} never shows the key.
 */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain, String jid) {

    public IssuedCertificate {
        chain = List.copyOf(chain);
    }

    /** The name under which browsers list the certificate after import. */
    public String friendlyName() {
        return jid + " (for testing)";
    }

    /** PKCS#12 with the key and the whole chain, protected by the password; what a browser imports. */
    public byte[] toPkcs12(char[] password) throws GeneralSecurityException {
        return Pkcs12.write(friendlyName(), privateKey, chain, password);
    }

    /** The certificate and its chain as PEM (no key). */
    public String chainPem() {
        return Pem.encode(chain);
    }

    @Override
    public String toString() {
        return "IssuedCertificate[" + jid + ", subject=" + certificate.getSubjectX500Principal() + ", serial="
            + certificate.getSerialNumber().toString(16) + "]";
    }
}
