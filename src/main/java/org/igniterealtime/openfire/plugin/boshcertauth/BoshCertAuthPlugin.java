package org.igniterealtime.openfire.plugin.boshcertauth;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.AttemptLog;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AuditTrail;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.JdbcAttemptStore;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.PersistedAttempts;
import org.igniterealtime.openfire.plugin.boshcertauth.blocking.BlockList;
import org.igniterealtime.openfire.plugin.boshcertauth.blocking.JdbcBlockStore;
import org.igniterealtime.openfire.plugin.boshcertauth.bosh.ClientCertificateFilter;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SessionSupervision;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.session.LiveCertificateSession;
import org.igniterealtime.openfire.plugin.boshcertauth.session.LiveSessionRegistry;
import org.igniterealtime.openfire.plugin.boshcertauth.session.SessionEnder;
import org.igniterealtime.openfire.plugin.boshcertauth.session.SessionSupervisor;
import org.igniterealtime.openfire.plugin.boshcertauth.request.RequestCertificateSource;
import org.igniterealtime.openfire.plugin.boshcertauth.config.ConfigurationLoader;
import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;
import org.igniterealtime.openfire.plugin.boshcertauth.config.SettingsListener;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.DirectoryLookups;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.JettyPeerAddress;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.OpenfireIntegration;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.OpenfireSaslEnvironment;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.OpenfireServices;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.OpenfireUserDirectory;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.SharedRevocationAnswers;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.OpenfireRevocationAnswerCache;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateSaslServerFactory;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateTokens;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.AdminField;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.Cluster;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.ClusterAttempts;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.ClusterSessions;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.NodeCommands;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.ClusterView;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.NodeQueries;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.NodeReport;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.SettingsReconciler;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.StoredProperties;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.DatabaseProperties;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.JiveGlobalsProperties;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.OpenfireCluster;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.AccountDeletionListener;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.OpenfireUserAccounts;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.RegistrationRefresh;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslCertInstallation;
import org.igniterealtime.openfire.plugin.boshcertauth.registration.CertificateManagement;
import org.igniterealtime.openfire.plugin.boshcertauth.registration.JdbcRegistrationStore;
import org.igniterealtime.openfire.plugin.boshcertauth.registration.RegisteredCertificates;
import org.igniterealtime.openfire.plugin.boshcertauth.registration.RegistrationLimits;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginMetadataHelper;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.http.HttpBindManager;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.OpenfireCorsHeaders;
import org.jivesoftware.util.PropertyEventDispatcher;
import org.jivesoftware.util.SystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.time.Clock;
import java.util.Optional;
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
    private PersistedAttempts persistedAttempts;
    private AuditTrail audit;
    private RevocationService revocation;
    /** The CRLs all cluster nodes share (an Openfire cache); closed after the revocation service. */
    private SharedRevocationAnswers sharedRevocationAnswers;
    private DirectoryLookups directory;
    private RuntimeHolder runtime;
    private SettingsListener settingsListener;
    private volatile OpenfireIntegration openfire;
    private volatile Cluster cluster = Cluster.SINGLE;
    private AutoCloseable clusterJoin;
    private volatile String version = "?";
    private LiveSessionRegistry sessions;
    private BlockList blocks;
    private SessionSupervisor supervisor;
    private SessionSupervision supervision;
    // XEP-0257: certificates users register themselves
    private RegisteredCertificates registrations;
    private CertificateManagement certificateManagement;
    private volatile SaslCertInstallation saslCert;
    private RegistrationRefresh registrationRefresh;
    private AccountDeletionListener accountDeletion;

    /** The loaded plugin, for the admin console servlet (null when not loaded). */
    public static BoshCertAuthPlugin instance() {
        return instance;
    }

    @Override
    public void initializePlugin(PluginManager manager, File pluginDirectory) {
        version = versionOf(this);
        initialize(HttpBindManager::getInstance, OpenfireCluster.INSTANCE, DatabaseProperties.INSTANCE, OpenfireRevocationAnswerCache::open);
    }

    /** Not clustered, no database: the reload test's embedded server. */
    void initialize(Supplier<Object> httpBindManager) {
        initialize(httpBindManager, Cluster.SINGLE, StoredProperties.NONE, () -> SharedRevocationAnswers.NONE);
    }

    /**
     * The start-up, given where Openfire keeps its BOSH handlers (its HttpBindManager), the cluster, the database and
     * the cache of revocation answers the cluster shares.
     * Separate so that the reload test can run the whole plugin against an embedded server shaped like Openfire's.
     */
    void initialize(Supplier<Object> httpBindManager, Cluster cluster, StoredProperties stored,
                    Supplier<SharedRevocationAnswers> sharedAnswers) {
        this.cluster = cluster;
        NodeQueries.register(NodeReport.QUERY, this::nodeReport);
        NodeQueries.register(ClusterAttempts.QUERY, () -> ClusterAttempts.encode(attempts == null ? List.of() : attempts.recent()));
        NodeQueries.register(ClusterSessions.QUERY, () -> ClusterSessions.encode(sessions == null ? List.of() : sessions.list()));
        NodeCommands.register(ClusterSessions.END_COMMAND, arguments -> ClusterSessions.endHere(arguments, this::endSessionHere));
        try {
            attempts = new AttemptLog(Settings.RECENT_ATTEMPTS.getValue());
            // The list as it was before a reload or restart, kept per node (by host name, stable across restarts).
            persistedAttempts = new PersistedAttempts(new JdbcAttemptStore(OpenfireServices::databaseConnection), hostName(), attempts);
            persistedAttempts.start();
            audit = new AuditTrail(attempts, OpenfireServices::securityAudit);
            sharedRevocationAnswers = sharedAnswers.get();
            revocation = new RevocationService(sharedRevocationAnswers);
            directory = new DirectoryLookups(new OpenfireUserDirectory(), clock);
            final OpenfireUserAccounts userAccounts = new OpenfireUserAccounts();
            registrations = new RegisteredCertificates(new JdbcRegistrationStore(OpenfireServices::databaseConnection),
                RegistrationLimits::fromSettings, OpenfireServices::domain, userAccounts);
            registrations.refresh();
            runtime = new RuntimeHolder(new ConfigurationLoader(OpenfireServices::boshTrustedCertificates, () -> Set.of(OpenfireServices.domain())),
                revocation, clock, configuration -> {
                    attempts.setCapacity(configuration.recentAttempts());
                    final boolean xep0257 = RegistrationLimits.fromSettings().enabled();
                    final SaslCertInstallation installed = saslCert;
                    if (installed != null) {
                        installed.advertise(xep0257);
                    }
                    // switched on: read the table again now, never log in with a list read before (review L4)
                    final RegisteredCertificates registered = registrations;
                    final SessionSupervisor supervising = supervisor;
                    if (registered != null) {
                        RegistrationRefresh.endStopped(registered.featureSwitched(xep0257), registered, supervising, "at switching XEP-0257 on");
                    }
                }, Optional.of(directory), registrations);
            settingsListener = new SettingsListener(runtime::reload);
            PropertyEventDispatcher.addListener(settingsListener);
            // A node that was starting while another changed a setting missed the change: catch up on joining.
            final SettingsReconciler reconciler = new SettingsReconciler(stored, JiveGlobalsProperties.INSTANCE,
                SettingsListener::reconciled, SettingsListener.reconciledNames());
            clusterJoin = cluster.whenJoined(reconciler::reconcile);

            final CertificateTokens tokens = new CertificateTokens();
            final ClientCertificateFilter boshFilter = new ClientCertificateFilter(runtime,
                new RequestCertificateSource(audit, clock, JettyPeerAddress.INSTANCE, "bosh"),
                OpenfireServices::boshSessionCertificates, audit, clock, runtime::reload, new OpenfireCorsHeaders());
            sessions = new LiveSessionRegistry();
            blocks = new BlockList(new JdbcBlockStore(OpenfireServices::databaseConnection));
            blocks.refresh();
            final OpenfireSaslEnvironment saslEnvironment = new OpenfireSaslEnvironment(blocks, sessions, BoshCertAuthPlugin::nodeName, clock);
            supervisor = new SessionSupervisor(sessions, new SessionEnder(sessions, audit, clock), runtime, blocks, saslEnvironment,
                clock, SessionSupervisor.DEFAULT_VERIFICATIONS_PER_TICK);
            openfire = OpenfireIntegration.attach(httpBindManager.get(), new OpenfireIntegration.Parts(runtime, boshFilter,
                mechanisms -> new CertificateSaslServerFactory(mechanisms, runtime, saslEnvironment, audit, clock, OpenfireServices::domain, tokens),
                new RequestCertificateSource(audit, clock, JettyPeerAddress.INSTANCE, "websocket"), tokens, audit, clock));
            supervision = SessionSupervision.start(supervisor);
            final SessionSupervisor ending = supervisor;
            certificateManagement = new CertificateManagement(registrations, RegistrationLimits::fromSettings, () -> runtime.get().verifier(),
                ending::endSessionsOf, OpenfireServices::domain, clock, userAccounts);
            registrationRefresh = RegistrationRefresh.start(registrations, supervisor);
            accountDeletion = AccountDeletionListener.register(certificateManagement);
            saslCert = SaslCertInstallation.install(certificateManagement, sessions);
            saslCert.advertise(RegistrationLimits.fromSettings().enabled());
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
        NodeQueries.unregister(NodeReport.QUERY);
        NodeQueries.unregister(ClusterAttempts.QUERY);
        NodeQueries.unregister(ClusterSessions.QUERY);
        NodeCommands.unregister(ClusterSessions.END_COMMAND);
        if (clusterJoin != null) {
            try {
                clusterJoin.close();
            } catch (Exception e) {
                Log.warn("Could not stop listening to cluster events", e);
            }
            clusterJoin = null;
        }
        if (supervision != null) {
            supervision.stop();
            supervision = null;
        }
        if (accountDeletion != null) {
            accountDeletion.remove();
            accountDeletion = null;
        }
        if (registrationRefresh != null) {
            registrationRefresh.stop();
            registrationRefresh = null;
        }
        if (saslCert != null) {
            saslCert.uninstall();
            saslCert = null;
        }
        if (sessions != null) {
            sessions.clear();
        }
        if (openfire != null) {
            openfire.detach();
            openfire = null;
        }
        if (audit != null) {
            audit.flush(); // the counts of refusals folded in still open windows
            audit = null;
        }
        if (persistedAttempts != null) {
            persistedAttempts.close(); // the last changes, so that a reload or restart finds them
            persistedAttempts = null;
        }
        if (settingsListener != null) {
            PropertyEventDispatcher.removeListener(settingsListener);
            settingsListener = null;
        }
        if (revocation != null) {
            revocation.close();
            revocation = null;
        }
        if (sharedRevocationAnswers != null) {
            sharedRevocationAnswers.close();
            sharedRevocationAnswers = null;
        }
        if (directory != null) {
            directory.close();
            directory = null;
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

    /** Every cluster member's report side by side (this node alone when not clustered). */
    public ClusterView clusterView() {
        final Cluster c = cluster;
        return ClusterView.of(c.localNode(), c.members(), c.ask(NodeReport.QUERY));
    }

    /** Every member's newest attempts with the member's host name, newest first. */
    public List<ClusterAttempts.NodeAttempt> clusterAttempts() {
        final Cluster c = cluster;
        return ClusterAttempts.merge(c.ask(ClusterAttempts.QUERY), c.members());
    }

    /** The live certificate sessions of every member (this node's alone when not clustered), each with its node. */
    public ClusterSessions.View clusterSessions() {
        final Cluster c = cluster;
        if (!c.clustered()) {
            return ClusterSessions.View.local(sessions == null ? List.of() : sessions.list());
        }
        return ClusterSessions.merge(c.localNode(), c.members(), c.ask(ClusterSessions.QUERY), true);
    }

    /** Ends the session of this id on that member (the admin page's "end session" on another node's row). */
    public ClusterSessions.EndResult endSessionOn(String nodeId, String sessionId, String admin) {
        final Cluster c = cluster;
        final Map<String, String> members = c.members();
        return ClusterSessions.endResult(c.tell(nodeId, ClusterSessions.END_COMMAND,
            ClusterSessions.endArguments(sessionId, admin, members.getOrDefault(c.localNode(), c.localNode()))), members.getOrDefault(nodeId, nodeId));
    }

    /** {@link ClusterSessions#END_COMMAND} on this node: ends the session, gives its JID (empty: not open here). */
    private Optional<String> endSessionHere(String sessionId, String detail) {
        final LiveSessionRegistry registry = sessions;
        final SessionSupervisor ender = supervisor;
        if (registry == null || ender == null) {
            return Optional.empty();
        }
        final Optional<String> jid = registry.find(sessionId).map(LiveCertificateSession::jid);
        if (jid.isEmpty() || !ender.end(sessionId, FailureReason.SESSION_ENDED, detail)) {
            return Optional.empty();
        }
        Log.info("The certificate session {} of {} was ended {}", sessionId, jid.get(), detail);
        return jid;
    }

    public boolean clustered() {
        return cluster.clustered();
    }

    /** This node's answer to {@link NodeReport#QUERY}. */
    private Map<String, String> nodeReport() {
        final PluginStatus s = status();
        final Map<String, String> settings = new TreeMap<>();
        AdminField.ALL.forEach(f -> settings.put(f.key(), f.currentValue()));
        return NodeReport.of(version, s.active(), s.filterInstalled(), s.providerFirst(), s.webSocket(),
            OpenfireServices.boshTrustedCertificates(), settings);
    }

    private static String versionOf(Plugin plugin) {
        try {
            return PluginMetadataHelper.getVersion(plugin).getVersionString();
        } catch (RuntimeException | LinkageError e) {
            return "?";
        }
    }

    /** This node's live certificate sessions (null when not started). */
    public LiveSessionRegistry sessions() {
        return sessions;
    }

    /** The block list (null when not started). */
    public BlockList blocks() {
        return blocks;
    }

    /** The certificates users registered (XEP-0257; admin page); null when not started. */
    public RegisteredCertificates registrations() {
        return registrations;
    }

    /** Disables and revokes registered certificates (admin page); null when not started. */
    public CertificateManagement certificateManagement() {
        return certificateManagement;
    }

    /** Ends sessions (admin page); null when not started. */
    public SessionSupervisor supervisor() {
        return supervisor;
    }

    /** This node's host name (Openfire's xmpp.fqdn; unlike the node id, the same after a restart); "" when unknown. */
    private static String hostName() {
        try {
            return String.valueOf(org.jivesoftware.openfire.XMPPServer.getInstance().getServerInfo().getHostname());
        } catch (RuntimeException | LinkageError e) {
            return "";
        }
    }

    /** This node's id for the live-session list; "" when Openfire cannot tell. */
    private static String nodeName() {
        try {
            return OpenfireServices.nodeId();
        } catch (RuntimeException | LinkageError e) {
            return "";
        }
    }
}
