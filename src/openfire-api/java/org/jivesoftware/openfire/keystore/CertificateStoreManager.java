// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.keystore;

import org.jivesoftware.openfire.spi.ConnectionType;

public class CertificateStoreManager {
    private CertificateStoreManager() { throw new UnsupportedOperationException("compile-only declaration"); }

    public TrustStore getTrustStore(ConnectionType type) { throw new UnsupportedOperationException(); }
    public CertificateStoreConfiguration getTrustStoreConfiguration(ConnectionType type) throws java.io.IOException { throw new UnsupportedOperationException(); }
}
