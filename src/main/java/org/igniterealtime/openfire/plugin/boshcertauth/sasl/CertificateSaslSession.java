package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What the SASL layer needs to know of the session that is authenticating.
 *
 * @param chain               the certificate chain the BOSH session was created with (leaf first; may be empty)
 * @param emptyResponseMarker reads, when asked, whether the client's last SASL message was "=" (a zero-length
 *                            response was provided), as opposed to no response at all — Openfire passes both as an
 *                            empty array. Read live: Openfire creates the SaslServer before it sets or clears the
 *                            marker for the {@code <auth/>} being handled, so a value captured at creation is stale.
 */
public record CertificateSaslSession(String streamId, String remoteAddress, boolean encrypted, List<X509Certificate> chain,
                              BooleanSupplier emptyResponseMarker) {
    public CertificateSaslSession {
        chain = List.copyOf(chain);
        Objects.requireNonNull(emptyResponseMarker);
    }

    /** The same session with the certificate chain its connection presented (leaf first). */
    public CertificateSaslSession withChain(List<X509Certificate> presented) {
        return new CertificateSaslSession(streamId, remoteAddress, encrypted, presented, emptyResponseMarker);
    }

    /** Whether the message being evaluated now was "=" rather than empty. */
    public boolean emptyResponseMarked() {
        return emptyResponseMarker.getAsBoolean();
    }
}
