package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestRuntimes;
import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AttemptLog;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AuditTrail;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.OpenfireSaslEnvironment;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationFetcher;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.jivesoftware.openfire.StreamID;
import org.jivesoftware.openfire.http.HttpSession;
import org.jivesoftware.openfire.lockout.LockOutManager;
import org.jivesoftware.openfire.session.LocalSession;
import org.jivesoftware.openfire.user.UserManager;
import org.mockito.MockedStatic;
import org.mockito.Mockito;
import org.xmpp.packet.JID;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Everything a SASL test needs, real where it is ours and mocked where it is Openfire's: a test PKI (root,
 * intermediate, client certificates with xmppAddr), the real {@link CertificateVerifier} under a strict policy, the real
 * {@link OpenfireSaslEnvironment} and audit trail, and mocks of Openfire's {@code UserManager}/{@code LockOutManager}
 * singletons (static mocks, closed by {@link #close()}) and of BOSH sessions ({@code HttpSession}).
 */
public final class SaslTestBed implements AutoCloseable {

    public static final String DOMAIN = "localhost";
    public static final String REMOTE_ADDRESS = "203.0.113.7";
    /** Openfire's SASLAuthentication.SASL_LAST_RESPONSE_WAS_PROVIDED_BUT_EMPTY. */
    public static final String EMPTY_RESPONSE_MARKER = "Sasl.last-response-was-provided-but-empty";
    /** The key under which Openfire passes the session to SASL server factories. */
    public static final String SESSION_PROPERTY = LocalSession.class.getCanonicalName();

    public static final TestPki.Issued ROOT = TestPki.rootCa("boshcertauth SASL Test Root");
    public static final TestPki.Issued INTERMEDIATE = TestPki.certificate("boshcertauth SASL Test Intermediate").ca().issuedBy(ROOT).build();
    public static final TestPki.Issued NO_XMPPADDR = TestPki.certificate("nobody").issuedBy(INTERMEDIATE).build();
    public static final TestPki.Issued ALICE = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(INTERMEDIATE).build();
    public static final TestPki.Issued ALICE_AND_BOB = TestPki.certificate("alice and bob")
        .xmppAddr("alice@localhost").xmppAddr("bob@localhost").issuedBy(INTERMEDIATE).build();
    public static final TestPki.Issued ALICE_EXPIRED = TestPki.certificate("alice expired").xmppAddr("alice@localhost").expired()
        .issuedBy(INTERMEDIATE).build();
    public static final TestPki.Issued ALICE_UNTRUSTED = TestPki.certificate("alice untrusted").xmppAddr("alice@localhost")
        .issuedBy(TestPki.rootCa("Some Other Root")).build();
    public static final TestPki.Issued DAVE_UNKNOWN = TestPki.certificate("dave").xmppAddr("dave@localhost").issuedBy(INTERMEDIATE).build();
    public static final TestPki.Issued LOCKED = TestPki.certificate("locked").xmppAddr("locked@localhost").issuedBy(INTERMEDIATE).build();

    public final UserManager userManager = mock(UserManager.class);
    public final LockOutManager lockOutManager = mock(LockOutManager.class);
    public final Set<String> registeredUsers = new HashSet<>(Set.of("alice", "bob", "locked"));
    public final Set<String> lockedOutUsers = new HashSet<>(Set.of("locked"));
    public final AttemptLog attempts = new AttemptLog(100);
    public final AuditTrail.SecurityAuditSink sink = mock(AuditTrail.SecurityAuditSink.class);
    public final AuditTrail audit = new AuditTrail(attempts, sink);
    public final Clock clock = Clock.systemUTC();
    private final MockedStatic<UserManager> userManagerStatic = Mockito.mockStatic(UserManager.class);
    private final MockedStatic<LockOutManager> lockOutManagerStatic = Mockito.mockStatic(LockOutManager.class);
    private final Map<HttpSession, Map<String, Object>> sessionData = new HashMap<>();
    private volatile PluginRuntime runtime;

    public SaslTestBed(MechanismEnforcement enforcement) {
        this(enforcement, RevocationMode.OFF);
    }

    public SaslTestBed(MechanismEnforcement enforcement, RevocationMode revocationMode) {
        userManagerStatic.when(UserManager::getInstance).thenReturn(userManager);
        lockOutManagerStatic.when(LockOutManager::getInstance).thenReturn(lockOutManager);
        when(userManager.isRegisteredUser(any(JID.class), anyBoolean())).thenAnswer(invocation -> {
            final JID jid = invocation.getArgument(0);
            return DOMAIN.equals(jid.getDomain()) && registeredUsers.contains(jid.getNode());
        });
        when(lockOutManager.isAccountDisabled(anyString())).thenAnswer(invocation -> lockedOutUsers.contains((String) invocation.getArgument(0)));
        configure(enforcement, revocationMode);
    }

    /** Replaces the runtime (as the plugin does when settings change). */
    public void configure(MechanismEnforcement enforcement, RevocationMode revocationMode) {
        final CertificatePolicy policy = CertificatePolicy.builder()
            .trust(Set.of(ROOT.certificate()))
            .domains(Set.of(DOMAIN))
            .revocationMode(revocationMode)
            .revocationTimeout(Duration.ofSeconds(1))
            .build();
        runtime = TestRuntimes.runtime(TestRuntimes.configuration(policy, MechanismOffer.EXTERNAL_ONLY, enforcement, true, null),
            new RevocationService(new OfflineFetcher(), 10), clock);
    }

    /** Our factory as the plugin builds it, with the real Openfire environment. */
    public CertificateSaslServerFactory factory() {
        return factory(new OpenfireSaslEnvironment(), List.of("EXTERNAL", "PLAIN"));
    }

    public CertificateSaslServerFactory factory(List<String> mechanisms) {
        return factory(new OpenfireSaslEnvironment(), mechanisms);
    }

    public CertificateSaslServerFactory factory(SaslEnvironment environment, List<String> mechanisms) {
        return new CertificateSaslServerFactory(mechanisms, () -> runtime, environment, audit, clock, () -> DOMAIN);
    }

    /** What our factory (as the plugin builds it) creates for this mechanism and session, as Openfire would ask. */
    public javax.security.sasl.SaslServer createServer(String mechanism, Object session) throws javax.security.sasl.SaslException {
        return factory().createSaslServer(mechanism, "xmpp", DOMAIN, saslProperties(session), null);
    }

    /** An encrypted BOSH session created with this chain (null: without a certificate). */
    public HttpSession boshSession(List<X509Certificate> chain) {
        return boshSession(chain, true);
    }

    public HttpSession boshSession(List<X509Certificate> chain, boolean encrypted) {
        final HttpSession session = mock(HttpSession.class);
        final Map<String, Object> data = new ConcurrentHashMap<>();
        sessionData.put(session, data);
        final StreamID streamId = mock(StreamID.class);
        when(streamId.getID()).thenReturn("stream-" + Integer.toHexString(System.identityHashCode(session)));
        when(session.getStreamID()).thenReturn(streamId);
        when(session.isEncrypted()).thenReturn(encrypted);
        try {
            when(session.getHostAddress()).thenReturn(REMOTE_ADDRESS);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        when(session.getPeerCertificates()).thenReturn(chain == null ? null : chain.toArray(new X509Certificate[0]));
        when(session.getSessionData(anyString())).thenAnswer(invocation -> data.get((String) invocation.getArgument(0)));
        return session;
    }

    /** The session data Openfire keeps for this mocked session (what setSessionData/removeSessionData change). */
    public Map<String, Object> sessionData(HttpSession session) {
        return sessionData.get(session);
    }

    /** The SASL properties Openfire's SASLAuthentication passes to Sasl.createSaslServer. */
    public static Map<String, Object> saslProperties(Object session) {
        final Map<String, Object> props = new HashMap<>();
        props.put(SESSION_PROPERTY, session);
        props.put(javax.security.sasl.Sasl.POLICY_NOANONYMOUS, "true");
        props.put("com.sun.security.sasl.digest.realm", DOMAIN);
        return props;
    }

    /** A driver that runs SASL exchanges on this session exactly as Openfire does, through our factory. */
    public OpenfireSaslDriver driver(HttpSession session) {
        final CertificateSaslServerFactory factory = factory();
        return new OpenfireSaslDriver(sessionData(session),
            mechanism -> factory.createSaslServer(mechanism, "xmpp", DOMAIN, saslProperties(session), null));
    }

    public List<LoginAttempt> recorded() {
        return attempts.recent();
    }

    @Override
    public void close() {
        userManagerStatic.close();
        lockOutManagerStatic.close();
    }

    /** Revocation transport that never reaches anything (no test goes to the network). */
    private static final class OfflineFetcher implements RevocationFetcher {
        @Override
        public byte[] get(URI uri, long maxBytes, Duration timeout) throws IOException {
            throw new IOException("offline test");
        }

        @Override
        public byte[] post(URI uri, String contentType, byte[] body, long maxBytes, Duration timeout) throws IOException {
            throw new IOException("offline test");
        }
    }
}
