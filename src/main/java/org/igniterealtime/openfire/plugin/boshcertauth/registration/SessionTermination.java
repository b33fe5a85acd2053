package org.igniterealtime.openfire.plugin.boshcertauth.registration;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;

/** Ends this node's live sessions that logged in with a certificate (session.SessionSupervisor in the plugin). */
@FunctionalInterface
public interface SessionTermination {

    /** @return how many sessions were ended */
    int endSessionsOf(String certificateSha256, FailureReason reason, String detail);
}
