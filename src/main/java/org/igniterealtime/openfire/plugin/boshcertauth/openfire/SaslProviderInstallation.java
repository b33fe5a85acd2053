package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateSaslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.Provider;
import java.security.Security;

/**
 * Our SASL provider in first place of the JVM's security providers, where Openfire's {@code Sasl.createSaslServer}
 * asks it before Openfire's own provider; and out again.
 */
public final class SaslProviderInstallation {

    private static final Logger Log = LoggerFactory.getLogger(SaslProviderInstallation.class);

    private final CertificateSaslProvider provider;

    private SaslProviderInstallation(CertificateSaslProvider provider) {
        this.provider = provider;
    }

    /** Inserts the provider at position 1, replacing any leftover of an earlier load. */
    public static SaslProviderInstallation install(CertificateSaslProvider provider) {
        if (Security.getProvider(CertificateSaslProvider.NAME) != null) {
            // insertProviderAt returns -1 and does nothing when a provider of that name is present.
            Log.warn("Removing a leftover {} provider (an earlier load of the plugin did not unload cleanly)", CertificateSaslProvider.NAME);
            Security.removeProvider(CertificateSaslProvider.NAME);
        }
        final int position = Security.insertProviderAt(provider, 1);
        if (position != 1) {
            throw new IllegalStateException("Could not insert the " + CertificateSaslProvider.NAME + " security provider first (got position " + position + ")");
        }
        return new SaslProviderInstallation(provider);
    }

    public CertificateSaslProvider provider() {
        return provider;
    }

    /** Whether this very provider is the JVM's first. */
    public boolean isFirst() {
        final Provider[] providers = Security.getProviders();
        return providers.length > 0 && providers[0] == provider;
    }

    /** Removes the provider if it is still ours (never a newer load's provider of the same name). */
    public void uninstall() {
        if (Security.getProvider(CertificateSaslProvider.NAME) == provider) {
            Security.removeProvider(CertificateSaslProvider.NAME);
        }
    }
}
