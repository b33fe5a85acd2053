package org.igniterealtime.openfire.plugin.boshcertauth.session;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AttemptLog;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AuditTrail;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import org.igniterealtime.openfire.plugin.boshcertauth.blocking.BlockKey;
import org.igniterealtime.openfire.plugin.boshcertauth.blocking.BlockList;
import org.igniterealtime.openfire.plugin.boshcertauth.blocking.BlockedCertificate;
import org.igniterealtime.openfire.plugin.boshcertauth.blocking.InMemoryBlockStore;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.SaslEnvironment;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.MutableClock;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestRuntimes;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

/** What ends a live certificate session at the supervisor's tick, and what does not. */
class SessionSupervisorTest {

    private static final TestPki.Issued ROOT = TestPki.rootCa("boshcertauth Sessions Test Root");
    private static final TestPki.Issued OTHER_ROOT = TestPki.rootCa("boshcertauth Sessions Other Root");
    private static final Instant NOW = Instant.now();

    private final MutableClock clock = new MutableClock(NOW);
    private final AttemptLog attempts = new AttemptLog(100);
    private final AuditTrail audit = new AuditTrail(attempts, mock(AuditTrail.SecurityAuditSink.class));
    private final LiveSessionRegistry registry = new LiveSessionRegistry();
    private final InMemoryBlockStore store = new InMemoryBlockStore();
    private final BlockList blocks = new BlockList(store);
    private final Set<String> users = new HashSet<>(Set.of("alice", "bob", "carol", "dave", "erin"));
    private final Set<String> lockedOut = new HashSet<>();
    private final AtomicReference<PluginRuntime> runtime = new AtomicReference<>();
    private final RevocationService revocation = new RevocationService();
    private SessionSupervisor supervisor;

    @AfterEach
    void tearDown() {
        revocation.close();
    }

    @BeforeEach
    void setUp() {
        trust(ROOT);
        supervisor = supervisor(SessionSupervisor.DEFAULT_VERIFICATIONS_PER_TICK);
    }

    private SessionSupervisor supervisor(int perTick) {
        final SaslEnvironment accounts = new SaslEnvironment() {
            @Override
            public Optional<org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateSaslSession> boshSession(Map<String, ?> p) {
                return Optional.empty();
            }

            @Override
            public boolean userExists(JID jid) {
                return users.contains(jid.getNode());
            }

            @Override
            public boolean accountDisabled(String username) {
                return lockedOut.contains(username);
            }
        };
        return new SessionSupervisor(registry, new SessionEnder(registry, audit, clock), runtime::get, blocks, accounts, clock, perTick);
    }

    private void trust(TestPki.Issued root) {
        runtime.set(TestRuntimes.runtime(TestRuntimes.configuration(CertificatePolicy.builder().trust(Set.of(root.certificate()))
            .domains(Set.of("localhost")).build()), revocation, clock));
    }

    private static TestPki.Issued user(String name) {
        return TestPki.certificate(name).xmppAddr(name + "@localhost").issuedBy(ROOT)
            .validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofHours(1))).build();
    }

    private RecordingHandle login(String id, TestPki.Issued certificate, Transport transport) {
        final RecordingHandle handle = new RecordingHandle();
        final List<X509Certificate> chain = certificate.chainWithoutRoot();
        final java.util.regex.Matcher cn = java.util.regex.Pattern.compile("CN=(\\w+)").matcher(certificate.certificate().getSubjectX500Principal().getName());
        final String jid = (cn.find() ? cn.group(1) : "nobody") + "@localhost";
        registry.add(LiveCertificateSession.of(id, jid, transport, "203.0.113.9", clock.instant(), "node-1", chain, handle));
        return handle;
    }

    @Test
    void aBlockedCertificatesSessionsEndAtTheNextTickWithAPolicyViolationNamingTheReason() throws Exception {
        // Setup
        final TestPki.Issued alice = user("alice");
        final RecordingHandle bosh = login("s1", alice, Transport.BOSH);
        final RecordingHandle webSocket = login("s2", alice, Transport.WEBSOCKET);
        final RecordingHandle bob = login("s3", user("bob"), Transport.BOSH);
        supervisor.tick();
        store.add(BlockedCertificate.bySha256(BlockKey.of(alice.certificate())[0], "laptop stolen", "admin", NOW));

        // Execute: the block was written by "another node" straight into the database; this node sees it at its tick
        supervisor.tick();

        // Verify
        assertEquals(List.of(SessionEnder.streamErrorText(FailureReason.CERTIFICATE_BLOCKED)), bosh.endTexts);
        assertEquals(List.of(SessionEnder.streamErrorText(FailureReason.CERTIFICATE_BLOCKED)), webSocket.endTexts);
        assertEquals(List.of(), bob.endTexts);
        assertEquals(Set.of("s3"), ids());
        final List<LoginAttempt> ends = attempts.recent().stream().filter(a -> a.stage().endsWith("-session-end")).toList();
        assertEquals(Set.of("bosh-session-end", "websocket-session-end"), Set.copyOf(ends.stream().map(LoginAttempt::stage).toList()));
        assertTrue(ends.stream().allMatch(a -> a.reason() == FailureReason.CERTIFICATE_BLOCKED && a.detail().contains("laptop stolen")
            && a.jid().equals("alice@localhost")), ends::toString);
    }

    @Test
    void endingTheSessionsOfARegisteredCertificateEndsThoseOfThatCertificateOnly() {
        // Setup: alice's registered device certificate (XEP-0257) on two transports, bob's certificate beside them
        final TestPki.Issued alice = user("alice");
        final RecordingHandle bosh = login("s1", alice, Transport.BOSH);
        final RecordingHandle webSocket = login("s2", alice, Transport.WEBSOCKET);
        final RecordingHandle bob = login("s3", user("bob"), Transport.BOSH);

        // Execute
        final int ended = supervisor.endSessionsOf(org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary.sha256(alice.certificate()),
            FailureReason.REGISTRATION_REVOKED, "revoked by alice@localhost");

        // Verify
        assertEquals(2, ended);
        assertEquals(List.of(SessionEnder.streamErrorText(FailureReason.REGISTRATION_REVOKED)), bosh.endTexts);
        assertEquals(List.of(SessionEnder.streamErrorText(FailureReason.REGISTRATION_REVOKED)), webSocket.endTexts);
        assertEquals(List.of(), bob.endTexts);
        assertEquals(Set.of("s3"), ids());
        assertTrue(attempts.recent().stream().anyMatch(a -> a.reason() == FailureReason.REGISTRATION_REVOKED && a.detail().contains("revoked by alice")));
    }

    @Test
    void aBlockByIssuerAndSerialEndsTheSessionToo() throws Exception {
        // Setup
        final TestPki.Issued alice = user("alice");
        final RecordingHandle handle = login("s1", alice, Transport.BOSH);
        final X509Certificate leaf = alice.certificate();
        store.add(BlockedCertificate.byIssuerSerial(BlockKey.ofIssuerSerial(leaf.getIssuerX500Principal().getName().toLowerCase(),
            "00" + leaf.getSerialNumber().toString(16).toUpperCase()).orElseThrow(), leaf.getIssuerX500Principal().getName(),
            leaf.getSerialNumber().toString(16), "left", "admin", NOW));

        // Execute
        supervisor.tick();

        // Verify
        assertEquals(List.of(SessionEnder.streamErrorText(FailureReason.CERTIFICATE_BLOCKED)), handle.endTexts);
    }

    @Test
    void aSessionEndsWhenItsCertificateExpiresAndNotBefore() {
        // Setup
        final RecordingHandle handle = login("s1", user("alice"), Transport.BOSH);
        clock.advance(Duration.ofMinutes(59));
        supervisor.tick();
        assertEquals(List.of(), handle.endTexts);

        // Execute
        clock.advance(Duration.ofMinutes(2));
        supervisor.tick();

        // Verify
        assertEquals(List.of(SessionEnder.streamErrorText(FailureReason.EXPIRED)), handle.endTexts);
    }

    @Test
    void aSessionEndsWhenItsCaLeavesTheTruststore() {
        // Setup
        final RecordingHandle handle = login("s1", user("alice"), Transport.WEBSOCKET);
        supervisor.tick();
        assertEquals(List.of(), handle.endTexts);

        // Execute: the truststore changed; the plugin built a new runtime from it
        trust(OTHER_ROOT);
        supervisor.tick();

        // Verify
        assertEquals(List.of(SessionEnder.streamErrorText(FailureReason.UNTRUSTED)), handle.endTexts);
    }

    @Test
    void aSessionEndsWhenItsCertificateNoLongerMapsToItsUserAfterASettingsChange() {
        // Setup (review L3): alice logged in; her certificate's identity is xmppAddr alice@localhost
        final RecordingHandle alice = login("s1", user("alice"), Transport.BOSH);
        supervisor.tick();
        assertEquals(List.of(), alice.endTexts);

        // Execute: the settings change so that the certificate's identity no longer counts (its domain is not served);
        // the chain alone is still good
        runtime.set(TestRuntimes.runtime(TestRuntimes.configuration(CertificatePolicy.builder().trust(Set.of(ROOT.certificate()))
            .domains(Set.of("example.org")).build()), revocation, clock));
        supervisor.tick();

        // Verify: ended with the reason a login would get now
        assertEquals(List.of(SessionEnder.streamErrorText(FailureReason.FOREIGN_DOMAIN)), alice.endTexts);
    }

    @Test
    void aSessionEndsWhenItsCertificateNamesAnotherUser() {
        // Setup (review L3): the session is bob's, but the certificate (now) names alice
        final TestPki.Issued namesAlice = TestPki.certificate("bob").xmppAddr("alice@localhost").issuedBy(ROOT)
            .validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofHours(1))).build();
        final RecordingHandle bob = login("s1", namesAlice, Transport.WEBSOCKET);
        final RecordingHandle carol = login("s2", user("carol"), Transport.WEBSOCKET);

        // Execute
        supervisor.tick();

        // Verify
        assertEquals(List.of(SessionEnder.streamErrorText(FailureReason.IDENTITY_NOT_CERTIFICATE_IDENTITY)), bob.endTexts);
        assertEquals(List.of(), carol.endTexts);
    }

    @Test
    void aSessionEndsWhenItsAccountIsDeletedOrLockedOut() {
        // Setup
        final RecordingHandle alice = login("s1", user("alice"), Transport.BOSH);
        final RecordingHandle bob = login("s2", user("bob"), Transport.BOSH);
        final RecordingHandle carol = login("s3", user("carol"), Transport.BOSH);
        users.remove("alice");
        lockedOut.add("bob");

        // Execute
        supervisor.tick();

        // Verify
        assertEquals(List.of(SessionEnder.streamErrorText(FailureReason.UNKNOWN_USER)), alice.endTexts);
        assertEquals(List.of(SessionEnder.streamErrorText(FailureReason.ACCOUNT_DISABLED)), bob.endTexts);
        assertEquals(List.of(), carol.endTexts);
    }

    @Test
    void fullReValidationIsBoundedPerTickAndReachesEverySessionInARoundRobin() {
        // Setup: five sessions, none of whose CA is trusted any more, two full re-validations per tick
        supervisor = supervisor(2);
        final List<RecordingHandle> handles = List.of(login("a", user("alice"), Transport.BOSH), login("b", user("bob"), Transport.BOSH),
            login("c", user("carol"), Transport.BOSH), login("d", user("dave"), Transport.BOSH), login("e", user("erin"), Transport.BOSH));
        trust(OTHER_ROOT);

        // Execute / Verify: 2, then 2 more, then the last one
        supervisor.tick();
        assertEquals(2, handles.stream().filter(h -> !h.endTexts.isEmpty()).count());
        supervisor.tick();
        assertEquals(4, handles.stream().filter(h -> !h.endTexts.isEmpty()).count());
        supervisor.tick();
        assertEquals(5, handles.stream().filter(h -> !h.endTexts.isEmpty()).count());
        assertEquals(0, registry.size());
    }

    @Test
    void sessionsOpenfireClosedAreForgottenWithoutAnEnd() {
        // Setup
        final RecordingHandle handle = login("s1", user("alice"), Transport.BOSH);
        handle.closed = true;

        // Execute
        supervisor.tick();

        // Verify
        assertEquals(0, registry.size());
        assertEquals(List.of(), handle.endTexts);
        assertTrue(attempts.recent().isEmpty());
    }

    @Test
    void anAdminEndsOneSessionAndItIsAuditedOnce() {
        // Setup
        final RecordingHandle handle = login("s1", user("alice"), Transport.BOSH);

        // Execute
        final boolean first = supervisor.end("s1", FailureReason.SESSION_ENDED, "by admin");
        final boolean second = supervisor.end("s1", FailureReason.SESSION_ENDED, "by admin");

        // Verify
        assertTrue(first);
        assertFalse(second);
        assertEquals(List.of(SessionEnder.streamErrorText(FailureReason.SESSION_ENDED)), handle.endTexts);
        assertEquals(1, attempts.recent().size());
    }

    @Test
    void aDatabaseOutageAfterTheFirstReadKeepsTheLastBlockListInEffect() throws Exception {
        // Setup
        final TestPki.Issued alice = user("alice");
        store.add(BlockedCertificate.bySha256(BlockKey.of(alice.certificate())[0], "", "admin", NOW));
        supervisor.tick();
        final RecordingHandle handle = login("s1", alice, Transport.BOSH);
        store.failing = true;

        // Execute
        supervisor.tick();

        // Verify
        assertEquals(List.of(SessionEnder.streamErrorText(FailureReason.CERTIFICATE_BLOCKED)), handle.endTexts);
    }

    private Set<String> ids() {
        final Set<String> ids = new HashSet<>();
        registry.list().forEach(s -> ids.add(s.id()));
        return ids;
    }
}
