package org.igniterealtime.openfire.plugin.boshcertauth;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.AttemptLog;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AuditTrail;
import org.igniterealtime.openfire.plugin.boshcertauth.bosh.BoshContextLocator;
import org.igniterealtime.openfire.plugin.boshcertauth.bosh.ClientCertificateFilter;
import org.igniterealtime.openfire.plugin.boshcertauth.bosh.FilterInstallation;
import org.igniterealtime.openfire.plugin.boshcertauth.bosh.RequestCertificateSource;
import org.igniterealtime.openfire.plugin.boshcertauth.config.ConfigurationLoader;
import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;
import org.igniterealtime.openfire.plugin.boshcertauth.config.SettingsListener;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.OpenfireSaslEnvironment;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.OpenfireServices;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.BoshSaslServerFactory;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateSaslProvider;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateTokens;
import org.igniterealtime.openfire.plugin.boshcertauth.websocket.WebSocketSupport;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.http.HttpBindManager;
import org.jivesoftware.util.PropertyEventDispatcher;
import org.jivesoftware.util.SystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Openfire entry point: wires the plugin's parts together on load and takes every one of them apart on unload, in
 * reverse order. If an Openfire internal it needs is missing (another Openfire version), it logs one clear error,
 * installs nothing and says so on the admin page; Openfire and BOSH keep working as without the plugin.
 */
public class BoshCertAuthPlugin implements Plugin {

    private static final Logger Log = LoggerFactory.getLogger(BoshCertAuthPlugin.class);
    static final String FILTER_NAME = "boshcertauth-client-certificate";
    private static final long WATCHDOG_SECONDS = 30;

    private static volatile BoshCertAuthPlugin instance;

    private final Clock clock = Clock.systemUTC();
    private volatile PluginStatus status = PluginStatus.notStarted();
    private AttemptLog attempts;
    private AuditTrail audit;
    private RevocationService revocation;
    private RuntimeHolder runtime;
    private SettingsListener settingsListener;
    private CertificateSaslProvider saslProvider;
    private FilterInstallation filter;
    private WebSocketSupport webSocket;
    private CertificateTokens tokens;
    private ScheduledExecutorService watchdog;

    /** The loaded plugin, for the admin console servlet (null when not loaded). */
    public static BoshCertAuthPlugin instance() {
        return instance;
    }

    @Override
    public void initializePlugin(PluginManager manager, File pluginDirectory) {
        initialize(HttpBindManager::getInstance);
    }

    /**
     * The start-up, given where Openfire keeps its BOSH handlers (its HttpBindManager; see BoshContextLocator). Separate
     * so that the reload test can run the whole plugin against an embedded server shaped like Openfire's.
     */
    void initialize(Supplier<Object> httpBindManager) {
        try {
            attempts = new AttemptLog(Settings.RECENT_ATTEMPTS.getValue());
            audit = new AuditTrail(attempts, OpenfireServices::securityAudit);
            revocation = new RevocationService();
            runtime = new RuntimeHolder(new ConfigurationLoader(OpenfireServices::boshTrustedCertificates, () -> Set.of(OpenfireServices.domain())),
                revocation, clock, configuration -> attempts.setCapacity(configuration.recentAttempts()));
            settingsListener = new SettingsListener(runtime::reload);
            PropertyEventDispatcher.addListener(settingsListener);

            final Object manager = httpBindManager.get();
            final BoshContextLocator.Lookup bosh = BoshContextLocator.find(manager, "/http-bind");
            if (bosh.context() == null) {
                Log.error("BOSH Client Certificate Authentication is inactive: {}. Openfire keeps its own behaviour.", bosh.problem());
                status = PluginStatus.inactive(bosh.problem());
                instance = this;
                return;
            }
            tokens = new CertificateTokens();
            installSaslProvider();

            final ClientCertificateFilter clientCertificateFilter = new ClientCertificateFilter(runtime,
                new RequestCertificateSource(audit, clock), OpenfireServices::boshSessionCertificates, audit, clock, runtime::reload);
            filter = FilterInstallation.install(bosh.context(), FILTER_NAME, clientCertificateFilter);
            // WebSocket after BOSH: when it cannot be extended it stays off (logged) and BOSH is unaffected.
            webSocket = installWebSocket(manager, tokens);

            watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
                final Thread t = new Thread(r, "boshcertauth-watchdog");
                t.setDaemon(true);
                return t;
            });
            watchdog.scheduleWithFixedDelay(this::checkInstallation, WATCHDOG_SECONDS, WATCHDOG_SECONDS, TimeUnit.SECONDS);
            status = PluginStatus.started();
            instance = this;
            Log.info("BOSH Client Certificate Authentication loaded: filter in front of /http-bind, SASL provider first for {}; certificate login over WebSocket (/ws) {}",
                saslProvider.mechanisms(), webSocket == null ? "off" : "on");
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: an Openfire class or method this plugin was compiled against is missing (other version).
            Log.error("BOSH Client Certificate Authentication could not start and is inactive; Openfire keeps its own behaviour", e);
            teardown();
            status = PluginStatus.inactive("start-up failed: " + e);
            instance = this;
        }
    }

    /**
     * In its own method and try: if Openfire's WebSocket classes are missing (another Openfire version), the JVM may
     * already fail while linking WebSocketSupport, before its own error handling runs; BOSH must stay on regardless.
     */
    private WebSocketSupport installWebSocket(Object httpBindManager, CertificateTokens tokens) {
        try {
            return WebSocketSupport.install(httpBindManager, runtime, new RequestCertificateSource(audit, clock),
                tokens, audit, clock, BoshSaslServerFactory.webSocketMechanism());
        } catch (RuntimeException | LinkageError e) {
            Log.warn("Certificate login over WebSocket is off: this Openfire's WebSocket endpoint is not the one this plugin extends ({}). BOSH is not affected.", e.toString());
            return null;
        }
    }

    /**
     * Inserts our SASL provider first, serving EXTERNAL and every mechanism other providers implement right now (so
     * that enforcement covers them), plus the internal WebSocket mechanism.
     */
    private void installSaslProvider() {
        final List<String> mechanisms = CertificateSaslProvider.mechanismsToRegister();
        final BoshSaslServerFactory factory = new BoshSaslServerFactory(mechanisms, runtime, new OpenfireSaslEnvironment(),
            audit, clock, OpenfireServices::domain, tokens);
        saslProvider = CertificateSaslProvider.install(factory, mechanisms);
    }

    /**
     * Safety net: puts the filter back if a restart of Openfire's HTTP server lost it, and the SASL provider back in
     * first place (covering mechanisms added since) if another plugin inserted a provider before it.
     */
    private void checkInstallation() {
        try {
            if (filter != null && !filter.isInstalled()) {
                Log.warn("The BOSH client certificate filter was no longer installed; installing it again");
                final FilterInstallation lost = filter;
                filter = FilterInstallation.install(lost.context(), FILTER_NAME, (javax.servlet.Filter) lost.holder().getFilter());
            }
            if (webSocket != null && !webSocket.isInstalled()) {
                Log.warn("Openfire's WebSocket servlet was replaced by something else; certificate login over WebSocket is not available until the plugin is reloaded");
            }
            if (saslProvider != null && (!saslProvider.isFirst()
                || !saslProvider.mechanisms().equals(CertificateSaslProvider.mechanismsToRegister()))) {
                Log.warn("Another security provider was inserted before ours, or SASL mechanisms changed; putting the certificate login provider first again");
                installSaslProvider();
            }
        } catch (RuntimeException e) {
            Log.warn("Installation check failed", e);
        }
    }

    @Override
    public void destroyPlugin() {
        teardown();
        instance = null;
        status = PluginStatus.notStarted();
        Log.info("BOSH Client Certificate Authentication unloaded");
    }

    private void teardown() {
        if (watchdog != null) {
            watchdog.shutdownNow();
            watchdog = null;
        }
        if (webSocket != null) {
            webSocket.uninstall();
            webSocket = null;
        }
        if (filter != null) {
            filter.uninstall();
            filter = null;
        }
        if (saslProvider != null) {
            saslProvider.uninstall();
            saslProvider = null;
        }
        if (audit != null) {
            audit.flush(); // the counts of refusals folded in still open windows
        }
        if (settingsListener != null) {
            PropertyEventDispatcher.removeListener(settingsListener);
            settingsListener = null;
        }
        if (revocation != null) {
            revocation.close();
            revocation = null;
        }
        // Openfire also does this after destroyPlugin(); doing it here keeps a reload in one JVM free of leftovers.
        SystemProperty.removePropertiesForPlugin(Settings.PLUGIN_NAME);
    }

    public PluginStatus status() {
        return status.with(filter != null && filter.isInstalled(), filter != null && filter.isFirst(),
            saslProvider != null && saslProvider.isFirst(), webSocket != null && webSocket.isInstalled());
    }

    public RuntimeHolder runtime() {
        return runtime;
    }

    public AttemptLog attempts() {
        return attempts;
    }
}
