package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.tools.TestCaKeeper;
import org.igniterealtime.openfire.plugin.boshcertauth.tools.TestCaStore;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.PluginStatus;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.ClusterAttempts;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.ClusterSessions;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.ClusterView;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.StoredProperties;
import org.jivesoftware.openfire.keystore.TrustStore;
import org.xmpp.packet.JID;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What the admin page needs from the plugin and from Openfire; {@link OpenfireAdminEnvironment} is the real one. */
public interface AdminEnvironment {

    /** The plugin's health; empty when the plugin is not loaded. */
    Optional<PluginStatus> status();

    /** Forgets every cached verdict, OCSP answer and CRL; false when the plugin is not loaded. */
    boolean flushCaches();

    /** The configuration and verifier in effect; empty when the plugin is not loaded. */
    Optional<PluginRuntime> runtime();

    /** Recent certificate login attempts, newest first. */
    List<LoginAttempt> recentAttempts();

    /** Whether Openfire serves BOSH over TLS (where client certificates can be presented). */
    boolean httpsBindActive();

    /** The CAs of the BOSH client truststore. */
    Set<X509Certificate> trustedCertificates();

    /** The XMPP domains this server serves, lower case. */
    Set<String> servedDomains();

    boolean userExists(JID jid);

    /** Writes an entry to Openfire's security audit log (Server → Security Audit Viewer). */
    void audit(String username, String summary, String details);

    /**
     * Called just before the page changes a truststore: Openfire restarts its admin console when a certificate store
     * changes on disk, which would log the administrator out (and can cut the answer to this very request), so its
     * own truststore pages pause that restart first; this does the same.
     */
    void beforeTruststoreChange();

    /** Openfire's truststore for BOSH client certificates (null when Openfire has none). */
    TrustStore boshTrustStore();

    /**
     * The file the BOSH client truststore is kept in and which other Openfire connection types trust the same file
     * (with Openfire's default stores: resources/security/client.truststore, shared with TCP client connections).
     * Empty when it cannot be told.
     */
    default Optional<TruststoreLocation> boshTruststoreLocation() {
        return Optional.empty();
    }

    /**
     * @param file       the truststore file, as Openfire names it
     * @param sharedWith the other connection types that use the same file ({@code SOCKET_C2S}, {@code WEBADMIN})
     */
    record TruststoreLocation(String file, List<String> sharedWith) {
        public TruststoreLocation {
            sharedWith = List.copyOf(sharedWith);
        }
    }

    /** Where the admin page keeps its test CA: OPENFIRE_HOME/conf/boshcertauth-test-ca (outside the plugin's directory,
     *  which Openfire replaces on upgrade). */
    Path testCaDirectory();

    /**
     * Where the test CA is kept: by default the directory above (one server); Openfire's database on a real server,
     * so that every cluster node issues from and trusts the same CA ({@link #testCaClusterWide()}).
     */
    default TestCaKeeper testCaKeeper() {
        return new TestCaStore(testCaDirectory());
    }

    /** Whether {@link #testCaKeeper()} is the same for every cluster node (the database). */
    default boolean testCaClusterWide() {
        return false;
    }

    /** Openfire's admin console locale. */
    Locale locale();

    /** Every cluster member's plugin report; empty when this Openfire is not in a cluster (or the plugin is not loaded). */
    default Optional<ClusterView> clusterView() {
        return Optional.empty();
    }

    /** Every cluster node's newest login attempts, newest first; empty when this Openfire is not in a cluster. */
    default Optional<List<ClusterAttempts.NodeAttempt>> clusterAttempts() {
        return Optional.empty();
    }

    /** The properties as the (cluster-wide) database holds them; a save compares with these too. */
    default StoredProperties storedProperties() {
        return StoredProperties.NONE;
    }

    /** This node's live certificate sessions, newest first (empty when the plugin is not loaded). */
    default List<org.igniterealtime.openfire.plugin.boshcertauth.session.LiveCertificateSession> liveSessions() {
        return List.of();
    }

    /** Ends one live certificate session of this node (the client gets a stream error); false when it is gone. */
    default boolean endSession(String id, String admin) {
        return false;
    }

    /**
     * The live certificate sessions of every cluster node, each with its node, and the nodes that did not answer; when
     * not clustered, this node's ({@link #liveSessions()}).
     */
    default ClusterSessions.View sessionsOfEveryNode() {
        return ClusterSessions.View.local(liveSessions());
    }

    /** Ends the session of this stream id on that cluster node (a cluster task); not clustered: nobody to ask. */
    default ClusterSessions.EndResult endSessionOn(String nodeId, String sessionId, String admin) {
        return new ClusterSessions.EndResult(ClusterSessions.EndStatus.NO_ANSWER, "", nodeId);
    }

    /** The certificate block list; empty when the plugin is not loaded. */
    default Optional<org.igniterealtime.openfire.plugin.boshcertauth.blocking.BlockList> blockList() {
        return Optional.empty();
    }

    /** Ends this node's sessions of blocked certificates now (other nodes: at their next tick); returns how many. */
    default int endBlockedSessions() {
        return 0;
    }

    /** XEP-0257: every user's registered certificates; empty when the plugin is not loaded. */
    default Optional<org.igniterealtime.openfire.plugin.boshcertauth.registration.RegisteredCertificates> registrations() {
        return Optional.empty();
    }

    /** XEP-0257: disables and revokes registered certificates (ending their sessions); empty when the plugin is not loaded. */
    default Optional<org.igniterealtime.openfire.plugin.boshcertauth.registration.CertificateManagement> certificateManagement() {
        return Optional.empty();
    }
}
