package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.container.AdminConsolePlugin;
import org.jivesoftware.openfire.http.HttpBindManager;
import org.jivesoftware.openfire.http.HttpSession;
import org.jivesoftware.openfire.keystore.TrustStore;
import org.jivesoftware.openfire.security.SecurityAuditManager;
import org.jivesoftware.openfire.spi.ConnectionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.KeyStoreException;
import java.time.Duration;
import java.security.cert.X509Certificate;
import java.util.Set;

/**
 * The one place that reaches into Openfire's singletons for data (everything else of the plugin gets what it needs
 * handed in), so that tests mock Openfire here and nowhere else.
 */
public final class OpenfireServices {

    private static final Logger Log = LoggerFactory.getLogger(OpenfireServices.class);

    private OpenfireServices() {}

    /** The XMPP domain this server serves. */
    public static String domain() {
        return XMPPServer.getInstance().getServerInfo().getXMPPDomain();
    }

    /** The certificates of the truststore Openfire uses for BOSH client certificates. */
    public static Set<X509Certificate> boshTrustedCertificates() {
        final TrustStore trustStore = boshTrustStore();
        if (trustStore == null) {
            Log.warn("Openfire has no truststore for BOSH client connections: no client certificate can be trusted");
            return Set.of();
        }
        try {
            return CertificatePolicy.certificatesOf(trustStore.getStore());
        } catch (KeyStoreException e) {
            Log.warn("Could not read Openfire's BOSH client truststore: no client certificate can be trusted", e);
            return Set.of();
        }
    }

    /** The truststore Openfire uses for BOSH client certificates; null when it has none. */
    public static TrustStore boshTrustStore() {
        return XMPPServer.getInstance().getCertificateStoreManager().getTrustStore(ConnectionType.BOSH_C2S);
    }

    /**
     * Keeps Openfire from restarting its admin console for certificate-store changes during {@code pause} (what
     * Openfire's own certificate pages do before changing a store); nothing when the admin console is not loaded.
     */
    public static void pauseAdminConsoleRestart(Duration pause) {
        XMPPServer.getInstance().getPluginManager().getPluginByCanonicalName("admin")
            .filter(AdminConsolePlugin.class::isInstance)
            .ifPresent(plugin -> ((AdminConsolePlugin) plugin).pauseAutoRestartEnabled(pause));
    }

    /** The chain the BOSH session with this id was created with; null when there is no such session. */
    public static X509Certificate[] boshSessionCertificates(String sessionId) {
        final HttpSession session = HttpBindManager.getInstance().getSessionManager().getSession(sessionId);
        return session == null ? null : session.getPeerCertificates();
    }

    /** This cluster node's id (Openfire's NodeID; a standalone server has one too). */
    public static String nodeId() {
        return String.valueOf(XMPPServer.getInstance().getNodeID());
    }

    /** A connection from Openfire's pool (closing it returns it), for the plugin's own tables. */
    public static java.sql.Connection databaseConnection() throws java.sql.SQLException {
        return org.jivesoftware.database.DbConnectionManager.getConnection();
    }

    /** Openfire's security audit log (Server → Security Audit Viewer). */
    public static void securityAudit(String username, String summary, String details) {
        SecurityAuditManager.getInstance().logEvent(username, summary, details);
    }
}
