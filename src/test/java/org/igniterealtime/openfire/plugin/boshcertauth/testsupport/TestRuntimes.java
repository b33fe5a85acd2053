package org.igniterealtime.openfire.plugin.boshcertauth.testsupport;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.config.BoshClientCertPolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.config.PluginConfiguration;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.ProxySettings;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.MechanismEnforcement;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.MechanismOffer;

import java.time.Clock;
import java.util.List;

/**
 * Plugin configurations and runtimes for tests, built the one way the tests need them: the given certificate policy,
 * BOSH client-cert policy {@code wanted}, and otherwise the plugin's defaults unless a test says otherwise.
 */
public final class TestRuntimes {

    private TestRuntimes() {}

    /** The plugin's defaults: EXTERNAL offered alone, CERTIFICATE_IDENTITY enforcement, pinned sessions, no proxy. */
    public static PluginConfiguration configuration(CertificatePolicy policy) {
        return configuration(policy, MechanismOffer.EXTERNAL_ONLY, MechanismEnforcement.CERTIFICATE_IDENTITY, true, null);
    }

    public static PluginConfiguration configuration(CertificatePolicy policy, MechanismOffer offer, MechanismEnforcement enforcement,
                                                    boolean pinSessions, ProxySettings proxy) {
        return new PluginConfiguration(policy, BoshClientCertPolicy.WANTED, offer, enforcement, pinSessions, 100, proxy, List.of(), List.of());
    }

    public static PluginRuntime runtime(PluginConfiguration configuration, RevocationService revocation, Clock clock) {
        return new PluginRuntime(configuration, new CertificateVerifier(configuration.policy(), revocation, clock));
    }

    /** {@link #configuration(CertificatePolicy)} with a fresh revocation service and the system clock. */
    public static PluginRuntime runtime(CertificatePolicy policy) {
        return runtime(configuration(policy), new RevocationService(), Clock.systemUTC());
    }
}
