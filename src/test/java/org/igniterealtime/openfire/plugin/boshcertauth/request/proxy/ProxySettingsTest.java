package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ProxySettingsTest {

    @Test
    void defaults() {
        // Setup, Execute
        final ProxySettings settings = ProxySettings.of(TrustedProxies.none(), ProxyFormat.ENVOY);
        // Verify
        assertEquals(16 * 1024, settings.maxHeaderBytes());
        assertEquals(5, settings.maxChainLength());
        assertEquals("x-forwarded-client-cert", settings.effectiveHeaderName());
    }

    @Test
    void blankHeaderNameMeansTheDefault() {
        // Setup, Execute
        final ProxySettings settings = new ProxySettings(TrustedProxies.none(), ProxyFormat.NGINX, "  ", 1000, 3);
        // Verify
        assertNull(settings.headerName());
        assertEquals("X-SSL-Client-Cert", settings.effectiveHeaderName());
    }

    @Test
    void invalidHeaderNameIsRefused() {
        assertThrows(IllegalArgumentException.class,
            () -> new ProxySettings(TrustedProxies.none(), ProxyFormat.NGINX, "X-SSL Client:Cert", 1000, 3));
    }

    @Test
    void nonPositiveLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ProxySettings(TrustedProxies.none(), ProxyFormat.NGINX, null, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> new ProxySettings(TrustedProxies.none(), ProxyFormat.NGINX, null, 1000, 0));
    }

    @Test
    void formatFromSettingIsCaseInsensitiveAndListsTheChoices() {
        // Setup, Execute, Verify
        assertEquals(ProxyFormat.RFC9440, ProxyFormat.fromSetting(" rfc9440 "));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProxyFormat.fromSetting("caddy"));
        assertTrue(e.getMessage().contains("NGINX, APACHE, HAPROXY, ENVOY, TRAEFIK, RFC9440"), e.getMessage());
    }
}
