// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.keystore;

import java.security.KeyStore;

public abstract class CertificateStore {
    CertificateStore() { throw new UnsupportedOperationException("compile-only declaration"); }

    public KeyStore getStore() { throw new UnsupportedOperationException(); }
    public void delete(String alias) throws CertificateStoreConfigException { throw new UnsupportedOperationException(); }
    public CertificateStoreConfiguration getConfiguration() { throw new UnsupportedOperationException(); }
}
