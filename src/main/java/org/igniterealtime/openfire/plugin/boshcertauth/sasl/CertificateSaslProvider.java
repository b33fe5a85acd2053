package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import java.security.Provider;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A JCA provider whose only services are our SASL server factory. Inserted first in the JVM's provider list (by
 * {@code openfire.SaslProviderInstallation}) so that {@code Sasl.createSaslServer} asks it before Openfire's own
 * provider, and removed again on unload.
 */
public final class CertificateSaslProvider extends Provider {

    public static final String NAME = "BoshCertAuthSasl";

    private final Set<String> mechanisms;

    public CertificateSaslProvider(CertificateSaslServerFactory factory, List<String> mechanisms) {
        super(NAME, "1.0", "SASL EXTERNAL with BOSH client certificates (Openfire plugin boshcertauth)");
        for (String mechanism : mechanisms) {
            putService(new FactoryService(this, mechanism, factory));
        }
        // Always registered so Sasl.createSaslServer finds us; the factory reports it implemented only in scope.
        putService(new FactoryService(this, WebSocketExternalSaslServer.MECHANISM, factory));
        factory.ownedBy(this);
        this.mechanisms = Collections.unmodifiableSet(new LinkedHashSet<>(mechanisms));
    }

    /** The mechanisms this provider serves (EXTERNAL, and the others for enforcement), in registration order. */
    public Set<String> mechanisms() {
        return mechanisms;
    }

    /**
     * Whether this provider serves exactly these mechanisms. Compared as sets: {@link #mechanismsToRegister()} follows
     * the iteration order of {@code Sasl.getSaslServerFactories()}, a fresh HashSet on every call.
     */
    public boolean servesExactly(Collection<String> wanted) {
        return mechanisms.equals(new HashSet<>(wanted));
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
            if (!factory.getClass().getName().equals(CertificateSaslServerFactory.class.getName())) {
                names.addAll(Arrays.asList(factory.getMechanismNames(null)));
            }
        }
        names.remove(WebSocketExternalSaslServer.MECHANISM); // a leftover of an earlier load; registered separately
        return List.copyOf(names);
    }

    /** Hands out our factory instance directly (no reflective instantiation through the plugin's class loader). */
    private static final class FactoryService extends Provider.Service {
        private final CertificateSaslServerFactory factory;

        FactoryService(Provider provider, String mechanism, CertificateSaslServerFactory factory) {
            super(provider, "SaslServerFactory", mechanism, factory.getClass().getName(), null, null);
            this.factory = factory;
        }

        @Override
        public Object newInstance(Object constructorParameter) {
            return factory;
        }
    }
}
