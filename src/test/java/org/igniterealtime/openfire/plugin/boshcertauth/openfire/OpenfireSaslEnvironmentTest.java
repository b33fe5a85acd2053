package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateSaslSession;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.jivesoftware.openfire.StreamID;
import org.jivesoftware.openfire.http.HttpSession;
import org.jivesoftware.openfire.lockout.LockOutManager;
import org.jivesoftware.openfire.session.LocalSession;
import org.jivesoftware.openfire.user.UserManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import org.mockito.Mockito;
import org.xmpp.packet.JID;

import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** What the SASL layer learns from Openfire: the BOSH session behind the SASL properties, users, lock-outs. */
class OpenfireSaslEnvironmentTest {

    private static final TestPki.Issued ROOT = TestPki.rootCa("environment test root");
    private static final TestPki.Issued ALICE = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(ROOT).build();

    private final OpenfireSaslEnvironment environment = new OpenfireSaslEnvironment();
    private final Map<String, Object> sessionData = new HashMap<>();
    private HttpSession httpSession;

    @BeforeEach
    void setUp() throws UnknownHostException {
        httpSession = mock(HttpSession.class);
        final StreamID streamId = mock(StreamID.class);
        when(streamId.getID()).thenReturn("abc123");
        when(httpSession.getStreamID()).thenReturn(streamId);
        when(httpSession.isEncrypted()).thenReturn(true);
        when(httpSession.getHostAddress()).thenReturn("198.51.100.9");
        when(httpSession.getPeerCertificates()).thenReturn(ALICE.chainWithoutRoot().toArray(new X509Certificate[0]));
        when(httpSession.getSessionData(Mockito.anyString())).thenAnswer(i -> sessionData.get((String) i.getArgument(0)));
    }


    @Test
    void httpSessionUnderOpenfiresKeyIsABoshSession() {
        // Setup
        final Map<String, Object> props = Map.of(LocalSession.class.getCanonicalName(), httpSession);

        // Execute
        final Optional<CertificateSaslSession> session = environment.boshSession(props);

        // Verify
        assertTrue(session.isPresent());
        assertEquals("abc123", session.get().streamId());
        assertEquals("198.51.100.9", session.get().remoteAddress());
        assertTrue(session.get().encrypted());
        assertEquals(ALICE.chainWithoutRoot(), session.get().chain());
        assertEquals(OpenfireSaslEnvironment.SESSION_PROPERTY, LocalSession.class.getCanonicalName());
    }

    @Test
    void aSessionOpenfireMarkedAsWebSocketIsAWebSocketSessionWithoutChain() throws UnknownHostException {
        // Setup: Openfire's WebSocketClientStanzaHandler sets the session data "ws" = TRUE when the stream opens
        final LocalSession ws = mock(LocalSession.class);
        final StreamID streamId = mock(StreamID.class);
        when(streamId.getID()).thenReturn("ws42");
        when(ws.getStreamID()).thenReturn(streamId);
        when(ws.isEncrypted()).thenReturn(true);
        when(ws.getHostAddress()).thenReturn("198.51.100.10");
        when(ws.getSessionData("ws")).thenReturn(Boolean.TRUE);
        final LocalSession tcp = mock(LocalSession.class);
        final LocalSession other = mock(LocalSession.class);
        when(other.getSessionData("ws")).thenReturn("yes");
        sessionData.put("ws", Boolean.TRUE);

        // Execute
        final Optional<CertificateSaslSession> session = environment.webSocketSession(Map.of(LocalSession.class.getCanonicalName(), ws));

        // Verify
        assertTrue(session.isPresent());
        assertEquals("ws42", session.get().streamId());
        assertEquals("198.51.100.10", session.get().remoteAddress());
        assertTrue(session.get().encrypted());
        assertTrue(session.get().chain().isEmpty(), "the certificate comes from the connection's frame scope, not from Openfire");
        assertFalse(environment.webSocketSession(Map.of(LocalSession.class.getCanonicalName(), tcp)).isPresent(), "TCP c2s");
        assertFalse(environment.webSocketSession(Map.of(LocalSession.class.getCanonicalName(), other)).isPresent(), "only Boolean.TRUE");
        assertFalse(environment.webSocketSession(Map.of(LocalSession.class.getCanonicalName(), httpSession)).isPresent(), "BOSH is BOSH");
        assertFalse(environment.webSocketSession(Map.of("session", ws)).isPresent());
        assertFalse(environment.webSocketSession(null).isPresent());
    }

    @Test
    void anythingElseIsNoBoshSession() {
        // Setup
        final Map<String, Object> socket = Map.of(LocalSession.class.getCanonicalName(), mock(LocalSession.class));
        final Map<String, Object> foreign = Map.of(LocalSession.class.getCanonicalName(), "session");
        final Map<String, Object> otherKey = Map.of("session", httpSession);

        // Execute / Verify
        assertTrue(environment.boshSession(socket).isEmpty());
        assertTrue(environment.boshSession(foreign).isEmpty());
        assertTrue(environment.boshSession(otherKey).isEmpty());
        assertTrue(environment.boshSession(Map.of()).isEmpty());
        assertTrue(environment.boshSession(null).isEmpty());
    }

    @Test
    void sessionWithoutCertificateHasAnEmptyChain() {
        // Setup
        when(httpSession.getPeerCertificates()).thenReturn(null);

        // Execute
        final CertificateSaslSession session = environment.boshSession(Map.of(LocalSession.class.getCanonicalName(), httpSession)).orElseThrow();

        // Verify
        assertEquals(List.of(), session.chain());
    }

    @Test
    void unknownHostAddressIsEmpty() throws UnknownHostException {
        // Setup
        when(httpSession.getHostAddress()).thenThrow(new UnknownHostException("gone"));

        // Execute
        final CertificateSaslSession session = environment.boshSession(Map.of(LocalSession.class.getCanonicalName(), httpSession)).orElseThrow();

        // Verify
        assertEquals("", session.remoteAddress());
    }

    @Test
    void emptyResponseMarkerIsReadWhenAskedNotWhenTheSessionIsLookedUp() {
        // Setup: Openfire creates the SaslServer, and only then sets or clears the marker
        final CertificateSaslSession session = environment.boshSession(Map.of(LocalSession.class.getCanonicalName(), httpSession)).orElseThrow();
        final boolean before = session.emptyResponseMarked();

        // Execute
        sessionData.put(OpenfireSaslEnvironment.EMPTY_RESPONSE_MARKER, true);
        final boolean afterSet = session.emptyResponseMarked();
        sessionData.remove(OpenfireSaslEnvironment.EMPTY_RESPONSE_MARKER);
        final boolean afterRemove = session.emptyResponseMarked();

        // Verify
        assertFalse(before);
        assertTrue(afterSet);
        assertFalse(afterRemove);
        assertEquals("Sasl.last-response-was-provided-but-empty", OpenfireSaslEnvironment.EMPTY_RESPONSE_MARKER);
    }

    @Test
    void usersAndLockOutsComeFromOpenfiresManagers() {
        // Setup
        final UserManager userManager = mock(UserManager.class);
        final LockOutManager lockOutManager = mock(LockOutManager.class);
        final JID alice = new JID("alice@localhost");
        when(userManager.isRegisteredUser(any(JID.class), anyBoolean())).thenAnswer(i -> alice.equals(i.getArgument(0)));
        when(lockOutManager.isAccountDisabled("locked")).thenReturn(true);
        try (MockedStatic<UserManager> users = Mockito.mockStatic(UserManager.class);
             MockedStatic<LockOutManager> lockOuts = Mockito.mockStatic(LockOutManager.class)) {
            users.when(UserManager::getInstance).thenReturn(userManager);
            lockOuts.when(LockOutManager::getInstance).thenReturn(lockOutManager);

            // Execute / Verify
            assertTrue(environment.userExists(alice));
            assertFalse(environment.userExists(new JID("mallory@localhost")));
            assertTrue(environment.accountDisabled("locked"));
            assertFalse(environment.accountDisabled("alice"));
            environment.recordLockedOutAttempt("locked");
            verify(userManager).isRegisteredUser(eq(alice), eq(false));
            verify(lockOutManager).recordFailedLogin("locked");
        }
    }
}
