package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What the SASL layer needs to know of the session that is authenticating.
 *
 * @param chain               the certificate chain the BOSH session was created with (leaf first; may be empty)
 * @param emptyResponseMarked whether the client's last SASL message was "=" (a zero-length response was provided),
 *                            as opposed to no response at all — Openfire passes both as an empty array
 */
public record BoshSaslSession(String streamId, String remoteAddress, boolean encrypted, List<X509Certificate> chain,
                              boolean emptyResponseMarked) {
    public BoshSaslSession {
        chain = List.copyOf(chain);
    }
}
