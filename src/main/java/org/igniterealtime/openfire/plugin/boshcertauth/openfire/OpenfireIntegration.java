package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AuditTrail;
import org.igniterealtime.openfire.plugin.boshcertauth.request.CertificateSource;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateSaslServerFactory;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateSaslProvider;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateTokens;
import org.jivesoftware.util.TaskEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.servlet.Filter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TimerTask;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything the plugin puts into Openfire, attached in one call and detached in reverse order: the SASL provider
 * first among the JVM's providers, the filter in front of BOSH ({@code /http-bind}), certificate login over WebSocket
 * ({@code /ws}, optional: when this Openfire's endpoint cannot be extended it stays off and BOSH is unaffected), and a
 * watchdog on Openfire's TaskEngine that puts the filter and the provider back when Openfire or another plugin
 * displaced them.
 */
public final class OpenfireIntegration {

    private static final Logger Log = LoggerFactory.getLogger(OpenfireIntegration.class);
    static final String FILTER_NAME = "boshcertauth-client-certificate";
    static final Duration WATCHDOG_PERIOD = Duration.ofSeconds(30);

    /** Openfire lacks an internal the plugin needs (another Openfire version): nothing was attached. */
    public static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String problem) {
            super(problem);
        }
    }

    /** What the plugin hands over: its parts, built from its runtime, knowing nothing of Openfire's internals. */
    public record Parts(Supplier<PluginRuntime> runtime, Filter boshFilter, Function<List<String>, CertificateSaslServerFactory> saslFactories,
                        CertificateSource certificates, CertificateTokens tokens, AuditTrail audit, Clock clock) {}

    private final Parts parts;
    private final Supplier<List<String>> mechanismsNow;
    private volatile SaslProviderInstallation provider;
    private volatile FilterInstallation filter;
    private volatile WebSocketInstallation webSocket;
    private TimerTask watchdog;

    private OpenfireIntegration(Parts parts, Supplier<List<String>> mechanismsNow) {
        this.parts = parts;
        this.mechanismsNow = mechanismsNow;
    }

    /**
     * @param httpBindManager Openfire's HttpBindManager (see {@link HttpBindContextLocator})
     * @throws Unsupported when the BOSH context cannot be found (nothing is attached then)
     */
    public static OpenfireIntegration attach(Object httpBindManager, Parts parts) {
        return attach(httpBindManager, parts, CertificateSaslProvider::mechanismsToRegister, true);
    }

    /** @param scheduleWatchdog false in tests that run {@link #check()} themselves */
    static OpenfireIntegration attach(Object httpBindManager, Parts parts, Supplier<List<String>> mechanismsNow, boolean scheduleWatchdog) {
        final HttpBindContextLocator.Lookup bosh = HttpBindContextLocator.find(httpBindManager, "/http-bind");
        if (bosh.context() == null) {
            throw new Unsupported(bosh.problem());
        }
        final OpenfireIntegration integration = new OpenfireIntegration(parts, mechanismsNow);
        try {
            integration.provider = integration.installProvider();
            integration.filter = FilterInstallation.install(bosh.context(), FILTER_NAME, parts.boshFilter());
            // WebSocket after BOSH: when it cannot be extended it stays off (logged) and BOSH is unaffected.
            integration.webSocket = installWebSocket(httpBindManager, parts);
            if (scheduleWatchdog) {
                integration.scheduleWatchdog();
            }
            return integration;
        } catch (RuntimeException | LinkageError e) {
            integration.detach();
            throw e;
        }
    }

    /**
     * In its own method and try: if Openfire's WebSocket classes are missing (another Openfire version), the JVM may
     * already fail while linking WebSocketInstallation, before its own error handling runs; BOSH must stay on regardless.
     */
    private static WebSocketInstallation installWebSocket(Object httpBindManager, Parts parts) {
        try {
            return WebSocketInstallation.install(httpBindManager, parts.runtime(), parts.certificates(), parts.tokens(),
                parts.audit(), parts.clock(), CertificateSaslServerFactory.webSocketMechanism());
        } catch (RuntimeException | LinkageError e) {
            Log.warn("Certificate login over WebSocket is off: this Openfire's WebSocket endpoint is not the one this plugin extends ({}). BOSH is not affected.", e.toString());
            return null;
        }
    }

    /**
     * Our provider first, serving EXTERNAL and every mechanism other providers implement right now (so that
     * enforcement covers them), plus the internal WebSocket mechanism.
     */
    private SaslProviderInstallation installProvider() {
        final List<String> mechanisms = mechanismsNow.get();
        return SaslProviderInstallation.install(new CertificateSaslProvider(parts.saslFactories().apply(mechanisms), mechanisms));
    }

    private void scheduleWatchdog() {
        watchdog = new TimerTask() {
            @Override
            public void run() {
                check();
            }
        };
        TaskEngine.getInstance().schedule(watchdog, WATCHDOG_PERIOD, WATCHDOG_PERIOD);
    }

    /**
     * The watchdog's round: puts the filter back if a restart of Openfire's HTTP server lost it, and the SASL provider
     * back in first place (covering mechanisms added since) if another plugin inserted a provider before it.
     */
    void check() {
        try {
            final FilterInstallation currentFilter = filter;
            if (currentFilter != null && !currentFilter.isInstalled()) {
                Log.warn("The BOSH client certificate filter was no longer installed; installing it again");
                filter = FilterInstallation.install(currentFilter.context(), FILTER_NAME, parts.boshFilter());
            }
            final WebSocketInstallation currentWebSocket = webSocket;
            if (currentWebSocket != null && !currentWebSocket.isInstalled()) {
                Log.warn("Openfire's WebSocket servlet was replaced by something else; certificate login over WebSocket is not available until the plugin is reloaded");
            }
            final SaslProviderInstallation currentProvider = provider;
            if (currentProvider == null) {
                return;
            }
            final boolean first = currentProvider.isFirst();
            final List<String> mechanisms = mechanismsNow.get();
            if (!first || !currentProvider.provider().servesExactly(mechanisms)) {
                if (!first) {
                    Log.warn("Another security provider was inserted before ours; putting the certificate login provider first again");
                } else {
                    Log.info("SASL mechanisms implemented in this JVM changed ({} now {}); registering the certificate login provider for them",
                        currentProvider.provider().mechanisms(), mechanisms);
                }
                currentProvider.uninstall(); // ours: so that the reinstall does not take it for a leftover of an earlier load
                provider = installProvider();
            }
        } catch (RuntimeException e) {
            Log.warn("Installation check failed", e);
        }
    }

    /** Takes everything out again, in reverse order; safe to call on a partly attached integration. */
    public void detach() {
        if (watchdog != null) {
            TaskEngine.getInstance().cancelScheduledTask(watchdog);
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
        if (provider != null) {
            provider.uninstall();
            provider = null;
        }
    }

    public boolean filterInstalled() {
        final FilterInstallation f = filter;
        return f != null && f.isInstalled();
    }

    public boolean filterFirst() {
        final FilterInstallation f = filter;
        return f != null && f.isFirst();
    }

    public boolean providerFirst() {
        final SaslProviderInstallation p = provider;
        return p != null && p.isFirst();
    }

    public boolean webSocketInstalled() {
        final WebSocketInstallation w = webSocket;
        return w != null && w.isInstalled();
    }

    /** The mechanisms the installed provider serves (for the start-up log line). */
    public Set<String> providerMechanisms() {
        final SaslProviderInstallation p = provider;
        return p == null ? Set.of() : p.provider().mechanisms();
    }
}
