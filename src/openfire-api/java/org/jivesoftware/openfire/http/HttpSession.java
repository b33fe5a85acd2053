// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.http;

import org.jivesoftware.openfire.session.LocalSession;

import java.security.cert.X509Certificate;

/** In Openfire this extends LocalClientSession (which extends LocalSession); the intermediate class is not needed here. */
public abstract class HttpSession extends LocalSession {
    private HttpSession() {
        super(null, null, null, null);
    }

    /** The certificate chain of the request that created this BOSH session. */
    public X509Certificate[] getPeerCertificates() { throw new UnsupportedOperationException(); }
}
