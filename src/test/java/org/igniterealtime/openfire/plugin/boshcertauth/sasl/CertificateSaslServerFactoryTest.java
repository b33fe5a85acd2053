package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.OpenfireSaslDriver.Failed;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.OpenfireSaslDriver.Outcome;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.OpenfireSaslDriver.Success;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import org.jivesoftware.openfire.http.HttpSession;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import org.jivesoftware.openfire.sasl.Failure;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import org.jivesoftware.openfire.sasl.SaslFailureException;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import org.jivesoftware.openfire.session.LocalSession;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import org.junit.jupiter.api.AfterEach;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import org.junit.jupiter.api.BeforeEach;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import org.junit.jupiter.api.Test;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import org.junit.jupiter.params.ParameterizedTest;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import org.junit.jupiter.params.provider.EnumSource;

import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import javax.security.sasl.Sasl;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import javax.security.sasl.SaslServer;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import java.util.ArrayList;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import java.util.HashMap;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import java.util.List;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import java.util.Map;

import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import static org.junit.jupiter.api.Assertions.assertFalse;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import static org.junit.jupiter.api.Assertions.assertNull;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import static org.junit.jupiter.api.Assertions.assertThrows;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import static org.mockito.ArgumentMatchers.any;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import static org.mockito.Mockito.mock;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import static org.mockito.Mockito.when;

/** Which server the factory hands out: none for other transports, and per enforcement mode for BOSH. */
class CertificateSaslServerFactoryTest {

    private static final List<String> MECHANISMS = List.of("EXTERNAL", "PLAIN", "SCRAM-SHA-1", "ANONYMOUS", "DIGEST-MD5");

    private SaslTestBed bed;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeEach
    void setUp() {
        bed = new SaslTestBed(MechanismEnforcement.NONE);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
        bed.close();
    }

    @ParameterizedTest
    @EnumSource(MechanismEnforcement.class)
    void nonBoshSessionsGetNoServerForAnyMechanism(MechanismEnforcement enforcement) throws Exception {
        // Setup: a socket session (LocalSession that is no HttpSession), a foreign object, no session at all
        bed.configure(enforcement, RevocationMode.OFF);
        final CertificateSaslServerFactory factory = bed.factory();
        final List<Map<String, ?>> nonBosh = new ArrayList<>();
        nonBosh.add(SaslTestBed.saslProperties(mock(LocalSession.class)));
        nonBosh.add(SaslTestBed.saslProperties("not a session"));
        nonBosh.add(new HashMap<>());
        nonBosh.add(null);

        for (Map<String, ?> props : nonBosh) {
            for (String mechanism : MECHANISMS) {
                // Execute
                final SaslServer server = factory.createSaslServer(mechanism, "xmpp", SaslTestBed.DOMAIN, props, null);

                // Verify
                assertNull(server, mechanism + " for " + props);
            }
        }
        assertTrue(bed.recorded().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(value = MechanismEnforcement.class, names = "NONE")
    void withoutEnforcementAnEnvironmentThatThrowsIsTreatedAsNonBosh(MechanismEnforcement enforcement) throws Exception {
        // Setup: an environment that fails, and the real environment over properties that fail; nothing is enforced,
        // so Openfire's own mechanisms decide (as for any session that is not ours)
        bed.configure(enforcement, RevocationMode.OFF);
        final SaslEnvironment broken = mock(SaslEnvironment.class);
        when(broken.boshSession(any())).thenThrow(new IllegalStateException("broken"));
        final CertificateSaslServerFactory brokenFactory = bed.factory(broken, MECHANISMS);
        final Map<String, Object> throwingProps = new HashMap<>() {
            @Override
            public Object get(Object key) {
                throw new UnsupportedOperationException("no");
            }
        };
        final CertificateSaslServerFactory realFactory = bed.factory();

        for (String mechanism : MECHANISMS) {
            // Execute / Verify
            assertNull(brokenFactory.createSaslServer(mechanism, "xmpp", SaslTestBed.DOMAIN, SaslTestBed.saslProperties(mock(LocalSession.class)), null));
            assertNull(realFactory.createSaslServer(mechanism, "xmpp", SaslTestBed.DOMAIN, throwingProps, null));
        }
    }

    @ParameterizedTest
    @EnumSource(value = MechanismEnforcement.class, names = {"EXTERNAL_ONLY", "CERTIFICATE_IDENTITY"})
    void underEnforcementASessionThatCannotBeInspectedIsRefusedNotLeftToOpenfire(MechanismEnforcement enforcement) throws Exception {
        // Setup: review L1 — the session may be a BOSH or WebSocket one that enforcement must refuse a password on;
        // "leaving it to Openfire" would offer exactly what the setting forbids
        bed.configure(enforcement, RevocationMode.OFF);
        final SaslEnvironment broken = mock(SaslEnvironment.class);
        when(broken.boshSession(any())).thenThrow(new IllegalStateException("broken"));
        final CertificateSaslServerFactory brokenFactory = bed.factory(broken, MECHANISMS);
        final Map<String, Object> throwingProps = new HashMap<>() {
            @Override
            public Object get(Object key) {
                throw new UnsupportedOperationException("no");
            }
        };
        final CertificateSaslServerFactory realFactory = bed.factory();

        for (String mechanism : MECHANISMS) {
            for (SaslServer server : new SaslServer[] {
                brokenFactory.createSaslServer(mechanism, "xmpp", SaslTestBed.DOMAIN, SaslTestBed.saslProperties(mock(LocalSession.class)), null),
                realFactory.createSaslServer(mechanism, "xmpp", SaslTestBed.DOMAIN, throwingProps, null)}) {
                assertNotNull(server, mechanism + ": no server lets the next provider (Openfire's) run it");

                // Execute
                final SaslFailureException failure = assertThrows(SaslFailureException.class,
                    () -> server.evaluateResponse(FakeSaslProvider.plainResponse("", "alice", "alice-secret").getBytes()));

                // Verify
                assertEquals(Failure.TEMPORARY_AUTH_FAILURE, failure.getFailure(), mechanism);
                assertFalse(server.isComplete());
                assertEquals(mechanism, server.getMechanismName());
            }
        }
        final List<LoginAttempt> attempts = bed.recorded();
        assertEquals(2 * MECHANISMS.size(), attempts.stream().mapToInt(LoginAttempt::count).sum(), attempts::toString); // repeats are folded
        assertTrue(attempts.stream().allMatch(a -> a.reason() == FailureReason.INTERNAL_ERROR), attempts::toString);
        assertTrue(attempts.get(0).detail().contains("could not be inspected"), attempts.get(0).detail());
    }

    @Test
    void externalIsOursForEveryBoshSessionInEveryMode() throws Exception {
        for (MechanismEnforcement enforcement : MechanismEnforcement.values()) {
            // Setup
            bed.configure(enforcement, RevocationMode.OFF);
            final HttpSession withCertificate = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
            final HttpSession withoutCertificate = bed.boshSession(null);

            // Execute
            final SaslServer first = bed.createServer("EXTERNAL", withCertificate);
            final SaslServer second = bed.createServer("EXTERNAL", withoutCertificate);

            // Verify
            assertInstanceOf(ExternalSaslServer.class, first, enforcement::name);
            assertInstanceOf(ExternalSaslServer.class, second, enforcement::name);
        }
    }

    @Test
    void noneLeavesPasswordMechanismsToOpenfire() throws Exception {
        // Setup
        final HttpSession withCertificate = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        final HttpSession withoutCertificate = bed.boshSession(null);

        for (String mechanism : List.of("PLAIN", "SCRAM-SHA-1", "ANONYMOUS")) {
            // Execute / Verify
            assertNull(bed.createServer(mechanism, withCertificate));
            assertNull(bed.createServer(mechanism, withoutCertificate));
        }
    }

    @Test
    void externalOnlyRefusesPlainWithInvalidMechanismAndAnAuditEntry() throws Exception {
        // Setup
        bed.configure(MechanismEnforcement.EXTERNAL_ONLY, RevocationMode.OFF);
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        final SaslServer server = bed.createServer("PLAIN", session);
        assertNotNull(server, "a server must be returned, or the next provider (Openfire's PLAIN) would run");

        // Execute
        final SaslFailureException failure = assertThrows(SaslFailureException.class,
            () -> server.evaluateResponse(FakeSaslProvider.plainResponse("", "alice", "alice-secret").getBytes()));

        // Verify
        assertEquals(Failure.INVALID_MECHANISM, failure.getFailure());
        assertFalse(server.isComplete());
        assertEquals("PLAIN", server.getMechanismName());
        final List<LoginAttempt> attempts = bed.recorded();
        assertEquals(1, attempts.size());
        assertEquals(FailureReason.MECHANISM_NOT_ALLOWED, attempts.get(0).reason());
        assertEquals("PLAIN", attempts.get(0).mechanism());
        assertEquals(SaslTestBed.REMOTE_ADDRESS, attempts.get(0).remoteAddress());
    }

    @Test
    void externalOnlyNamesTheCertificatesOwnReasonWhenTheSessionsCertificateIsUnusable() throws Exception {
        // Setup: issue 15 — the user has a certificate, it just cannot be used; "not allowed" would send the admin
        // off to give them one
        bed.configure(MechanismEnforcement.EXTERNAL_ONLY, RevocationMode.OFF);
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE_UNTRUSTED.chainWithoutRoot());
        final SaslServer server = bed.createServer("SCRAM-SHA-1", session);

        // Execute
        final SaslFailureException failure = assertThrows(SaslFailureException.class, () -> server.evaluateResponse(new byte[0]));

        // Verify
        assertEquals(Failure.NOT_AUTHORIZED, failure.getFailure());
        assertTrue(failure.getMessage().startsWith("UNTRUSTED: "), failure.getMessage());
        assertTrue(failure.getMessage().contains("SCRAM-SHA-1"), failure.getMessage());
        final List<LoginAttempt> attempts = bed.recorded();
        assertEquals(1, attempts.size());
        assertEquals(FailureReason.UNTRUSTED, attempts.get(0).reason());
        assertEquals("SCRAM-SHA-1", attempts.get(0).mechanism());
    }

    @Test
    void externalOnlyRefusesEvenWhenOpenfiresPlainWouldRun() {
        // Setup: through the providers, with a PLAIN provider after ours
        bed.configure(MechanismEnforcement.EXTERNAL_ONLY, RevocationMode.OFF);
        final HttpSession session = bed.boshSession(null);
        final OpenfireSaslDriver driver = installedDriver(session);

        // Execute
        final Outcome outcome = driver.auth("PLAIN", FakeSaslProvider.plainResponse("", "alice", "alice-secret"));

        // Verify
        assertEquals(Failure.INVALID_MECHANISM, assertInstanceOf(Failed.class, outcome).failure());
    }

    @Test
    void certificateIdentityLetsPlainSucceedAsTheCertificatesOwnIdentity() {
        // Setup
        bed.configure(MechanismEnforcement.CERTIFICATE_IDENTITY, RevocationMode.OFF);
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        final OpenfireSaslDriver driver = installedDriver(session);

        // Execute
        final Outcome outcome = driver.auth("PLAIN", FakeSaslProvider.plainResponse("", "alice", "alice-secret"));

        // Verify
        final Success success = assertInstanceOf(Success.class, outcome, () -> "got " + outcome);
        assertEquals("alice", success.authorizationId());
        assertEquals("PLAIN", success.mechanism());
        final List<LoginAttempt> attempts = bed.recorded();
        assertEquals(1, attempts.size());
        assertTrue(attempts.get(0).success());
        assertEquals("alice@localhost", attempts.get(0).jid());
    }

    @Test
    void certificateIdentityRefusesPlainAsAnotherUser() throws Exception {
        // Setup: alice's certificate, bob's correct password
        bed.configure(MechanismEnforcement.CERTIFICATE_IDENTITY, RevocationMode.OFF);
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        installOurs(bed.factory(), List.of("EXTERNAL", "PLAIN"));
        cleanup.add(FakeSaslProvider.register("BoshCertAuthTestPlain", "PLAIN"));
        final SaslServer server = Sasl.createSaslServer("PLAIN", "xmpp", SaslTestBed.DOMAIN, SaslTestBed.saslProperties(session), null);

        // Execute
        final SaslFailureException failure = assertThrows(SaslFailureException.class,
            () -> server.evaluateResponse(java.util.Base64.getDecoder().decode(FakeSaslProvider.plainResponse("", "bob", "bob-secret"))));

        // Verify
        assertEquals(Failure.NOT_AUTHORIZED, failure.getFailure());
        assertFalse(server.isComplete());
        assertThrows(IllegalStateException.class, server::getAuthorizationID);
        final List<LoginAttempt> attempts = bed.recorded();
        assertEquals(1, attempts.size());
        assertEquals(FailureReason.IDENTITY_NOT_CERTIFICATE_IDENTITY, attempts.get(0).reason());
        assertEquals("bob@localhost", attempts.get(0).jid());
    }

    @Test
    void certificateIdentityRefusesAnAuthzidOtherThanTheCertificatesIdentity() {
        // Setup: alice's certificate and password, but asking to act as bob
        bed.configure(MechanismEnforcement.CERTIFICATE_IDENTITY, RevocationMode.OFF);
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        final OpenfireSaslDriver driver = installedDriver(session);

        // Execute
        final Outcome outcome = driver.auth("PLAIN", FakeSaslProvider.plainResponse("bob", "alice", "alice-secret"));

        // Verify
        assertEquals(Failure.NOT_AUTHORIZED, assertInstanceOf(Failed.class, outcome).failure());
    }

    @Test
    void certificateIdentityRefusesAMechanismWhoseIdentityTheCertificateDoesNotName() {
        // Setup: another mechanism of the next provider that completes as "fake"
        bed.configure(MechanismEnforcement.CERTIFICATE_IDENTITY, RevocationMode.OFF);
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        final OpenfireSaslDriver driver = fakeMechanismDriver(session, "fake");

        // Execute
        final Outcome outcome = driver.auth("X-BOSHCERT-FAKE", "");

        // Verify
        assertEquals(Failure.NOT_AUTHORIZED, assertInstanceOf(Failed.class, outcome).failure());
    }

    @Test
    void certificateIdentityRequiresExactlyTheCertificatesUsername() {
        // Setup: a mechanism that completes as "ALICE": the same JID once prepared, but not the username Openfire
        // would be handed (Openfire would create the session for the user name as given)
        bed.configure(MechanismEnforcement.CERTIFICATE_IDENTITY, RevocationMode.OFF);
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        final OpenfireSaslDriver driver = fakeMechanismDriver(session, "ALICE");

        // Execute
        final Outcome outcome = driver.auth("X-BOSHCERT-FAKE", "");

        // Verify
        assertEquals(Failure.NOT_AUTHORIZED, assertInstanceOf(Failed.class, outcome).failure());
        assertEquals(FailureReason.IDENTITY_NOT_CERTIFICATE_IDENTITY, bed.recorded().get(0).reason());
    }

    @Test
    void certificateIdentityKeepsTheWrongPasswordAFailure() {
        // Setup
        bed.configure(MechanismEnforcement.CERTIFICATE_IDENTITY, RevocationMode.OFF);
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        final OpenfireSaslDriver driver = installedDriver(session);

        // Execute
        final Outcome outcome = driver.auth("PLAIN", FakeSaslProvider.plainResponse("", "alice", "wrong"));

        // Verify
        final Failed failed = assertInstanceOf(Failed.class, outcome);
        assertEquals(Failure.NOT_AUTHORIZED, failed.failure());
        assertTrue(bed.recorded().stream().noneMatch(LoginAttempt::success));
    }

    @Test
    void certificateIdentityLeavesSessionsWithoutCertificateToOpenfire() throws Exception {
        // Setup
        bed.configure(MechanismEnforcement.CERTIFICATE_IDENTITY, RevocationMode.OFF);
        final HttpSession session = bed.boshSession(null);
        installOurs(bed.factory(), List.of("EXTERNAL", "PLAIN"));
        cleanup.add(FakeSaslProvider.register("BoshCertAuthTestPlain", "PLAIN"));

        // Execute
        final SaslServer ours = bed.createServer("PLAIN", session);
        final SaslServer chosen = Sasl.createSaslServer("PLAIN", "xmpp", SaslTestBed.DOMAIN, SaslTestBed.saslProperties(session), null);

        // Verify: Openfire's PLAIN, unchanged (not wrapped)
        assertNull(ours);
        assertInstanceOf(FakeSaslProvider.FakePlainServer.class, chosen);
        chosen.evaluateResponse(java.util.Base64.getDecoder().decode(FakeSaslProvider.plainResponse("", "bob", "bob-secret")));
        assertEquals("bob", chosen.getAuthorizationID());
    }

    @Test
    void certificateIdentityLeavesSessionsWithAnInvalidCertificateToOpenfire() throws Exception {
        // Setup: an expired certificate names nobody, like no certificate
        bed.configure(MechanismEnforcement.CERTIFICATE_IDENTITY, RevocationMode.OFF);
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE_EXPIRED.chainWithoutRoot());
        cleanup.add(FakeSaslProvider.register("BoshCertAuthTestPlain", "PLAIN"));

        // Execute
        final SaslServer ours = bed.createServer("PLAIN", session);

        // Verify
        assertNull(ours);
    }

    @Test
    void certificateIdentityDelegatesToTheFirstOtherProviderInPreferenceOrder() {
        // Setup: after ours, two providers of X-BOSHCERT-FAKE: the first completes as alice, the second as "fake"
        bed.configure(MechanismEnforcement.CERTIFICATE_IDENTITY, RevocationMode.OFF);
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        installOurs(bed.factory(List.of("EXTERNAL", "X-BOSHCERT-FAKE")), List.of("EXTERNAL", "X-BOSHCERT-FAKE"));
        cleanup.add(FakeSaslProvider.registerAs("BoshCertAuthTestFakeFirst", "alice", "X-BOSHCERT-FAKE"));
        cleanup.add(FakeSaslProvider.registerAs("BoshCertAuthTestFakeSecond", "fake", "X-BOSHCERT-FAKE"));
        final OpenfireSaslDriver driver = throughProviders(session);

        // Execute
        final Outcome outcome = driver.auth("X-BOSHCERT-FAKE", "");

        // Verify: the first one's server ran (the second's identity would be refused as not the certificate's)
        final Success success = assertInstanceOf(Success.class, outcome, () -> "got " + outcome);
        assertEquals("alice", success.authorizationId());
    }

    @Test
    void certificateIdentityWithoutAnyOtherProviderGivesNoServer() throws Exception {
        // Setup: nobody implements PLAIN besides us
        bed.configure(MechanismEnforcement.CERTIFICATE_IDENTITY, RevocationMode.OFF);
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        installOurs(bed.factory(), List.of("EXTERNAL", "PLAIN"));

        // Execute
        final SaslServer server = Sasl.createSaslServer("PLAIN", "xmpp", SaslTestBed.DOMAIN, SaslTestBed.saslProperties(session), null);

        // Verify
        assertNull(server);
    }

    /** Ours first and, after it, a provider whose X-BOSHCERT-FAKE succeeds at once as {@code authorizationId}. */
    private OpenfireSaslDriver fakeMechanismDriver(HttpSession session, String authorizationId) {
        installOurs(bed.factory(List.of("EXTERNAL", "X-BOSHCERT-FAKE")), List.of("EXTERNAL", "X-BOSHCERT-FAKE"));
        cleanup.add(FakeSaslProvider.registerAs("BoshCertAuthTestFake", authorizationId, "X-BOSHCERT-FAKE"));
        return throughProviders(session);
    }

    /** Openfire's handling with the server chosen by Sasl.createSaslServer, i.e. through the installed providers. */
    private OpenfireSaslDriver throughProviders(HttpSession session) {
        return new OpenfireSaslDriver(bed.sessionData(session),
            mechanism -> Sasl.createSaslServer(mechanism, "xmpp", SaslTestBed.DOMAIN, SaslTestBed.saslProperties(session), null));
    }

    private OpenfireSaslDriver installedDriver(HttpSession session) {
        installOurs(bed.factory(), List.of("EXTERNAL", "PLAIN"));
        cleanup.add(FakeSaslProvider.register("BoshCertAuthTestPlain", "PLAIN"));
        return throughProviders(session);
    }

    private void installOurs(CertificateSaslServerFactory factory, List<String> mechanisms) {
        final SaslProviderInstallation provider = SaslProviderInstallation.install(new CertificateSaslProvider(factory, mechanisms));
        cleanup.add(0, provider::uninstall);
    }
}
