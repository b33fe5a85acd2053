package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What the SASL layer needs to know of the session that is authenticating.
 *
 * @param chain               the certificate chain the BOSH session was created with (leaf first; may be empty)
 * @param emptyResponseMarker tells whether the client's latest SASL message was "=" (a zero-length response was
 *                            provided) rather than no response at all — Openfire passes both as an empty array and
 *                            records the difference in the session only after the SASL server was created, so it
 *                            must be asked at evaluation time
 */
public record BoshSaslSession(String streamId, String remoteAddress, boolean encrypted, List<X509Certificate> chain,
                              BooleanSupplier emptyResponseMarker) {
    public BoshSaslSession {
        chain = List.copyOf(chain);
    }

    public boolean emptyResponseMarked() {
        return emptyResponseMarker.getAsBoolean();
    }
}
