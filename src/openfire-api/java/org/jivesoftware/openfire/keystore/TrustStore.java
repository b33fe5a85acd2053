// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.keystore;

public class TrustStore extends CertificateStore {
    private TrustStore() { throw new UnsupportedOperationException("compile-only declaration"); }

    public void installCertificate(String alias, String pemRepresentation) throws CertificateStoreConfigException { throw new UnsupportedOperationException(); }
}
