package org.igniterealtime.openfire.plugin.boshcertauth;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.AttemptLog;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AuditTrail;
import org.igniterealtime.openfire.plugin.boshcertauth.bosh.ClientCertificateFilter;
import org.igniterealtime.openfire.plugin.boshcertauth.request.RequestCertificateSource;
import org.igniterealtime.openfire.plugin.boshcertauth.config.ConfigurationLoader;
import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;
import org.igniterealtime.openfire.plugin.boshcertauth.config.SettingsListener;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.JettyPeerAddress;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.OpenfireIntegration;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.OpenfireSaslEnvironment;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.OpenfireServices;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateSaslServerFactory;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateTokens;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.http.HttpBindManager;
import org.jivesoftware.util.PropertyEventDispatcher;
import org.jivesoftware.util.SystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.time.Clock;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Openfire entry point and composition root: builds the plugin's runtime, attaches it to Openfire
 * ({@link OpenfireIntegration}, the one part that knows Openfire's and Jetty's internals) and detaches it again, in
 * reverse order. If an Openfire internal it needs is missing (another Openfire version), it logs one clear error,
 * installs nothing and says so on the admin page; Openfire and BOSH keep working as without the plugin.
 */
public class BoshCertAuthPlugin implements Plugin {

    private static final Logger Log = LoggerFactory.getLogger(BoshCertAuthPlugin.class);

    private static volatile BoshCertAuthPlugin instance;

    private final Clock clock = Clock.systemUTC();
    private volatile PluginStatus status = PluginStatus.notStarted();
    private AttemptLog attempts;
    private AuditTrail audit;
    private RevocationService revocation;
    private RuntimeHolder runtime;
    private SettingsListener settingsListener;
    private volatile OpenfireIntegration openfire;

    /** The loaded plugin, for the admin console servlet (null when not loaded). */
    public static BoshCertAuthPlugin instance() {
        return instance;
    }

    @Override
    public void initializePlugin(PluginManager manager, File pluginDirectory) {
        initialize(HttpBindManager::getInstance);
    }

    /**
     * The start-up, given where Openfire keeps its BOSH handlers (its HttpBindManager). Separate so that the reload
     * test can run the whole plugin against an embedded server shaped like Openfire's.
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

            final CertificateTokens tokens = new CertificateTokens();
            final ClientCertificateFilter boshFilter = new ClientCertificateFilter(runtime,
                new RequestCertificateSource(audit, clock, JettyPeerAddress.INSTANCE, "bosh"),
                OpenfireServices::boshSessionCertificates, audit, clock, runtime::reload);
            final OpenfireSaslEnvironment saslEnvironment = new OpenfireSaslEnvironment();
            openfire = OpenfireIntegration.attach(httpBindManager.get(), new OpenfireIntegration.Parts(runtime, boshFilter,
                mechanisms -> new CertificateSaslServerFactory(mechanisms, runtime, saslEnvironment, audit, clock, OpenfireServices::domain, tokens),
                new RequestCertificateSource(audit, clock, JettyPeerAddress.INSTANCE, "websocket"), tokens, audit, clock));
            status = PluginStatus.started();
            instance = this;
            Log.info("Certificate Login for Web Clients loaded: filter in front of /http-bind, SASL provider first for {}; certificate login over WebSocket (/ws) {}",
                openfire.providerMechanisms(), openfire.webSocketInstalled() ? "on" : "off");
        } catch (OpenfireIntegration.Unsupported e) {
            Log.error("Certificate Login for Web Clients is inactive: {}. Openfire keeps its own behaviour.", e.getMessage());
            status = PluginStatus.inactive(e.getMessage());
            instance = this;
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: an Openfire class or method this plugin was compiled against is missing (other version).
            Log.error("Certificate Login for Web Clients could not start and is inactive; Openfire keeps its own behaviour", e);
            teardown();
            status = PluginStatus.inactive("start-up failed: " + e);
            instance = this;
        }
    }

    @Override
    public void destroyPlugin() {
        teardown();
        instance = null;
        status = PluginStatus.notStarted();
        Log.info("Certificate Login for Web Clients unloaded");
    }

    /** The reverse of {@link #initialize}. */
    private void teardown() {
        if (openfire != null) {
            openfire.detach();
            openfire = null;
        }
        if (audit != null) {
            audit.flush(); // the counts of refusals folded in still open windows
            audit = null;
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
        final OpenfireIntegration attached = openfire;
        return attached == null ? status.with(false, false, false, false)
            : status.with(attached.filterInstalled(), attached.filterFirst(), attached.providerFirst(), attached.webSocketInstalled());
    }

    public RuntimeHolder runtime() {
        return runtime;
    }

    public AttemptLog attempts() {
        return attempts;
    }
}
