package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A JCA provider whose only services are our SASL server factory, inserted first in the JVM's provider list so that
 * {@code Sasl.createSaslServer} asks it before Openfire's own provider, and removed again on unload.
 */
public final class CertificateSaslProvider extends Provider {

    public static final String NAME = "BoshCertAuthSasl";
    private static final Logger Log = LoggerFactory.getLogger(CertificateSaslProvider.class);

    private final List<String> mechanisms;

    private CertificateSaslProvider(BoshSaslServerFactory factory, List<String> mechanisms) {
        super(NAME, "1.0", "SASL EXTERNAL with BOSH client certificates (Openfire plugin boshcertauth)");
        for (String mechanism : mechanisms) {
            putService(new FactoryService(this, mechanism, factory));
        }
        // Always registered so Sasl.createSaslServer finds us; the factory reports it implemented only in scope.
        putService(new FactoryService(this, WebSocketExternalSaslServer.MECHANISM, factory));
        factory.ownedBy(this);
        this.mechanisms = List.copyOf(mechanisms);
    }

    /** The mechanisms this provider serves (EXTERNAL, and the others for enforcement). */
    public List<String> mechanisms() {
        return mechanisms;
    }

    /**
     * The mechanisms we register for: EXTERNAL, plus every mechanism some other provider already implements (so that
     * enforcement can see them), which leaves the set Openfire considers implemented unchanged.
     */
    public static List<String> mechanismsToRegister() {
        final Set<String> names = new LinkedHashSet<>();
        names.add(ExternalSaslServer.MECHANISM);
        for (var factories = javax.security.sasl.Sasl.getSaslServerFactories(); factories.hasMoreElements(); ) {
            final var factory = factories.nextElement();
            // By class name: a leftover of an earlier load of the plugin has the same class from another class loader.
            if (!factory.getClass().getName().equals(BoshSaslServerFactory.class.getName())) {
                names.addAll(Arrays.asList(factory.getMechanismNames(null)));
            }
        }
        names.remove(WebSocketExternalSaslServer.MECHANISM); // a leftover of an earlier load; registered separately
        return List.copyOf(names);
    }

    /** Inserts the provider at position 1, replacing any leftover of an earlier load. */
    public static CertificateSaslProvider install(BoshSaslServerFactory factory, List<String> mechanisms) {
        final CertificateSaslProvider provider = new CertificateSaslProvider(factory, mechanisms);
        if (Security.getProvider(NAME) != null) {
            // insertProviderAt returns -1 and does nothing when a provider of that name is present.
            Log.warn("Removing a leftover {} provider (an earlier load of the plugin did not unload cleanly)", NAME);
            Security.removeProvider(NAME);
        }
        final int position = Security.insertProviderAt(provider, 1);
        if (position != 1) {
            throw new IllegalStateException("Could not insert the " + NAME + " security provider first (got position " + position + ")");
        }
        return provider;
    }

    /** Whether this very provider is the JVM's first. */
    public boolean isFirst() {
        final Provider[] providers = Security.getProviders();
        return providers.length > 0 && providers[0] == this;
    }

    public void uninstall() {
        if (Security.getProvider(NAME) == this) {
            Security.removeProvider(NAME);
        }
    }

    /** Hands out our factory instance directly (no reflective instantiation through the plugin's class loader). */
    private static final class FactoryService extends Provider.Service {
        private final BoshSaslServerFactory factory;

        FactoryService(Provider provider, String mechanism, BoshSaslServerFactory factory) {
            super(provider, "SaslServerFactory", mechanism, factory.getClass().getName(), null, null);
            this.factory = factory;
        }

        @Override
        public Object newInstance(Object constructorParameter) {
            return factory;
        }
    }
}
