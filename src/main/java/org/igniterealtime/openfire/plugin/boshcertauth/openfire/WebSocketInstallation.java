package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AuditTrail;
import org.igniterealtime.openfire.plugin.boshcertauth.request.CertificateSource;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateTokens;
import org.igniterealtime.openfire.plugin.boshcertauth.websocket.WebSocketCertificateLogin;
import org.jivesoftware.openfire.net.SASLAuthentication;
import org.jivesoftware.openfire.websocket.OpenfireWebSocketServlet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * Switches certificate login over Openfire's WebSocket endpoint on (after BOSH) and off. If anything it needs of
 * Openfire is missing (another Openfire version), it stays off with one log line and BOSH is unaffected.
 */
final class WebSocketInstallation {

    private static final Logger Log = LoggerFactory.getLogger(WebSocketInstallation.class);

    private final WebSocketServletInstallation installation;
    private final String mechanism;
    private final CertificateTokens tokens;
    private final WebSocketCertificateLogin login;

    private WebSocketInstallation(WebSocketServletInstallation installation, String mechanism, CertificateTokens tokens,
                                  WebSocketCertificateLogin login) {
        this.installation = installation;
        this.login = login;
        this.mechanism = mechanism;
        this.tokens = tokens;
    }

    /** @return the installed support, or null when it stays off (logged) */
    static WebSocketInstallation install(Object httpBindManager, Supplier<PluginRuntime> runtime, CertificateSource certificates,
                                         CertificateTokens tokens, AuditTrail audit, Clock clock, String mechanism) {
        boolean mechanismAdded = false;
        try {
            final HttpBindContextLocator.Lookup ws = HttpBindContextLocator.find(httpBindManager, "/ws");
            if (ws.context() == null) {
                Log.warn("Certificate login over WebSocket is off: {}. BOSH is not affected.", ws.problem());
                return null;
            }
            SASLAuthentication.addSupportedMechanism(mechanism);
            mechanismAdded = true;
            final WebSocketCertificateLogin login = new WebSocketCertificateLogin(runtime, certificates, tokens, audit, clock,
                mechanism, () -> ensureRegistered(mechanism), WebSocketInstallation::externalEnabled, OpenfireSocketHandler::adapt);
            final WebSocketServletInstallation installation = WebSocketServletInstallation.install(ws.context(),
                OpenfireWebSocketServlet.class, new CertificateWebSocketServlet(login));
            return new WebSocketInstallation(installation, mechanism, tokens, login);
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: an Openfire class or member we declare is missing (another Openfire version).
            Log.warn("Certificate login over WebSocket is off: Openfire's WebSocket endpoint could not be extended ({}). BOSH is not affected.", e.toString());
            Log.debug("Details", e);
            if (mechanismAdded) {
                removeMechanism(mechanism);
            }
            return null;
        }
    }

    /** Openfire's SASL settings page resets its mechanism list; put ours back (called while a certificate frame is in scope). */
    private static void ensureRegistered(String mechanism) {
        if (!SASLAuthentication.getSupportedMechanisms().contains(mechanism)) {
            SASLAuthentication.addSupportedMechanism(mechanism);
        }
    }

    /**
     * Whether EXTERNAL is among Openfire's enabled SASL mechanisms. Read as Openfire reads sasl.mechs (a list
     * property), through the same reader as the rest of the plugin.
     */
    static boolean externalEnabled() {
        return SaslMechanisms.externalEnabled();
    }

    boolean isInstalled() {
        return installation.isInstalled();
    }

    /**
     * Puts Openfire's servlet back and forgets the mechanism. Replacing the servlet makes Openfire close the WebSocket
     * sessions that have bound a resource; the connections through our endpoint that are still open after that are
     * closed here (they run the plugin's classes, which go with it).
     */
    void uninstall() {
        try {
            installation.uninstall(OpenfireWebSocketServlet::new);
        } catch (RuntimeException e) {
            Log.warn("Could not put Openfire's WebSocket servlet back; restart Openfire's HTTP server or Openfire", e);
        } finally {
            final int closed = login.closeAll();
            if (closed > 0) {
                Log.info("Closed {} WebSocket connection(s) that were still negotiating through the plugin; clients reconnect", closed);
            }
            removeMechanism(mechanism);
            tokens.clear();
        }
    }

    private static void removeMechanism(String mechanism) {
        try {
            SASLAuthentication.removeSupportedMechanism(mechanism);
        } catch (RuntimeException | LinkageError e) {
            Log.warn("Could not remove the SASL mechanism {} from Openfire", mechanism, e);
        }
    }
}
