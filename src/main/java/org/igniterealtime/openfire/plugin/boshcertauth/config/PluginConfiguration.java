package org.igniterealtime.openfire.plugin.boshcertauth.config;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.ProxySettings;
import org.igniterealtime.openfire.plugin.boshcertauth.request.AllowedOrigins;
import org.igniterealtime.openfire.plugin.boshcertauth.request.OriginPolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.MechanismEnforcement;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.MechanismOffer;

import java.util.List;

/**
 * The plugin's whole configuration at one moment: immutable, built from the settings by {@link ConfigurationLoader}
 * and swapped atomically when a setting, the truststore or the server changes.
 *
 * @param boshClientCertPolicy Openfire's BOSH TLS client-auth policy (null when not set: Openfire's default applies)
 * @param proxy                reverse-proxy settings; null when no forwarded-certificate format is configured
 * @param origins              which web pages may use a visitor's client certificate (boshcertauth.web.allowed-origins)
 * @param warnings             settings that loosen security or cannot work, in plain words (logged as warnings)
 * @param notes                states an administrator should know of, e.g. an empty truststore (logged at INFO)
 */
public record PluginConfiguration(
    CertificatePolicy policy,
    BoshClientCertPolicy boshClientCertPolicy,
    MechanismOffer offer,
    MechanismEnforcement enforcement,
    boolean pinSessions,
    int recentAttempts,
    ProxySettings proxy,
    OriginPolicy origins,
    List<String> warnings,
    List<String> notes
) {
    public PluginConfiguration {
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
    }

    /** With the default origin rule: only the server's own pages may use a visitor's certificate. */
    public PluginConfiguration(CertificatePolicy policy, BoshClientCertPolicy boshClientCertPolicy, MechanismOffer offer,
                               MechanismEnforcement enforcement, boolean pinSessions, int recentAttempts, ProxySettings proxy,
                               List<String> warnings, List<String> notes) {
        this(policy, boshClientCertPolicy, offer, enforcement, pinSessions, recentAttempts, proxy,
            new OriginPolicy(AllowedOrigins.none()), warnings, notes);
    }

    /** Whether a BOSH request without a valid client certificate is refused before it reaches Openfire. */
    public boolean certificateRequired() {
        return enforcement == MechanismEnforcement.EXTERNAL_ONLY || boshClientCertPolicy == BoshClientCertPolicy.NEEDED;
    }
}
