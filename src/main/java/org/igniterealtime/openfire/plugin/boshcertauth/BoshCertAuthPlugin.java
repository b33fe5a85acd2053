package org.igniterealtime.openfire.plugin.boshcertauth;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.AttemptLog;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AuditTrail;
import org.igniterealtime.openfire.plugin.boshcertauth.bosh.BoshContextLocator;
import org.igniterealtime.openfire.plugin.boshcertauth.bosh.CertificateSource;
import org.igniterealtime.openfire.plugin.boshcertauth.bosh.ClientCertificateFilter;
import org.igniterealtime.openfire.plugin.boshcertauth.bosh.FilterInstallation;
import org.igniterealtime.openfire.plugin.boshcertauth.config.ConfigurationLoader;
import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;
import org.igniterealtime.openfire.plugin.boshcertauth.config.SettingsListener;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.OpenfireSaslEnvironment;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.OpenfireServices;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.BoshSaslServerFactory;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateSaslProvider;
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

            final BoshContextLocator.Lookup bosh = BoshContextLocator.find(httpBindManager.get(), "/http-bind");
            if (bosh.context() == null) {
                Log.error("BOSH Client Certificate Authentication is inactive: {}. Openfire keeps its own behaviour.", bosh.problem());
                status = PluginStatus.inactive(bosh.problem());
                instance = this;
                return;
            }
            final List<String> mechanisms = CertificateSaslProvider.mechanismsToRegister();
            final BoshSaslServerFactory factory = new BoshSaslServerFactory(mechanisms, runtime, new OpenfireSaslEnvironment(),
                audit, clock, OpenfireServices::domain);
            saslProvider = CertificateSaslProvider.install(factory, mechanisms);

            final ClientCertificateFilter clientCertificateFilter = new ClientCertificateFilter(runtime,
                (request, rt) -> CertificateSource.fromTls(request), OpenfireServices::boshSessionCertificates, audit, clock, runtime::reload);
            filter = FilterInstallation.install(bosh.context(), FILTER_NAME, clientCertificateFilter);

            watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
                final Thread t = new Thread(r, "boshcertauth-watchdog");
                t.setDaemon(true);
                return t;
            });
            watchdog.scheduleWithFixedDelay(this::checkInstallation, WATCHDOG_SECONDS, WATCHDOG_SECONDS, TimeUnit.SECONDS);
            status = PluginStatus.started();
            instance = this;
            Log.info("BOSH Client Certificate Authentication loaded: filter in front of /http-bind, SASL provider first for {}", mechanisms);
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: an Openfire class or method this plugin was compiled against is missing (other version).
            Log.error("BOSH Client Certificate Authentication could not start and is inactive; Openfire keeps its own behaviour", e);
            teardown();
            status = PluginStatus.inactive("start-up failed: " + e);
            instance = this;
        }
    }

    /** Safety net: puts the filter back if a restart of Openfire's HTTP server lost it, and keeps the provider first. */
    private void checkInstallation() {
        try {
            if (filter != null && !filter.isInstalled()) {
                Log.warn("The BOSH client certificate filter was no longer installed; installing it again");
                final FilterInstallation lost = filter;
                filter = FilterInstallation.install(lost.context(), FILTER_NAME, (javax.servlet.Filter) lost.holder().getFilter());
            }
            if (saslProvider != null && !saslProvider.isFirst()) {
                Log.warn("Another security provider was inserted before ours; SASL EXTERNAL over BOSH may not use this plugin");
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
        if (filter != null) {
            filter.uninstall();
            filter = null;
        }
        if (saslProvider != null) {
            saslProvider.uninstall();
            saslProvider = null;
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
            saslProvider != null && saslProvider.isFirst());
    }

    public RuntimeHolder runtime() {
        return runtime;
    }

    public AttemptLog attempts() {
        return attempts;
    }
}
