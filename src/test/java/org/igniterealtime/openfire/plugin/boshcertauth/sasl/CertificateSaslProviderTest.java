package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import org.jivesoftware.openfire.http.HttpSession;
import org.jivesoftware.openfire.session.LocalSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.security.sasl.Sasl;
import javax.security.sasl.SaslServer;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

/** Installing our provider first, finding it (and only for BOSH) through {@code Sasl.createSaslServer}, removing it. */
class CertificateSaslProviderTest {

    private SaslTestBed bed;
    private final List<SaslProviderInstallation> installed = new ArrayList<>();
    private final List<FakeSaslProvider> fakes = new ArrayList<>();

    @BeforeEach
    void setUp() {
        bed = new SaslTestBed(MechanismEnforcement.NONE);
    }

    @AfterEach
    void tearDown() {
        installed.forEach(SaslProviderInstallation::uninstall);
        fakes.forEach(FakeSaslProvider::close);
        Security.removeProvider(CertificateSaslProvider.NAME);
        bed.close();
    }

    @Test
    void installPutsTheProviderFirst() {
        // Setup
        final int before = Security.getProviders().length;

        // Execute
        final SaslProviderInstallation provider = install(List.of("EXTERNAL"));

        // Verify
        assertSame(provider.provider(), Security.getProviders()[0]);
        assertTrue(provider.isFirst());
        assertEquals(before + 1, Security.getProviders().length);
        assertSame(provider.provider(), Security.getProvider(CertificateSaslProvider.NAME));
    }

    @Test
    void boshSessionsGetOurServerAndOtherSessionsTheNextProviders() throws Exception {
        // Setup: a stand-in for Openfire's EXTERNAL provider, after ours
        install(List.of("EXTERNAL"));
        fakes.add(FakeSaslProvider.register("BoshCertAuthTestExternal", "EXTERNAL"));
        final HttpSession bosh = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        final LocalSession socket = mock(LocalSession.class);

        // Execute
        final SaslServer forBosh = Sasl.createSaslServer("EXTERNAL", "xmpp", SaslTestBed.DOMAIN, SaslTestBed.saslProperties(bosh), null);
        final SaslServer forSocket = Sasl.createSaslServer("EXTERNAL", "xmpp", SaslTestBed.DOMAIN, SaslTestBed.saslProperties(socket), null);

        // Verify
        assertInstanceOf(ExternalSaslServer.class, forBosh);
        assertInstanceOf(FakeSaslProvider.FakeOtherServer.class, forSocket);
    }

    @Test
    void installingAgainReplacesTheLeftover() {
        // Setup: an earlier load that did not unload
        final SaslProviderInstallation leftover = install(List.of("EXTERNAL"));
        final int before = Security.getProviders().length;

        // Execute
        final SaslProviderInstallation current = install(List.of("EXTERNAL"));

        // Verify
        assertSame(current.provider(), Security.getProviders()[0]);
        assertEquals(before, Security.getProviders().length);
        assertEquals(1, Arrays.stream(Security.getProviders()).filter(p -> p.getName().equals(CertificateSaslProvider.NAME)).count());
        assertFalse(leftover.isFirst());
    }

    @Test
    void theJdkRefusesASecondProviderOfTheSameName() {
        // Setup: why install must remove a leftover first
        install(List.of("EXTERNAL"));
        final Provider sameName = new Provider(CertificateSaslProvider.NAME, "0", "impostor") {};

        // Execute
        final int position = Security.insertProviderAt(sameName, 1);

        // Verify
        assertEquals(-1, position);
    }

    @Test
    void uninstallRemovesItAndLeavesNothingBehind() throws Exception {
        // Setup
        final int before = Security.getProviders().length;
        final SaslProviderInstallation provider = install(List.of("EXTERNAL", "PLAIN"));
        final HttpSession bosh = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());

        // Execute
        provider.uninstall();

        // Verify
        assertNull(Security.getProvider(CertificateSaslProvider.NAME));
        assertEquals(before, Security.getProviders().length);
        final Provider[] external = Security.getProviders("SaslServerFactory.EXTERNAL");
        assertTrue(external == null || Arrays.stream(external).noneMatch(p -> p instanceof CertificateSaslProvider));
        for (var factories = Sasl.getSaslServerFactories(); factories.hasMoreElements(); ) {
            assertFalse(factories.nextElement() instanceof CertificateSaslServerFactory);
        }
        assertNull(Sasl.createSaslServer("EXTERNAL", "xmpp", SaslTestBed.DOMAIN, SaslTestBed.saslProperties(bosh), null));
    }

    @Test
    void uninstallingAReplacedLeftoverDoesNotRemoveTheCurrentProvider() {
        // Setup
        final SaslProviderInstallation leftover = install(List.of("EXTERNAL"));
        final SaslProviderInstallation current = install(List.of("EXTERNAL"));

        // Execute
        leftover.uninstall();

        // Verify
        assertSame(current.provider(), Security.getProvider(CertificateSaslProvider.NAME));
        assertTrue(current.isFirst());
    }

    @Test
    void mechanismsToRegisterAreExternalAndWhatOthersImplement() {
        // Setup: another provider implements X-BOSHCERT-OTHER; only we implement X-BOSHCERT-OURS
        fakes.add(FakeSaslProvider.register("BoshCertAuthTestOther", "X-BOSHCERT-OTHER"));
        install(List.of("EXTERNAL", "X-BOSHCERT-OURS"));

        // Execute
        final List<String> mechanisms = CertificateSaslProvider.mechanismsToRegister();

        // Verify
        assertTrue(mechanisms.contains("EXTERNAL"));
        assertEquals("EXTERNAL", mechanisms.get(0));
        assertTrue(mechanisms.contains("X-BOSHCERT-OTHER"));
        assertFalse(mechanisms.contains("X-BOSHCERT-OURS"), "our own registrations do not count");
        assertFalse(mechanisms.contains("X-BOSHCERT-NOBODY"));
        assertFalse(mechanisms.contains("PLAIN"), "the JDK has no PLAIN server and no fake PLAIN is registered");
        assertEquals(mechanisms.size(), mechanisms.stream().distinct().count());
    }

    @Test
    void mechanismsToRegisterDoNotAddMechanismsNobodyImplements() {
        // Setup: what the JVM implements without us (EXTERNAL aside)
        final List<String> implemented = new ArrayList<>();
        for (var factories = Sasl.getSaslServerFactories(); factories.hasMoreElements(); ) {
            implemented.addAll(Arrays.asList(factories.nextElement().getMechanismNames(null)));
        }

        // Execute
        final List<String> mechanisms = CertificateSaslProvider.mechanismsToRegister();

        // Verify
        for (String mechanism : mechanisms) {
            assertTrue(mechanism.equals("EXTERNAL") || implemented.contains(mechanism), mechanism);
        }
        assertTrue(mechanisms.containsAll(implemented));
    }

    @Test
    void mechanismsOfALeftoverFromAnEarlierLoadDoNotCount() throws Exception {
        // Setup: a provider installed by an earlier load of the plugin (its classes come from another class loader),
        // registered for a mechanism that nobody implements any more
        final ClassLoader earlierLoad = new PluginClassLoader();
        final Class<?> factoryClass = Class.forName(CertificateSaslServerFactory.class.getName(), true, earlierLoad);
        final Class<?> providerClass = Class.forName(CertificateSaslProvider.class.getName(), true, earlierLoad);
        final Class<?> installationClass = Class.forName(SaslProviderInstallation.class.getName(), true, earlierLoad);
        final List<String> earlierMechanisms = List.of("EXTERNAL", "X-BOSHCERT-GONE");
        // the six-argument constructor (getConstructors() has no defined order)
        final java.lang.reflect.Constructor<?> constructor = java.util.Arrays.stream(factoryClass.getConstructors())
            .filter(c -> c.getParameterCount() == 6).findFirst().orElseThrow();
        final Object earlierFactory = constructor.newInstance(earlierMechanisms, null, null, null, null, null);
        final Object earlierProvider = providerClass.getConstructor(factoryClass, List.class).newInstance(earlierFactory, earlierMechanisms);
        installationClass.getMethod("install", providerClass).invoke(null, earlierProvider);
        assertEquals(earlierLoad, Security.getProviders()[0].getClass().getClassLoader());

        // Execute
        final List<String> mechanisms = CertificateSaslProvider.mechanismsToRegister();

        // Verify
        assertTrue(mechanisms.contains("EXTERNAL"));
        assertFalse(mechanisms.contains("X-BOSHCERT-GONE"), mechanisms::toString);
    }

    /** Loads the plugin's own classes afresh (as Openfire's plugin class loader does on each load), the rest from the parent. */
    private static final class PluginClassLoader extends ClassLoader {
        private static final String PLUGIN_PACKAGE = "org.igniterealtime.openfire.plugin.boshcertauth.";

        PluginClassLoader() {
            super(CertificateSaslProviderTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (!name.startsWith(PLUGIN_PACKAGE)) {
                    return super.loadClass(name, resolve);
                }
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try (java.io.InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        final byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (java.io.IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }

    private SaslProviderInstallation install(List<String> mechanisms) {
        final SaslProviderInstallation provider = SaslProviderInstallation.install(new CertificateSaslProvider(bed.factory(mechanisms), mechanisms));
        installed.add(provider);
        return provider;
    }
}
