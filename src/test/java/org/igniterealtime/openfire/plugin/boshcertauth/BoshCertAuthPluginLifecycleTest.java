package org.igniterealtime.openfire.plugin.boshcertauth;

import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Handler;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateSaslProvider;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.XMPPServerInfo;
import org.jivesoftware.openfire.http.HttpBindManager;
import org.jivesoftware.openfire.keystore.CertificateStoreManager;
import org.jivesoftware.openfire.keystore.TrustStore;
import org.jivesoftware.openfire.security.SecurityAuditManager;
import org.jivesoftware.openfire.spi.ConnectionType;
import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.TaskEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

import java.lang.reflect.Field;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.security.Security;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

/**
 * The plugin's own lifecycle against mocked Openfire singletons: everything initializePlugin installs, destroyPlugin
 * removes; loading twice leaves no trace; a missing Openfire internal leaves the plugin inert, not broken.
 */
class BoshCertAuthPluginLifecycleTest {

    private MockedStatic<HttpBindManager> httpBindManagerStatic;
    private MockedStatic<XMPPServer> xmppServerStatic;
    private MockedStatic<SecurityAuditManager> auditStatic;
    private HttpBindManager httpBindManager;
    private ServletContextHandler boshContext;

    @BeforeEach
    void mockOpenfire() throws Exception {
        httpBindManager = mock(HttpBindManager.class);
        final Handler.Sequence handlerList = new Handler.Sequence();
        boshContext = new ServletContextHandler(null, "/http-bind", ServletContextHandler.SESSIONS);
        handlerList.addHandler(boshContext);
        handlerList.addHandler(new ServletContextHandler(null, "/ws", ServletContextHandler.SESSIONS));
        setHandlerList(handlerList);
        httpBindManagerStatic = mockStatic(HttpBindManager.class);
        httpBindManagerStatic.when(HttpBindManager::getInstance).thenReturn(httpBindManager);

        final XMPPServer server = mock(XMPPServer.class);
        final XMPPServerInfo info = mock(XMPPServerInfo.class);
        when(info.getXMPPDomain()).thenReturn("localhost");
        when(server.getServerInfo()).thenReturn(info);
        final CertificateStoreManager stores = mock(CertificateStoreManager.class);
        final TrustStore trustStore = mock(TrustStore.class);
        final KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        when(trustStore.getStore()).thenReturn(empty);
        when(stores.getTrustStore(ConnectionType.BOSH_C2S)).thenReturn(trustStore);
        when(server.getCertificateStoreManager()).thenReturn(stores);
        xmppServerStatic = mockStatic(XMPPServer.class);
        xmppServerStatic.when(XMPPServer::getInstance).thenReturn(server);
        auditStatic = mockStatic(SecurityAuditManager.class);
        auditStatic.when(SecurityAuditManager::getInstance).thenReturn(mock(SecurityAuditManager.class));
    }

    private void setHandlerList(Object value) throws Exception {
        final Field field = HttpBindManager.class.getDeclaredField("handlerList");
        field.setAccessible(true);
        field.set(httpBindManager, value);
    }

    @AfterEach
    void closeMocks() {
        httpBindManagerStatic.close();
        xmppServerStatic.close();
        auditStatic.close();
    }

    @Test
    void loadInstallsFilterAndProviderAndUnloadRemovesThem() throws Exception {
        // Setup
        final BoshCertAuthPlugin plugin = new BoshCertAuthPlugin();

        // Execute
        plugin.initializePlugin(null, null);
        final PluginStatus loaded = plugin.status();
        final int filtersWhileLoaded = boshContext.getServletHandler().getFilters().length;
        final Map<?, ?> watchdogWhileLoaded = Map.copyOf(scheduledTasks());
        plugin.destroyPlugin();

        // Verify
        assertTrue(loaded.active(), "status: " + loaded);
        assertTrue(loaded.filterInstalled() && loaded.filterFirst() && loaded.providerFirst(), "status: " + loaded);
        assertEquals(1, filtersWhileLoaded);
        assertEquals(0, boshContext.getServletHandler().getFilters().length);
        assertNull(Security.getProvider(CertificateSaslProvider.NAME));
        assertNull(BoshCertAuthPlugin.instance());
        assertEquals(java.util.Set.of(Duration.ofSeconds(30), Duration.ofSeconds(5)), java.util.Set.copyOf(watchdogWhileLoaded.values()),
            "one watchdog, the live-session supervisor and the XEP-0257 re-read (5 s) on Openfire's TaskEngine");
        assertEquals(3, watchdogWhileLoaded.size());
        assertTrue(scheduledTasks().isEmpty(), "watchdog cancelled on unload");
    }

    /** What the TaskEngine stand-in holds scheduled (task → period). */
    private static Map<?, ?> scheduledTasks() throws ReflectiveOperationException {
        final Field field = TaskEngine.class.getDeclaredField("scheduled");
        field.setAccessible(true);
        return (Map<?, ?>) field.get(TaskEngine.getInstance());
    }

    @Test
    void loadingTwiceInARowLeavesNoTrace() throws Exception {
        // Execute
        for (int i = 0; i < 3; i++) {
            final BoshCertAuthPlugin plugin = new BoshCertAuthPlugin();
            plugin.initializePlugin(null, null);
            assertNotNull(BoshCertAuthPlugin.instance());
            plugin.destroyPlugin();
        }

        // Verify
        assertEquals(0, boshContext.getServletHandler().getFilters().length);
        assertEquals(0, Arrays.stream(Security.getProviders()).filter(p -> p.getName().equals(CertificateSaslProvider.NAME)).count());
        assertTrue(scheduledTasks().isEmpty(), "no watchdog left scheduled");
    }

    @Test
    void settingChangesReachTheRunningPlugin() {
        // Setup
        final BoshCertAuthPlugin plugin = new BoshCertAuthPlugin();
        plugin.initializePlugin(null, null);
        final long before = plugin.runtime().get().configuration().policy().generation();

        try {
            // Execute
            JiveGlobals.setProperty("boshcertauth.certificate.min-rsa-key-bits", "3072");

            // Verify
            assertEquals(3072, plugin.runtime().get().configuration().policy().minRsaKeyBits());
            assertTrue(plugin.runtime().get().configuration().policy().generation() > before);
        } finally {
            JiveGlobals.deleteProperty("boshcertauth.certificate.min-rsa-key-bits");
            plugin.destroyPlugin();
        }
    }

    @Test
    void unloadedPluginNoLongerListensToSettings() {
        // Setup
        final BoshCertAuthPlugin plugin = new BoshCertAuthPlugin();
        plugin.initializePlugin(null, null);
        final RuntimeHolder runtime = plugin.runtime();
        plugin.destroyPlugin();
        final long generation = runtime.get().configuration().policy().generation();

        // Execute
        JiveGlobals.setProperty("boshcertauth.certificate.min-rsa-key-bits", "4096");
        JiveGlobals.deleteProperty("boshcertauth.certificate.min-rsa-key-bits");

        // Verify
        assertEquals(generation, runtime.get().configuration().policy().generation());
    }

    @Test
    void missingOpenfireInternalLeavesThePluginInert() throws Exception {
        // Setup: an Openfire whose HttpBindManager does not keep its handlers where 5.0/5.1 do
        setHandlerList(null);
        final BoshCertAuthPlugin plugin = new BoshCertAuthPlugin();

        // Execute
        plugin.initializePlugin(null, null);
        final PluginStatus status = plugin.status();
        plugin.destroyPlugin();

        // Verify
        assertFalse(status.active());
        assertTrue(status.problem().contains("not supported"), status.problem());
        assertNull(Security.getProvider(CertificateSaslProvider.NAME), "nothing installed");
        assertEquals(0, boshContext.getServletHandler().getFilters().length);
    }
}
