package org.igniterealtime.openfire.plugin.boshcertauth.registration;

import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;

import java.time.Duration;

/**
 * What the administrator allows users to register (XEP-0257), read from the settings at every request.
 *
 * @param enabled         {@code boshcertauth.xep0257.enabled}: the whole feature (protocol, logins, discovery)
 * @param allowSelfSigned {@code boshcertauth.xep0257.allow-self-signed}: a self-signed certificate may be registered and is
 *                        then its own trust anchor, for its owner only; otherwise it must lead to the truststore
 * @param maxPerUser      {@code boshcertauth.xep0257.max-per-user}
 * @param maxValidity     {@code boshcertauth.xep0257.max-validity-days}: longest notBefore..notAfter accepted
 */
public record RegistrationLimits(boolean enabled, boolean allowSelfSigned, int maxPerUser, Duration maxValidity) {

    public static RegistrationLimits fromSettings() {
        return new RegistrationLimits(Settings.XEP0257_ENABLED.getValue(), Settings.XEP0257_ALLOW_SELF_SIGNED.getValue(),
            Settings.XEP0257_MAX_PER_USER.getValue(), Duration.ofDays(Settings.XEP0257_MAX_VALIDITY_DAYS.getValue()));
    }
}
