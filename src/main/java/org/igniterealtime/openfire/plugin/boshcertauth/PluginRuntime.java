package org.igniterealtime.openfire.plugin.boshcertauth;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.config.PluginConfiguration;

/**
 * What every request needs at one moment: the configuration and the verifier built for it. Immutable; the plugin
 * swaps the whole object atomically when anything changes, so a request never sees half of an old policy.
 */
public record PluginRuntime(PluginConfiguration configuration, CertificateVerifier verifier) {
}
