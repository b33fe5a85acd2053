package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslProviderInstallation;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.OpenfireSaslDriver.Failed;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.OpenfireSaslDriver.Outcome;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.OpenfireSaslDriver.Success;
import org.jivesoftware.openfire.StreamID;
import org.jivesoftware.openfire.sasl.Failure;
import org.jivesoftware.openfire.session.LocalSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.security.sasl.Sasl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * boshcertauth.sasl.enforcement on Openfire's WebSocket sessions (issue 18): the same refusals, reasons and audit as
 * over BOSH. A WebSocket session is one Openfire marked with the session data "ws" (as its WebSocket stanza handler
 * does when the stream opens); the certificate is the one of the connection whose frame is being processed
 * ({@link SocketScope}). TCP sessions stay Openfire's in every mode.
 */
class WebSocketEnforcementTest {

    private SaslTestBed bed;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeEach
    void setUp() {
        bed = new SaslTestBed(MechanismEnforcement.NONE);
        installOurs(bed.factory(), List.of("EXTERNAL", "PLAIN"));
        cleanup.add(FakeSaslProvider.register("BoshCertAuthTestPlain", "PLAIN"));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
        bed.close();
    }

    @Test
    void externalOnlyRefusesAPasswordOnAWebSocketWithoutCertificate() {
        // Setup
        bed.configure(MechanismEnforcement.EXTERNAL_ONLY, RevocationMode.OFF);
        final LocalSession session = webSocketSession();

        // Execute
        final Outcome outcome = plain(session, null, "bob", "bob-secret");

        // Verify
        assertEquals(Failure.INVALID_MECHANISM, assertInstanceOf(Failed.class, outcome, () -> "got " + outcome).failure());
        final LoginAttempt attempt = onlyAttempt();
        assertEquals(FailureReason.MECHANISM_NOT_ALLOWED, attempt.reason());
        assertEquals("websocket", attempt.stage());
        assertEquals("PLAIN", attempt.mechanism());
        assertEquals(SaslTestBed.REMOTE_ADDRESS, attempt.remoteAddress());
        assertTrue(attempt.detail().contains("WebSocket"), attempt.detail());
    }

    @Test
    void externalOnlyRefusesAPasswordOnACertificateWebSocketEvenAsTheCertificatesOwnUser() {
        // Setup
        bed.configure(MechanismEnforcement.EXTERNAL_ONLY, RevocationMode.OFF);
        final LocalSession session = webSocketSession();

        // Execute
        final Outcome outcome = plain(session, certificate(SaslTestBed.ALICE), "alice", "alice-secret");

        // Verify
        assertEquals(Failure.INVALID_MECHANISM, assertInstanceOf(Failed.class, outcome, () -> "got " + outcome).failure());
        assertEquals(FailureReason.MECHANISM_NOT_ALLOWED, onlyAttempt().reason());
    }

    @Test
    void certificateIdentityRefusesAPasswordAsAnotherUserOnACertificateWebSocket() {
        // Setup: alice's certificate on the connection, bob's correct password
        bed.configure(MechanismEnforcement.CERTIFICATE_IDENTITY, RevocationMode.OFF);
        final LocalSession session = webSocketSession();

        // Execute
        final Outcome outcome = plain(session, certificate(SaslTestBed.ALICE), "bob", "bob-secret");

        // Verify
        assertEquals(Failure.NOT_AUTHORIZED, assertInstanceOf(Failed.class, outcome, () -> "got " + outcome).failure());
        final LoginAttempt attempt = onlyAttempt();
        assertEquals(FailureReason.IDENTITY_NOT_CERTIFICATE_IDENTITY, attempt.reason());
        assertEquals("bob@localhost", attempt.jid());
        assertEquals("websocket", attempt.stage());
    }

    @Test
    void certificateIdentityLetsThePasswordOfTheCertificatesOwnUserLogIn() {
        // Setup
        bed.configure(MechanismEnforcement.CERTIFICATE_IDENTITY, RevocationMode.OFF);
        final LocalSession session = webSocketSession();

        // Execute
        final Outcome outcome = plain(session, certificate(SaslTestBed.ALICE), "alice", "alice-secret");

        // Verify
        assertEquals("alice", assertInstanceOf(Success.class, outcome, () -> "got " + outcome).authorizationId());
        assertTrue(onlyAttempt().success());
    }

    @Test
    void certificateIdentityLeavesWebSocketsWithoutCertificateToOpenfire() {
        // Setup
        bed.configure(MechanismEnforcement.CERTIFICATE_IDENTITY, RevocationMode.OFF);
        final LocalSession session = webSocketSession();

        // Execute
        final Outcome outcome = plain(session, null, "bob", "bob-secret");

        // Verify: Openfire's (here the fake) PLAIN decided, nothing recorded by us
        assertEquals("bob", assertInstanceOf(Success.class, outcome, () -> "got " + outcome).authorizationId());
        assertTrue(bed.recorded().isEmpty());
    }

    @Test
    void noneLeavesEveryWebSocketToOpenfire() {
        // Setup
        bed.configure(MechanismEnforcement.NONE, RevocationMode.OFF);
        final LocalSession session = webSocketSession();

        // Execute
        final Outcome outcome = plain(session, certificate(SaslTestBed.ALICE), "bob", "bob-secret");

        // Verify
        assertEquals("bob", assertInstanceOf(Success.class, outcome, () -> "got " + outcome).authorizationId());
        assertTrue(bed.recorded().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(MechanismEnforcement.class)
    void tcpSessionsStayOpenfiresInEveryMode(MechanismEnforcement enforcement) throws Exception {
        // Setup: a socket session (no "ws" marker)
        bed.configure(enforcement, RevocationMode.OFF);
        final LocalSession tcp = mock(LocalSession.class);

        // Execute / Verify
        for (String mechanism : List.of("PLAIN", "SCRAM-SHA-1", "EXTERNAL")) {
            assertNull(bed.factory().createSaslServer(mechanism, "xmpp", SaslTestBed.DOMAIN, SaslTestBed.saslProperties(tcp), null));
        }
        assertTrue(bed.recorded().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(MechanismEnforcement.class)
    void aWebSocketsOwnExternalIsLeftToOpenfire(MechanismEnforcement enforcement) throws Exception {
        // Setup: EXTERNAL itself reaches SASL only untranslated (no certificate login on the connection): Openfire's answer
        bed.configure(enforcement, RevocationMode.OFF);
        final LocalSession session = webSocketSession();

        // Execute / Verify
        assertNull(bed.factory().createSaslServer("EXTERNAL", "xmpp", SaslTestBed.DOMAIN, SaslTestBed.saslProperties(session), null));
    }

    /** A session as Openfire's WebSocket stanza handler creates it: session data "ws" = TRUE. */
    private static LocalSession webSocketSession() {
        final LocalSession session = mock(LocalSession.class);
        final StreamID streamId = mock(StreamID.class);
        when(streamId.getID()).thenReturn("ws-stream");
        when(session.getStreamID()).thenReturn(streamId);
        when(session.isEncrypted()).thenReturn(true);
        try {
            when(session.getHostAddress()).thenReturn(SaslTestBed.REMOTE_ADDRESS);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        when(session.getSessionData("ws")).thenReturn(Boolean.TRUE);
        return session;
    }

    private static SocketCertificate certificate(org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki.Issued issued) {
        return new SocketCertificate("connection-1", SaslTestBed.REMOTE_ADDRESS, true, issued.chainWithoutRoot());
    }

    /** PLAIN through the installed providers, as Openfire runs it for a frame of this connection. */
    private static Outcome plain(LocalSession session, SocketCertificate certificate, String user, String password) {
        final OpenfireSaslDriver driver = new OpenfireSaslDriver(new HashMap<>(),
            mechanism -> Sasl.createSaslServer(mechanism, "xmpp", SaslTestBed.DOMAIN, SaslTestBed.saslProperties(session), null));
        final Map<String, Outcome> result = new HashMap<>();
        final Runnable auth = () -> result.put("outcome", driver.auth("PLAIN", FakeSaslProvider.plainResponse("", user, password)));
        if (certificate == null) {
            auth.run();
        } else {
            SocketScope.run(certificate, auth);
        }
        return result.get("outcome");
    }

    private LoginAttempt onlyAttempt() {
        final List<LoginAttempt> attempts = bed.recorded();
        assertEquals(1, attempts.size(), () -> "recorded: " + attempts);
        return attempts.get(0);
    }

    private void installOurs(CertificateSaslServerFactory factory, List<String> mechanisms) {
        final SaslProviderInstallation provider = SaslProviderInstallation.install(new CertificateSaslProvider(factory, mechanisms));
        cleanup.add(0, provider::uninstall);
    }
}
