package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestRuntimes;
import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AttemptLog;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AuditTrail;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.jivesoftware.openfire.sasl.Failure;
import org.jivesoftware.openfire.sasl.SaslFailureException;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

import javax.security.sasl.SaslServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The internal WebSocket mechanism as Openfire drives it: reference resolution, EXTERNAL rules, scoping, audit. */
class WebSocketExternalSaslServerTest {

    private static final TestPki.Issued CA = TestPki.rootCa("ws sasl CA");
    private static final TestPki.Issued ALICE = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(CA).build();
    private static final String MECHANISM = CertificateSaslServerFactory.webSocketMechanism();

    private final AttemptLog attempts = new AttemptLog(100);
    private final CertificateTokens tokens = new CertificateTokens();
    private final CertificateSaslServerFactory factory = factory();
    private final SocketCertificate connection = new SocketCertificate("conn-1", "192.0.2.7", true, List.of(ALICE.certificate()));

    private CertificateSaslServerFactory factory() {
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(CA.certificate())).domains(Set.of("localhost"))
            .revocationMode(RevocationMode.OFF).generation(System.nanoTime()).build();
        final PluginRuntime runtime = TestRuntimes.runtime(policy);
        final SaslEnvironment environment = new SaslEnvironment() {
            @Override public Optional<CertificateSaslSession> boshSession(Map<String, ?> saslProperties) { return Optional.empty(); }
            @Override public boolean userExists(JID jid) { return "alice".equals(jid.getNode()); }
            @Override public boolean accountDisabled(String username) { return false; }
        };
        return new CertificateSaslServerFactory(List.of("EXTERNAL", "PLAIN"), () -> runtime, environment,
            new AuditTrail(attempts, (user, summary, details) -> { }), Clock.systemUTC(), () -> "localhost", tokens);
    }

    private static byte[] payload(String token, WebSocketAuthPayload.Kind kind, String data) {
        return new WebSocketAuthPayload(token, kind, data == null ? null : data.getBytes(StandardCharsets.UTF_8)).encode();
    }

    /** Creates the server and runs its first step as Openfire does, with the connection's frame in scope (or none). */
    private SaslServer server(SocketCertificate scope) throws Exception {
        final SaslServer[] server = new SaslServer[1];
        if (scope == null) {
            server[0] = factory.createSaslServer(MECHANISM, "xmpp", "localhost", Map.of(), null);
        } else {
            SocketScope.run(scope, () -> {
                try {
                    server[0] = factory.createSaslServer(MECHANISM, "xmpp", "localhost", Map.of(), null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return server[0];
    }

    private static Failure failureOf(SaslServer server, byte[] response) {
        return assertThrows(SaslFailureException.class, () -> server.evaluateResponse(response)).getFailure();
    }

    @Test
    void referenceOfThisConnectionLogsInAsTheCertificateIdentity() throws Exception {
        final SaslServer server = server(connection);

        final byte[] result = server.evaluateResponse(payload(tokens.issue(connection), WebSocketAuthPayload.Kind.EMPTY, null));

        assertNull(result);
        assertTrue(server.isComplete());
        assertEquals("alice", server.getAuthorizationID());
        assertEquals("EXTERNAL", server.getMechanismName());
        final LoginAttempt attempt = attempts.recent().get(0);
        assertEquals("websocket", attempt.stage());
        assertEquals("192.0.2.7", attempt.remoteAddress());
        assertTrue(attempt.success(), attempt.describe());
    }

    @Test
    void xep0178RulesApply() throws Exception {
        final SaslServer matching = server(connection);
        final SaslServer other = server(connection);

        matching.evaluateResponse(payload(tokens.issue(connection), WebSocketAuthPayload.Kind.DATA, "alice@localhost"));
        final Failure failure = failureOf(other, payload(tokens.issue(connection), WebSocketAuthPayload.Kind.DATA, "bob@localhost"));

        assertTrue(matching.isComplete());
        assertEquals(Failure.INVALID_AUTHZID, failure);
        assertEquals(FailureReason.AUTHZID_MISMATCH, attempts.recent().get(0).reason());
    }

    @Test
    void noInitialResponseGetsOneEmptyChallenge() throws Exception {
        final SaslServer server = server(connection);

        final byte[] challenge = server.evaluateResponse(payload(tokens.issue(connection), WebSocketAuthPayload.Kind.NONE, null));
        server.evaluateResponse(new byte[0]);

        assertArrayEquals(new byte[0], challenge);
        assertEquals("alice", server.getAuthorizationID());
    }

    @Test
    void referenceCannotBeReused() throws Exception {
        final String token = tokens.issue(connection);
        server(connection).evaluateResponse(payload(token, WebSocketAuthPayload.Kind.EMPTY, null));

        final Failure failure = failureOf(server(connection), payload(token, WebSocketAuthPayload.Kind.EMPTY, null));

        assertEquals(Failure.NOT_AUTHORIZED, failure);
        assertEquals(FailureReason.WEBSOCKET_REFERENCE_INVALID, attempts.recent().get(0).reason());
    }

    @Test
    void referenceOfAnotherConnectionIsRefused() throws Exception {
        final SocketCertificate otherConnection = new SocketCertificate("conn-2", "192.0.2.8", true, List.of(ALICE.certificate()));
        final String othersToken = tokens.issue(otherConnection);

        final Failure failure = failureOf(server(connection), payload(othersToken, WebSocketAuthPayload.Kind.EMPTY, null));

        assertEquals(Failure.NOT_AUTHORIZED, failure);
    }

    @Test
    void clientMadeAuthsAreRefused() throws Exception {
        final Failure guessed = failureOf(server(connection), payload("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", WebSocketAuthPayload.Kind.EMPTY, null));
        final Failure garbage = failureOf(server(connection), "alice@localhost".getBytes(StandardCharsets.UTF_8));
        final Failure empty = failureOf(server(connection), new byte[0]);

        assertEquals(List.of(Failure.NOT_AUTHORIZED, Failure.NOT_AUTHORIZED, Failure.NOT_AUTHORIZED),
            List.of(guessed, garbage, empty));
    }

    @Test
    void outOfScopeTheInternalMechanismHasNoServerEvenWithAValidReference() throws Exception {
        // Setup: a reference really issued, presented where no certificate WebSocket frame is being processed (BOSH,
        // TCP, a WebSocket without a certificate): Openfire 5.1+ never asks us (OF-3273), 5.0.x does
        final String token = tokens.issue(connection);

        // Execute
        final SaslServer outOfScope = server(null);

        // Verify: no server, so Openfire answers invalid-mechanism as 5.1 does; the reference is not spent
        assertNull(outOfScope);
        assertEquals(connection, tokens.consume(token));
    }

    @Test
    void theInternalMechanismIsImplementedOnlyInScope() {
        final List<String> outside = Arrays.asList(factory.getMechanismNames(null));
        final List<String> inside = SocketScope.call(connection, () -> Arrays.asList(factory.getMechanismNames(null)));

        assertFalse(outside.contains(MECHANISM), outside.toString());
        assertTrue(inside.contains(MECHANISM), inside.toString());
        assertTrue(inside.containsAll(outside));
        assertNull(SocketScope.current(), "scope is restored");
    }

    @Test
    void payloadsRoundTripAndForeignBytesAreNotPayloads() {
        final WebSocketAuthPayload decoded = WebSocketAuthPayload.decode(payload("T", WebSocketAuthPayload.Kind.DATA, "x@y")).orElseThrow();

        assertEquals("T", decoded.token());
        assertArrayEquals("x@y".getBytes(StandardCharsets.UTF_8), decoded.data());
        assertTrue(WebSocketAuthPayload.decode("T\0=junk".getBytes(StandardCharsets.US_ASCII)).isEmpty());
        assertTrue(WebSocketAuthPayload.decode("T\0?".getBytes(StandardCharsets.US_ASCII)).isEmpty());
        assertTrue(WebSocketAuthPayload.decode("\0=".getBytes(StandardCharsets.US_ASCII)).isEmpty());
    }
}
