package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;
import org.igniterealtime.openfire.plugin.boshcertauth.blocking.BlockKey;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.ClusterSessions;
import org.igniterealtime.openfire.plugin.boshcertauth.blocking.BlockList;
import org.igniterealtime.openfire.plugin.boshcertauth.blocking.BlockedCertificate;
import org.igniterealtime.openfire.plugin.boshcertauth.blocking.InMemoryBlockStore;
import org.igniterealtime.openfire.plugin.boshcertauth.session.LiveCertificateSession;
import org.igniterealtime.openfire.plugin.boshcertauth.session.SessionHandle;
import org.igniterealtime.openfire.plugin.boshcertauth.session.Transport;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live-session section shows hostile values escaped and carries the right values in its forms; its actions re-validate input. */
class LiveSessionsSectionTest {

    private static final String HOSTILE = AdminPageExamples.HOSTILE;

    private static class Environment extends AdminPageExamples.Environment {
        final List<LiveCertificateSession> sessions = new ArrayList<>();
        final InMemoryBlockStore store = new InMemoryBlockStore();
        final BlockList blocks = new BlockList(store);
        final List<String> ended = new ArrayList<>();
        int endBlockedCalls;

        @Override public List<LiveCertificateSession> liveSessions() { return sessions; }
        @Override public boolean endSession(String id, String admin) { ended.add(id); return sessions.removeIf(s -> s.id().equals(id)); }
        @Override public Optional<BlockList> blockList() { return Optional.of(blocks); }
        @Override public int endBlockedSessions() { endBlockedCalls++; return 1; }
    }

    /** A cluster member: its own sessions and another node's, one node silent; ends on other nodes are recorded. */
    private static final class ClusterEnvironment extends Environment {
        ClusterSessions.View view = new ClusterSessions.View(List.of(), List.of(), Map.of(), true);
        ClusterSessions.EndStatus remoteOutcome = ClusterSessions.EndStatus.ENDED;
        final List<String> endedElsewhere = new ArrayList<>();

        @Override public ClusterSessions.View sessionsOfEveryNode() { return view; }
        @Override public ClusterSessions.EndResult endSessionOn(String nodeId, String sessionId, String admin) {
            endedElsewhere.add(nodeId + " " + sessionId + " " + admin);
            return new ClusterSessions.EndResult(remoteOutcome, remoteOutcome == ClusterSessions.EndStatus.ENDED ? "carol@localhost" : "", "node-2.example");
        }
    }

    private static ClusterSessions.NodeSession row(String nodeId, String node, boolean local, String id, String jid) {
        return new ClusterSessions.NodeSession(nodeId, node, local, id, jid, "BOSH", "192.0.2.1", Instant.now(),
            new CertificateSummary("CN=" + jid, "CN=CA", "0a", "cd".repeat(32)), Instant.now().plusSeconds(3600));
    }

    private static final SessionHandle OPEN = new SessionHandle() {
        @Override public boolean isClosed() { return false; }
        @Override public void end(String text) { }
    };

    @Test
    void hostileSessionAndBlockValuesAreEscapedAndTheFormsCarryTheSessionAndFingerprint() throws Exception {
        // Setup
        final Environment environment = new Environment();
        final TestPki.Issued certificate = TestPki.certificate("mallory").subject("CN=" + "\\<script\\>\\\"'&").xmppAddr("mallory@localhost")
            .issuedBy(TestPki.rootCa("root")).build();
        final LiveCertificateSession session = LiveCertificateSession.of("sid-" + HOSTILE, "mallory@localhost" + HOSTILE, Transport.WEBSOCKET,
            "peer" + HOSTILE, Instant.now(), "node" + HOSTILE, List.of(certificate.certificate()), OPEN);
        environment.sessions.add(session);
        environment.store.add(BlockedCertificate.bySha256(BlockKey.ofSha256("ab".repeat(32)).orElseThrow(), "reason" + HOSTILE, "admin" + HOSTILE, Instant.now()));
        environment.blocks.refresh();

        // Execute
        final String html = AdminPageExamples.render(environment, AdminPageExamples.get(AdminPageExamples.noTestCa(environment)));

        // Verify
        assertFalse(html.contains(HOSTILE), "a value reached the page unescaped");
        assertFalse(html.contains("<script"), "a script element");
        for (String value : List.of(session.jid(), session.peer(), session.node(), "reason" + HOSTILE, "admin" + HOSTILE, session.certificate().subject())) {
            assertTrue(html.contains(Html.escape(value)), value + " not shown escaped");
        }
        assertTrue(html.contains("name=\"session\" value=\"" + Html.escape(session.id()) + "\""), "end-session form");
        assertTrue(html.contains("name=\"sha256\" value=\"" + session.certificate().sha256() + "\""), "block form");
        assertTrue(html.contains("name=\"key\" value=\"sha256:" + "ab".repeat(32) + "\""), "unblock form");
    }

    @Test
    void blockingRevalidatesItsInputAndEndsTheBlockedSessions() {
        // Setup
        final Environment environment = new Environment();
        final SessionActions actions = new SessionActions(environment, Clock.systemUTC());

        // Execute
        final SessionActions.Outcome badSha = actions.perform(SessionActions.BLOCK, Map.of("sha256", "12" + HOSTILE)::get, "admin");
        final SessionActions.Outcome both = actions.perform(SessionActions.BLOCK, Map.of("sha256", "ab".repeat(32), "issuer", "CN=x", "serial", "1")::get, "admin");
        final SessionActions.Outcome badIssuer = actions.perform(SessionActions.BLOCK, Map.of("issuer", "not a DN" + HOSTILE, "serial", "1")::get, "admin");
        final SessionActions.Outcome bySerial = actions.perform(SessionActions.BLOCK, Map.of("issuer", "CN=Example CA, O=Example", "serial", "00:0A", "reason", "left")::get, "admin");

        // Verify
        assertEquals("blocks.invalid.sha256", badSha.messages().get(0).key());
        assertEquals("blocks.invalid.which", both.messages().get(0).key());
        assertEquals("blocks.invalid.issuer-serial", badIssuer.messages().get(0).key());
        assertTrue(bySerial.ok(), bySerial.toString());
        assertEquals(1, environment.endBlockedCalls);
        final BlockedCertificate entry = environment.blocks.entries().get(0);
        assertEquals("a", entry.serial());
        assertEquals("left", entry.reason());
        assertEquals("admin", entry.blockedBy());
        assertEquals(BlockKey.ofIssuerSerial("cn=example ca,o=example", "a"), Optional.of(entry.key()), "canonical issuer, normal serial");
    }

    @Test
    void everyNodesSessionsAreListedWithTheirNodeAndAnotherNodesRowSendsItsNodeAndASilentNodeIsNamed() throws Exception {
        // Setup
        final ClusterEnvironment environment = new ClusterEnvironment();
        environment.view = new ClusterSessions.View(List.of(row("id-1", "node-1.example", true, "local-sid", "alice@localhost"),
            row("id-2" + HOSTILE, "node-2.example" + HOSTILE, false, "remote-sid", "carol@localhost")), List.of("node-3.example" + HOSTILE),
            Map.of(), true);

        // Execute
        final String html = AdminPageExamples.render(environment, AdminPageExamples.get(AdminPageExamples.noTestCa(environment)));

        // Verify
        assertFalse(html.contains(HOSTILE), "a value reached the page unescaped");
        assertTrue(html.contains("<td>" + Html.escape("node-2.example" + HOSTILE) + "</td>"), "the other node's row names it");
        assertTrue(html.contains("<td>node-1.example</td>"), "this node's row names it");
        assertTrue(html.contains(Html.escape("node-3.example" + HOSTILE)) && html.contains("did not answer"), "the silent node");
        assertTrue(html.contains("name=\"node\" value=\"" + Html.escape("id-2" + HOSTILE) + "\""), "the other node's end form");
        assertEquals(1, html.split("name=\"node\"", -1).length - 1, "only the other node's row carries a node");
        assertTrue(html.contains("2 session(s) on the cluster nodes"), "the cluster count");
    }

    @Test
    void endingAnotherNodesSessionGoesToThatNodeAndSaysWhatHappenedThere() {
        // Setup
        final ClusterEnvironment environment = new ClusterEnvironment();
        final SessionActions actions = new SessionActions(environment, Clock.systemUTC());

        // Execute
        final SessionActions.Outcome ended = actions.perform(SessionActions.END, Map.of("session", "remote-sid", "node", "id-2")::get, "admin");
        environment.remoteOutcome = ClusterSessions.EndStatus.GONE;
        final SessionActions.Outcome gone = actions.perform(SessionActions.END, Map.of("session", "remote-sid", "node", "id-2")::get, "admin");
        environment.remoteOutcome = ClusterSessions.EndStatus.NO_ANSWER;
        final SessionActions.Outcome silent = actions.perform(SessionActions.END, Map.of("session", "remote-sid", "node", "id-2")::get, "admin");
        final SessionActions.Outcome oversized = actions.perform(SessionActions.END, Map.of("session", "x".repeat(201), "node", "id-2")::get, "admin");

        // Verify
        assertTrue(ended.ok());
        assertEquals("sessions.end.remote-done [carol@localhost, node-2.example]", message(ended));
        assertEquals("sessions.end.remote-gone [node-2.example]", message(gone));
        assertEquals("sessions.end.no-answer [node-2.example]", message(silent));
        assertFalse(silent.ok());
        assertEquals("sessions.end.gone", oversized.messages().get(0).key());
        assertEquals(List.of("id-2 remote-sid admin", "id-2 remote-sid admin", "id-2 remote-sid admin"), environment.endedElsewhere,
            "the oversized id was not sent");
        assertEquals(List.of(), environment.ended, "nothing was ended on this node");
    }

    private static String message(SessionActions.Outcome outcome) {
        return outcome.messages().get(0).key() + " " + List.of(outcome.messages().get(0).arguments());
    }

    @Test
    void endingASessionThatIsGoneSaysSo() {
        // Setup
        final Environment environment = new Environment();

        // Execute
        final SessionActions.Outcome outcome = new SessionActions(environment, Clock.systemUTC())
            .perform(SessionActions.END, Map.of("session", "no-such")::get, "admin");

        // Verify
        assertFalse(outcome.ok());
        assertEquals("sessions.end.gone", outcome.messages().get(0).key());
    }
}
