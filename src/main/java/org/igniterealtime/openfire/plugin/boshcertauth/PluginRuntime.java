package org.igniterealtime.openfire.plugin.boshcertauth;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.config.PluginConfiguration;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.ForwardedCertificateExtractor;

/**
 * What every request needs at one moment: the configuration and what is built from it. Immutable; the plugin swaps
 * the whole object atomically when anything changes, so a request never sees half of an old policy.
 *
 * @param proxyExtractor reads forwarded-certificate headers from trusted proxies; null when none are configured
 */
public record PluginRuntime(PluginConfiguration configuration, CertificateVerifier verifier, ForwardedCertificateExtractor proxyExtractor) {

    public PluginRuntime(PluginConfiguration configuration, CertificateVerifier verifier) {
        this(configuration, verifier, configuration.proxy() == null ? null : new ForwardedCertificateExtractor(configuration.proxy()));
    }
}
