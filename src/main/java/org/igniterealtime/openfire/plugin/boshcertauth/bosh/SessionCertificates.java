package org.igniterealtime.openfire.plugin.boshcertauth.bosh;

import java.security.cert.X509Certificate;

/**
 * The certificate chain a BOSH session was created with, by session id. Openfire stores the chain of the
 * session-creation request in its HttpSession; comparing later requests against it pins the session to the
 * certificate without any state of our own.
 */
@FunctionalInterface
public interface SessionCertificates {
    /** @return the chain the session was created with; null or empty when the session is unknown or had none */
    X509Certificate[] of(String sessionId);
}
