package org.igniterealtime.openfire.plugin.boshcertauth.config;

import java.util.Locale;
import java.util.Optional;

/** Openfire's TLS client-authentication policy of the BOSH endpoint ({@code httpbind.client.cert.policy}). */
public enum BoshClientCertPolicy {
    /** Jetty does not ask for a client certificate. */
    DISABLED,
    /** Jetty asks; clients without a certificate still connect (password users keep working). */
    WANTED,
    /** Jetty refuses TLS connections without a client certificate. */
    NEEDED;

    /** The value as Openfire stores it. */
    public String propertyValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BoshClientCertPolicy> fromPropertyValue(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (BoshClientCertPolicy p : values()) {
            if (p.propertyValue().equalsIgnoreCase(value.trim())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
