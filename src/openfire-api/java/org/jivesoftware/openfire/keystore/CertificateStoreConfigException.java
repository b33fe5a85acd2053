// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.keystore;

public class CertificateStoreConfigException extends Exception {
    private CertificateStoreConfigException() { throw new UnsupportedOperationException("compile-only declaration"); }
}
