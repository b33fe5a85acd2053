package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.registration.CertificateManagement;
import org.igniterealtime.openfire.plugin.boshcertauth.session.LiveSessionRegistry;
import org.jivesoftware.openfire.XMPPServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the XEP-0257 IQ handler with Openfire's IQRouter while the plugin is loaded, and lists
 * {@code urn:xmpp:saslcert:1} among the server's disco#info features only while the feature is enabled (IQ handlers
 * of plugins are not asked for features: Openfire's IQDiscoInfoHandler.addServerFeature is how they add one). The
 * handler itself answers service-unavailable while the feature is off, as Openfire does for an unknown namespace.
 */
public final class SaslCertInstallation {

    private static final Logger Log = LoggerFactory.getLogger(SaslCertInstallation.class);

    private final SaslCertIqHandler handler;
    private final boolean installed;
    private boolean advertised;

    private SaslCertInstallation(SaslCertIqHandler handler, boolean installed) {
        this.handler = handler;
        this.installed = installed;
    }

    /** Never throws: without Openfire's IQ router (an embedded test server) certificate management is just not offered. */
    public static SaslCertInstallation install(CertificateManagement management, LiveSessionRegistry sessions) {
        final SaslCertIqHandler handler = new SaslCertIqHandler(management, sessions);
        try {
            XMPPServer.getInstance().getIQRouter().addHandler(handler);
            return new SaslCertInstallation(handler, true);
        } catch (RuntimeException | LinkageError e) {
            Log.warn("Could not register the XEP-0257 IQ handler; in-band certificate management is not available", e);
            return new SaslCertInstallation(handler, false);
        }
    }

    /** Adds or removes the disco#info feature to match the setting. */
    public synchronized void advertise(boolean enabled) {
        if (!installed || enabled == advertised) {
            return;
        }
        try {
            if (enabled) {
                XMPPServer.getInstance().getIQDiscoInfoHandler().addServerFeature(CertificateManagement.NAMESPACE);
            } else {
                XMPPServer.getInstance().getIQDiscoInfoHandler().removeServerFeature(CertificateManagement.NAMESPACE);
            }
            advertised = enabled;
        } catch (RuntimeException | LinkageError e) {
            Log.warn("Could not {} the XEP-0257 feature in service discovery", enabled ? "add" : "remove", e);
        }
    }

    public synchronized void uninstall() {
        if (!installed) {
            return;
        }
        advertise(false);
        try {
            XMPPServer.getInstance().getIQRouter().removeHandler(handler);
        } catch (RuntimeException | LinkageError e) {
            Log.warn("Could not remove the XEP-0257 IQ handler", e);
        }
    }
}
