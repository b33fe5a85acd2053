// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.keystore;

import java.io.File;

public class CertificateStoreConfiguration {
    private CertificateStoreConfiguration() { throw new UnsupportedOperationException("compile-only declaration"); }
    public File getFile() { throw new UnsupportedOperationException(); }
}
