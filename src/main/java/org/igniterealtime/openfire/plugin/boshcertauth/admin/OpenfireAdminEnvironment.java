package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.BoshCertAuthPlugin;
import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.PluginStatus;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.ClusterAttempts;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.ClusterSessions;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.ClusterView;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.StoredProperties;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.DatabaseProperties;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.OpenfireServices;
import org.igniterealtime.openfire.plugin.boshcertauth.tools.ImportingTestCaKeeper;
import org.igniterealtime.openfire.plugin.boshcertauth.tools.JdbcTestCaStore;
import org.igniterealtime.openfire.plugin.boshcertauth.tools.TestCaKeeper;
import org.igniterealtime.openfire.plugin.boshcertauth.tools.TestCaStore;
import org.jivesoftware.openfire.http.HttpBindManager;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.keystore.CertificateStoreManager;
import org.jivesoftware.openfire.keystore.TrustStore;
import org.jivesoftware.openfire.spi.ConnectionType;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.util.JiveGlobals;
import org.xmpp.packet.JID;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** {@link AdminEnvironment} backed by the loaded plugin and Openfire's singletons. */
public final class OpenfireAdminEnvironment implements AdminEnvironment {

    /** Below OPENFIRE_HOME/conf, beside Openfire's own keystores. */
    static final String TEST_CA_DIRECTORY = "boshcertauth-test-ca";
    /** As long as Openfire's own truststore pages pause it (security-truststore.jsp). */
    static final Duration ADMIN_CONSOLE_RESTART_PAUSE = Duration.ofMinutes(5);

    @Override
    public Optional<PluginStatus> status() {
        return Optional.ofNullable(BoshCertAuthPlugin.instance()).map(BoshCertAuthPlugin::status);
    }

    @Override
    public boolean flushCaches() {
        final BoshCertAuthPlugin plugin = BoshCertAuthPlugin.instance();
        if (plugin == null || plugin.runtime() == null) {
            return false;
        }
        // Revocation answers first: a verdict computed in between from a stale answer would outlive the flush.
        plugin.runtime().revocation().flush();
        plugin.runtime().get().verifier().flushVerdicts();
        return true;
    }

    @Override
    public Optional<PluginRuntime> runtime() {
        return Optional.ofNullable(BoshCertAuthPlugin.instance()).map(BoshCertAuthPlugin::runtime).map(holder -> holder.get());
    }

    @Override
    public List<LoginAttempt> recentAttempts() {
        final BoshCertAuthPlugin plugin = BoshCertAuthPlugin.instance();
        return plugin == null || plugin.attempts() == null ? List.of() : plugin.attempts().recent();
    }

    @Override
    public Optional<ClusterView> clusterView() {
        final BoshCertAuthPlugin plugin = BoshCertAuthPlugin.instance();
        return plugin == null || !plugin.clustered() ? Optional.empty() : Optional.of(plugin.clusterView());
    }

    @Override
    public Optional<List<ClusterAttempts.NodeAttempt>> clusterAttempts() {
        final BoshCertAuthPlugin plugin = BoshCertAuthPlugin.instance();
        return plugin == null || !plugin.clustered() ? Optional.empty() : Optional.of(plugin.clusterAttempts());
    }

    @Override
    public StoredProperties storedProperties() {
        return DatabaseProperties.INSTANCE;
    }

    @Override
    public boolean httpsBindActive() {
        return HttpBindManager.getInstance().isHttpsBindActive();
    }

    @Override
    public Set<X509Certificate> trustedCertificates() {
        return OpenfireServices.boshTrustedCertificates();
    }

    @Override
    public Set<String> servedDomains() {
        return Set.of(OpenfireServices.domain().toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean userExists(JID jid) {
        return UserManager.getInstance().isRegisteredUser(jid, false);
    }

    @Override
    public void audit(String username, String summary, String details) {
        OpenfireServices.securityAudit(username, summary, details);
    }

    @Override
    public void beforeTruststoreChange() {
        OpenfireServices.pauseAdminConsoleRestart(ADMIN_CONSOLE_RESTART_PAUSE);
    }

    @Override
    public TrustStore boshTrustStore() {
        return OpenfireServices.boshTrustStore();
    }

    @Override
    public Optional<TruststoreLocation> boshTruststoreLocation() {
        try {
            final CertificateStoreManager stores = XMPPServer.getInstance().getCertificateStoreManager();
            final File bosh = stores.getTrustStoreConfiguration(ConnectionType.BOSH_C2S).getFile().getCanonicalFile();
            final List<String> shared = new ArrayList<>();
            for (ConnectionType other : List.of(ConnectionType.SOCKET_C2S, ConnectionType.WEBADMIN)) {
                if (stores.getTrustStoreConfiguration(other).getFile().getCanonicalFile().equals(bosh)) {
                    shared.add(other.name());
                }
            }
            return Optional.of(new TruststoreLocation(bosh.getPath(), shared));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public Path testCaDirectory() {
        final Path home = JiveGlobals.getHomePath();
        if (home == null) {
            throw new IllegalStateException("Openfire's home directory is not known");
        }
        return home.resolve("conf").resolve(TEST_CA_DIRECTORY);
    }

    /** The database (shared by every cluster node), taking over a test CA an earlier version kept in the directory. */
    @Override
    public TestCaKeeper testCaKeeper() {
        return new ImportingTestCaKeeper(new JdbcTestCaStore(OpenfireServices::databaseConnection, JdbcTestCaStore.Secrets.STORED_AS_IS),
            new TestCaStore(testCaDirectory()));
    }

    @Override
    public boolean testCaClusterWide() {
        return true;
    }

    @Override
    public Locale locale() {
        return JiveGlobals.getLocale();
    }

    @Override
    public List<org.igniterealtime.openfire.plugin.boshcertauth.session.LiveCertificateSession> liveSessions() {
        final BoshCertAuthPlugin plugin = BoshCertAuthPlugin.instance();
        return plugin == null || plugin.sessions() == null ? List.of() : plugin.sessions().list();
    }

    @Override
    public boolean endSession(String id, String admin) {
        final BoshCertAuthPlugin plugin = BoshCertAuthPlugin.instance();
        return plugin != null && plugin.supervisor() != null
            && plugin.supervisor().end(id, org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason.SESSION_ENDED, "by " + admin);
    }

    @Override
    public ClusterSessions.View sessionsOfEveryNode() {
        final BoshCertAuthPlugin plugin = BoshCertAuthPlugin.instance();
        return plugin == null ? ClusterSessions.View.local(List.of()) : plugin.clusterSessions();
    }

    @Override
    public ClusterSessions.EndResult endSessionOn(String nodeId, String sessionId, String admin) {
        final BoshCertAuthPlugin plugin = BoshCertAuthPlugin.instance();
        return plugin == null ? new ClusterSessions.EndResult(ClusterSessions.EndStatus.NO_ANSWER, "", nodeId)
            : plugin.endSessionOn(nodeId, sessionId, admin);
    }

    @Override
    public Optional<org.igniterealtime.openfire.plugin.boshcertauth.blocking.BlockList> blockList() {
        return Optional.ofNullable(BoshCertAuthPlugin.instance()).map(BoshCertAuthPlugin::blocks);
    }

    @Override
    public int endBlockedSessions() {
        final BoshCertAuthPlugin plugin = BoshCertAuthPlugin.instance();
        return plugin == null || plugin.supervisor() == null ? 0 : plugin.supervisor().endBlocked();
    }

    @Override
    public Optional<org.igniterealtime.openfire.plugin.boshcertauth.registration.RegisteredCertificates> registrations() {
        return Optional.ofNullable(BoshCertAuthPlugin.instance()).map(BoshCertAuthPlugin::registrations);
    }

    @Override
    public Optional<org.igniterealtime.openfire.plugin.boshcertauth.registration.CertificateManagement> certificateManagement() {
        return Optional.ofNullable(BoshCertAuthPlugin.instance()).map(BoshCertAuthPlugin::certificateManagement);
    }
}
