package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.igniterealtime.openfire.plugin.boshcertauth.sasl.OpenfireSaslDriver.Challenge;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.OpenfireSaslDriver.Failed;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.OpenfireSaslDriver.Outcome;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.OpenfireSaslDriver.Success;
import org.jivesoftware.openfire.http.HttpSession;
import org.jivesoftware.openfire.sasl.Failure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.security.sasl.SaslServer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shape of the EXTERNAL exchange as Openfire drives it (RFC 6120 §6.4.2): no initial response → exactly one empty
 * challenge; "=" → done at once; never a second challenge.
 */
class ExternalExchangeTest {

    private SaslTestBed bed;

    @BeforeEach
    void setUp() {
        bed = new SaslTestBed(MechanismEnforcement.NONE);
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    @Test
    void stropheSendsAuthWithoutTextAndGetsOneEmptyChallenge() throws Exception {
        // Setup
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        final SaslServer server = bed.createServer("EXTERNAL", session);

        // Execute: <auth mechanism='EXTERNAL'/> — Openfire passes new byte[0] and does not set the marker
        final byte[] challenge = server.evaluateResponse(new byte[0]);

        // Verify
        assertArrayEquals(new byte[0], challenge);
        assertFalse(server.isComplete());
        assertThrows(IllegalStateException.class, server::getAuthorizationID);
        assertTrue(bed.recorded().isEmpty(), "a challenge is no attempt yet");

        // Execute: the client's empty <response/>
        final byte[] last = server.evaluateResponse(new byte[0]);

        // Verify
        assertNull(last);
        assertTrue(server.isComplete());
        assertEquals("alice", server.getAuthorizationID());
    }

    @Test
    void stropheSequenceThroughOpenfire() {
        // Setup
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        final OpenfireSaslDriver driver = bed.driver(session);

        // Execute
        final Outcome first = driver.auth("EXTERNAL", "");
        final Outcome second = driver.response("");

        // Verify
        assertArrayEquals(new byte[0], assertInstanceOf(Challenge.class, first).data());
        assertEquals("alice", assertInstanceOf(Success.class, second).authorizationId());
        assertEquals(1, driver.challenges());
    }

    @Test
    void equalsSignAsInitialResponseCompletesAtOnce() {
        // Setup
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        final OpenfireSaslDriver driver = bed.driver(session);

        // Execute: <auth mechanism='EXTERNAL'>=</auth> — Openfire creates the server, then sets the marker to TRUE
        final Outcome outcome = driver.auth("EXTERNAL", "=");

        // Verify
        assertEquals("alice", assertInstanceOf(Success.class, outcome).authorizationId());
        assertEquals(0, driver.challenges());
    }

    @Test
    void markerSetBeforeTheServerWasCreatedCompletesAtOnce() throws Exception {
        // Setup: the marker is already TRUE in the session data when evaluateResponse runs
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        bed.sessionData(session).put(SaslTestBed.EMPTY_RESPONSE_MARKER, Boolean.TRUE);
        final SaslServer server = bed.createServer("EXTERNAL", session);

        // Execute
        final byte[] result = server.evaluateResponse(new byte[0]);

        // Verify
        assertNull(result);
        assertTrue(server.isComplete());
        assertEquals("alice", server.getAuthorizationID());
    }

    @Test
    void leftoverMarkerOfAnEarlierAttemptDoesNotSkipTheChallenge() {
        // Setup: an earlier "=" attempt failed and left the marker set; the client now sends <auth/> without text
        bed.lockedOutUsers.add("alice");
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        final Outcome earlier = bed.driver(session).auth("EXTERNAL", "=");
        assertEquals(Failure.ACCOUNT_DISABLED, assertInstanceOf(Failed.class, earlier).failure());
        assertEquals(Boolean.TRUE, bed.sessionData(session).get(SaslTestBed.EMPTY_RESPONSE_MARKER));
        bed.lockedOutUsers.remove("alice");
        final OpenfireSaslDriver driver = bed.driver(session);

        // Execute
        final Outcome first = driver.auth("EXTERNAL", "");

        // Verify: Openfire cleared the marker for this <auth/>, so the server must ask for the authzid
        assertInstanceOf(Challenge.class, first);
        assertEquals("alice", assertInstanceOf(Success.class, driver.response("")).authorizationId());
    }

    @Test
    void responseToTheChallengeMayBeEqualsSignOrAnAuthzid() {
        // Setup
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE_AND_BOB.chainWithoutRoot());
        final OpenfireSaslDriver withEquals = bed.driver(session);
        final OpenfireSaslDriver withAuthzid = bed.driver(session);

        // Execute
        withEquals.auth("EXTERNAL", "");
        final Outcome equalsOutcome = withEquals.response("=");
        withAuthzid.auth("EXTERNAL", "");
        final Outcome authzidOutcome = withAuthzid.response(OpenfireSaslDriver.base64("bob@localhost".getBytes()));

        // Verify: "=" is no authzid (ambiguous for a two-identity certificate); the authzid picks bob
        assertEquals(Failure.INVALID_AUTHZID, assertInstanceOf(Failed.class, equalsOutcome).failure());
        assertEquals("bob", assertInstanceOf(Success.class, authzidOutcome).authorizationId());
    }

    @Test
    void thereIsNeverASecondChallenge() throws Exception {
        // Setup: every kind of session, each answered with empty responses for as long as the server asks
        final List<HttpSession> sessions = List.of(
            bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot()),
            bed.boshSession(SaslTestBed.ALICE_AND_BOB.chainWithoutRoot()),
            bed.boshSession(SaslTestBed.NO_XMPPADDR.chainWithoutRoot()),
            bed.boshSession(SaslTestBed.ALICE_EXPIRED.chainWithoutRoot()),
            bed.boshSession(null));

        for (HttpSession session : sessions) {
            final SaslServer server = bed.createServer("EXTERNAL", session);
            int challenges = 0;
            boolean finished = false;

            // Execute
            for (int round = 0; round < 5 && !finished; round++) {
                try {
                    server.evaluateResponse(new byte[0]);
                    if (server.isComplete()) {
                        finished = true;
                    } else {
                        challenges++;
                    }
                } catch (javax.security.sasl.SaslException e) {
                    finished = true;
                }
            }

            // Verify
            assertTrue(finished, "the exchange ends");
            assertEquals(1, challenges, "exactly one challenge");
        }
    }

    @Test
    void evaluatingAfterCompletionIsRefused() throws Exception {
        // Setup
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        bed.sessionData(session).put(SaslTestBed.EMPTY_RESPONSE_MARKER, Boolean.TRUE);
        final SaslServer server = bed.createServer("EXTERNAL", session);
        server.evaluateResponse(new byte[0]);

        // Execute / Verify
        assertThrows(IllegalStateException.class, () -> server.evaluateResponse(new byte[0]));
        assertEquals("alice", server.getAuthorizationID());
        assertEquals(1, bed.recorded().size());
    }

    @Test
    void externalHasNoSecurityLayer() throws Exception {
        // Setup
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        final SaslServer server = bed.createServer("EXTERNAL", session);

        // Execute / Verify
        assertEquals("EXTERNAL", server.getMechanismName());
        assertThrows(IllegalStateException.class, () -> server.wrap(new byte[1], 0, 1));
        assertThrows(IllegalStateException.class, () -> server.unwrap(new byte[1], 0, 1));
        assertThrows(IllegalStateException.class, () -> server.getNegotiatedProperty(javax.security.sasl.Sasl.QOP));
    }
}
