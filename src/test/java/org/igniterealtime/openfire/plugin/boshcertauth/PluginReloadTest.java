package org.igniterealtime.openfire.plugin.boshcertauth;

import org.eclipse.jetty.ee8.servlet.ServletHandler;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateSaslProvider;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.EmbeddedBoshServer;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.XMPPServerInfo;
import org.jivesoftware.openfire.keystore.CertificateStoreManager;
import org.jivesoftware.openfire.keystore.TrustStore;
import org.jivesoftware.openfire.spi.ConnectionType;
import org.jivesoftware.util.PropertyEventDispatcher;
import org.jivesoftware.util.SystemProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.MockedStatic;
import org.mockito.Mockito;

import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

/**
 * Loading and unloading the whole plugin ({@code initialize} — {@code initializePlugin} minus the look-up of Openfire's
 * HttpBindManager, for which an embedded server shaped like it stands in — and {@code destroyPlugin}) 50 times in one
 * JVM, each time from a fresh class loader like Openfire's PluginClassLoader (our classes from target/classes, child
 * first; Openfire, Jetty, Bouncy Castle from the parent); every tenth load also serves a BOSH session creation through
 * the filter. Openfire's singletons are mocked. After each unload nothing
 * may stay registered, and at the end the class loaders must be collectable (all but possibly the most recent, see the
 * assertion): anything still holding a plugin class (a provider, a filter holder, a listener, a thread, a ThreadLocal)
 * would leak the plugin on every reload.
 */
class PluginReloadTest {

    private static final int RELOADS = 50;
    private static final String PLUGIN_PACKAGE = "org.igniterealtime.openfire.plugin.boshcertauth.";

    private static TestPki.Issued root;
    private static TestPki.Issued alice;
    private static EmbeddedBoshServer server;

    @BeforeAll
    static void start() throws Exception {
        root = TestPki.rootCa("Reload Test Root");
        alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(root).build();
        server = new EmbeddedBoshServer(false, root.certificate());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** Openfire's PluginClassLoader in miniature: the plugin's own classes child-first, everything else from the parent. */
    private static final class PluginClassLoader extends URLClassLoader {
        PluginClassLoader(URL classes) {
            super(new URL[] { classes }, PluginReloadTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(PLUGIN_PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void fiftyReloadsLeaveNothingRegisteredAndEveryClassLoaderIsCollected() throws Exception {
        // Setup
        final URL classes = BoshCertAuthPlugin.class.getProtectionDomain().getCodeSource().getLocation();
        final ServletHandler handler = server.boshContext().getServletHandler();
        final int listenersBefore = handler.getEventListeners().size();
        final HttpClient client = server.client(alice);
        final List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        // threads other test classes of this JVM left behind (e.g. an idle revocation fetch thread) are not the reloads'
        threadsBefore = java.util.Set.copyOf(Thread.getAllStackTraces().keySet());

        // Execute
        final Object[] openfire = openfire();
        // stubOnly: a mock that records invocations keeps their stack traces, and with them the plugin's classes.
        try (MockedStatic<XMPPServer> xmppServer = mockStatic(XMPPServer.class, withSettings().stubOnly())) {
            xmppServer.when(XMPPServer::getInstance).thenReturn(openfire[0]);
            for (int i = 0; i < RELOADS; i++) {
                loaders.add(new WeakReference<>(loadUseAndUnload(classes, i % 10 == 9 ? client : null)));

                // Verify: nothing of this load is left registered
                assertNull(Security.getProvider(CertificateSaslProvider.NAME), "SASL provider removed");
                assertFalse(Arrays.stream(Security.getProviders()).anyMatch(p -> p.getClass().getClassLoader() instanceof PluginClassLoader));
                assertEquals(0, handler.getFilters() == null ? 0 : handler.getFilters().length, "filter holder removed");
                assertEquals(0, handler.getFilterMappings() == null ? 0 : handler.getFilterMappings().length, "filter mapping removed");
                assertEquals(listenersBefore, handler.getEventListeners().size(), "lifecycle listener removed");
                assertTrue(staticCollection(PropertyEventDispatcher.class, "listeners").isEmpty(), "settings listener removed");
                assertTrue(((Map<?, ?>) staticField(SystemProperty.class, "registry")).keySet().stream()
                    .noneMatch(key -> key.toString().startsWith("boshcertauth.")), "system properties unregistered");
            }
            // Mockito keeps the last invocation of a mock (for a possible stubbing), with its stack trace and so the
            // classes of the last load: make the last one the test's own.
            XMPPServer.getInstance().getServerInfo().getXMPPDomain();
        }
        Mockito.reset(openfire);
        Mockito.framework().clearInlineMocks();
        final HttpResponse<String> without = EmbeddedBoshServer.post(client, server.httpsUri(), EmbeddedBoshServer.sessionCreationBody(), Map.of());

        // Verify: BOSH is as without the plugin, and no plugin class loader is reachable any more
        assertFalse(without.body().contains("<mechanisms xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><mechanism>EXTERNAL</mechanism></mechanisms>"));
        final long collected = awaitCollected(loaders);
        final List<Integer> reachable = IntStream.range(0, RELOADS).filter(i -> loaders.get(i).get() != null).boxed().toList();
        System.out.printf("Reload: %d of %d plugin class loaders collected; still reachable: %s%n", collected, RELOADS, reachable);
        // Known and open: the most recent load's class loader (only the loader: no object of a plugin class, no thread
        // of the plugin) may stay reachable from outside the plugin until the next load. What must never happen is an
        // accumulation: every earlier load has to be gone.
        assertTrue(reachable.isEmpty() || reachable.equals(List.of(RELOADS - 1)),
            () -> "plugin class loaders still reachable after unload (leaked): loads " + reachable);
        assertTrue(awaitNoPluginThreads(), () -> "threads of the plugin still running: " + pluginThreads());
    }

    /** One load through a fresh class loader: initialize, a BOSH session creation through the filter (with a client), destroy. */
    private static ClassLoader loadUseAndUnload(URL classes, HttpClient client) throws Exception {
        final PluginClassLoader loader = new PluginClassLoader(classes);
        final Class<?> pluginClass = loader.loadClass(BoshCertAuthPlugin.class.getName());
        assertTrue(pluginClass != BoshCertAuthPlugin.class && pluginClass.getClassLoader() == loader);
        final Object plugin = pluginClass.getDeclaredConstructor().newInstance();
        final Method initialize = pluginClass.getDeclaredMethod("initialize", Supplier.class);
        initialize.setAccessible(true);
        final Supplier<Object> httpBindManager = server::httpBindManager;
        initialize.invoke(plugin, httpBindManager);
        try {
            final Object status = pluginClass.getMethod("status").invoke(plugin);
            assertTrue(status.toString().contains("active=true, problem=null, filterInstalled=true, filterFirst=true, providerFirst=true"), status::toString);
            assertEquals(1, server.boshContext().getServletHandler().getFilters().length, () -> "filter installed: " + status);
            assertTrue(Security.getProviders()[0].getName().equals(CertificateSaslProvider.NAME), "provider first");
            if (client == null) {
                return loader;
            }
            final HttpResponse<String> response = EmbeddedBoshServer.post(client, server.httpsUri(), EmbeddedBoshServer.sessionCreationBody(), Map.of());
            assertTrue(response.body().contains("<mechanisms xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><mechanism>EXTERNAL</mechanism></mechanisms>"),
                response::body);
        } finally {
            pluginClass.getMethod("destroyPlugin").invoke(plugin);
            loader.close();
        }
        return loader;
    }

    /** Openfire's singletons as far as the plugin asks them (the domain and the BOSH truststore); XMPPServer first. */
    private static Object[] openfire() throws Exception {
        final XMPPServer xmppServer = mock(XMPPServer.class, withSettings().stubOnly());
        final XMPPServerInfo info = mock(XMPPServerInfo.class, withSettings().stubOnly());
        when(info.getXMPPDomain()).thenReturn("localhost");
        when(xmppServer.getServerInfo()).thenReturn(info);
        final CertificateStoreManager stores = mock(CertificateStoreManager.class, withSettings().stubOnly());
        final TrustStore trustStore = mock(TrustStore.class, withSettings().stubOnly());
        when(trustStore.getStore()).thenReturn(TestPki.trustStore(root.certificate()));
        when(stores.getTrustStore(ConnectionType.BOSH_C2S)).thenReturn(trustStore);
        when(xmppServer.getCertificateStoreManager()).thenReturn(stores);
        return new Object[] { xmppServer, info, stores, trustStore };
    }

    /** The one place a test loops on the garbage collector: bounded, and only to give it the chance to run. */
    private static long awaitCollected(List<WeakReference<ClassLoader>> loaders) throws InterruptedException {
        long collected = 0;
        for (int attempt = 0; attempt < 40; attempt++) {
            System.gc();
            collected = loaders.stream().filter(ref -> ref.get() == null).count();
            if (collected == loaders.size()) {
                break;
            }
            Thread.sleep(250);
        }
        return collected;
    }

    private static boolean awaitNoPluginThreads() throws InterruptedException {
        for (int attempt = 0; attempt < 20 && !pluginThreads().isEmpty(); attempt++) {
            Thread.sleep(250);
        }
        return pluginThreads().isEmpty();
    }

    private static java.util.Set<Thread> threadsBefore = java.util.Set.of();

    /** The plugin's threads started since the test began (named boshcertauth-…). */
    private static List<String> pluginThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> !threadsBefore.contains(thread))
            .map(Thread::getName).filter(name -> name.startsWith("boshcertauth")).toList();
    }

    private static Object staticField(Class<?> type, String name) throws ReflectiveOperationException {
        final Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(null);
    }

    private static Collection<?> staticCollection(Class<?> type, String name) throws ReflectiveOperationException {
        return (Collection<?>) staticField(type, name);
    }
}
