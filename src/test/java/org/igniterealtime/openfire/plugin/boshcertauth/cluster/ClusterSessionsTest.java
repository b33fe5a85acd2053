package org.igniterealtime.openfire.plugin.boshcertauth.cluster;

import org.igniterealtime.openfire.plugin.boshcertauth.session.LiveCertificateSession;
import org.igniterealtime.openfire.plugin.boshcertauth.session.SessionHandle;
import org.igniterealtime.openfire.plugin.boshcertauth.session.Transport;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions of every node, merged newest first with the node's name; a silent member is named; a malformed or oversized
 * answer cannot break the page; ending a session on its node answers what happened there.
 */
class ClusterSessionsTest {

    private static final SessionHandle OPEN = new SessionHandle() {
        @Override public boolean isClosed() { return false; }
        @Override public void end(String text) { }
    };
    private static X509Certificate leaf;

    @BeforeAll
    static void certificate() throws Exception {
        leaf = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(TestPki.rootCa("root")).build().certificate();
    }

    @AfterEach
    void unregister() {
        NodeCommands.unregister(ClusterSessions.END_COMMAND);
    }

    private static LiveCertificateSession session(String id, String jid, long sinceMillis, Transport transport) {
        return LiveCertificateSession.of(id, jid, transport, "192.0.2.7", Instant.ofEpochMilli(sinceMillis), "ignored", List.of(leaf), OPEN);
    }

    private static Map<String, String> answer(String node, List<LiveCertificateSession> sessions) {
        final Map<String, String> a = new HashMap<>(ClusterSessions.encode(sessions));
        a.put(NodeQueries.NODE, node);
        return a;
    }

    @Test
    void sessionsOfEveryNodeAreMergedNewestFirstWithTheNodesNameAndASilentMemberIsNamed() {
        // Setup: n1 (this node) and n2 answer, n3 does not
        final Map<String, String> one = answer("n1", List.of(session("s1", "alice@localhost", 3000, Transport.BOSH),
            session("s2", "bob@localhost", 1000, Transport.WEBSOCKET)));
        final Map<String, String> two = answer("n2", List.of(session("s3", "carol@localhost", 2000, Transport.WEBSOCKET)));
        final Map<String, String> hosts = Map.of("n1", "node-1.example", "n2", "node-2.example", "n3", "node-3.example");

        // Execute
        final ClusterSessions.View view = ClusterSessions.merge("n1", hosts, List.of(one, two), true);

        // Verify
        assertEquals(List.of("node-1.example n1 true s1 alice@localhost BOSH", "node-2.example n2 false s3 carol@localhost WEBSOCKET",
                "node-1.example n1 true s2 bob@localhost WEBSOCKET"),
            view.sessions().stream().map(s -> s.node() + " " + s.nodeId() + " " + s.local() + " " + s.id() + " " + s.jid() + " " + s.transport()).toList());
        final ClusterSessions.NodeSession carol = view.sessions().get(1);
        assertEquals(Instant.ofEpochMilli(2000), carol.since());
        assertEquals(leaf.getNotAfter().toInstant(), carol.notAfter());
        assertEquals(session("x", "y", 0, Transport.BOSH).certificate(), carol.certificate());
        assertEquals("192.0.2.7", carol.peer());
        assertEquals(List.of("node-3.example"), view.silent());
        assertTrue(view.clustered());
        assertEquals(Map.of(), view.truncated());
    }

    @Test
    void malformedEntriesAreSkippedAndAnAnswerIsReadForAtMostPerNodeSessions() {
        // Setup: a broken entry, a count far beyond the cap, a node claiming more sessions than it sends
        final Map<String, String> broken = answer("n1", List.of(session("s1", "alice@localhost", 3000, Transport.BOSH),
            session("s2", "bob@localhost", 2000, Transport.BOSH)));
        broken.put("0.since", "not a number");
        broken.remove("1.id");
        final Map<String, String> huge = new HashMap<>(Map.of(NodeQueries.NODE, "n2", "count", "1000000000", "total", "1000000000"));
        final Map<String, String> garbage = new HashMap<>(Map.of(NodeQueries.NODE, "n3", "count", "x"));

        // Execute
        final ClusterSessions.View view = ClusterSessions.merge("n1", Map.of("n1", "a", "n2", "b", "n3", "c"), List.of(broken, huge, garbage), true);

        // Verify: nothing listed, nobody silent (all three answered), n2 named as cut
        assertEquals(List.of(), view.sessions());
        assertEquals(List.of(), view.silent());
        assertEquals(Map.of("b", 1_000_000_000), view.truncated());
    }

    @Test
    void aNodeWithMoreThanPerNodeSessionsSendsItsNewestAndSaysHowManyItHas() {
        // Setup
        final List<LiveCertificateSession> many = new ArrayList<>();
        IntStream.range(0, ClusterSessions.PER_NODE + 3).forEach(i -> many.add(session("s" + i, "u" + i + "@localhost", 100_000 - i, Transport.BOSH)));

        // Execute
        final Map<String, String> encoded = ClusterSessions.encode(many);
        final ClusterSessions.View view = ClusterSessions.merge("n1", Map.of("n1", "a"), List.of(answer("n1", many)), true);

        // Verify
        assertEquals(Integer.toString(ClusterSessions.PER_NODE), encoded.get("count"));
        assertEquals(Integer.toString(ClusterSessions.PER_NODE + 3), encoded.get("total"));
        assertFalse(encoded.containsKey(ClusterSessions.PER_NODE + ".id"));
        assertEquals(ClusterSessions.PER_NODE, view.sessions().size());
        assertEquals("s0", view.sessions().get(0).id());
        assertEquals(Map.of("a", ClusterSessions.PER_NODE + 3), view.truncated());
    }

    @Test
    void endingOnTheSessionsNodeCarriesTheAdminAndTheAskingNodeAndAnswersWhatHappened() {
        // Setup: the handler the plugin registers, over a fake "end this session" of the node
        final List<String> calls = new ArrayList<>();
        NodeCommands.register(ClusterSessions.END_COMMAND, arguments -> ClusterSessions.endHere(arguments, (id, detail) -> {
            calls.add(id + " | " + detail);
            return "s1".equals(id) ? Optional.of("alice@localhost") : Optional.empty();
        }));
        final Cluster alone = Cluster.SINGLE;

        // Execute
        final ClusterSessions.EndResult ended = ClusterSessions.endResult(
            alone.tell("local", ClusterSessions.END_COMMAND, ClusterSessions.endArguments("s1", "admin", "node-1")), "node-2");
        final ClusterSessions.EndResult gone = ClusterSessions.endResult(
            alone.tell("local", ClusterSessions.END_COMMAND, ClusterSessions.endArguments("s9", "admin", "node-1")), "node-2");
        final ClusterSessions.EndResult elsewhere = ClusterSessions.endResult(
            alone.tell("other-node", ClusterSessions.END_COMMAND, ClusterSessions.endArguments("s1", "admin", "node-1")), "other");

        // Verify
        assertEquals(new ClusterSessions.EndResult(ClusterSessions.EndStatus.ENDED, "alice@localhost", "node-2"), ended);
        assertEquals(new ClusterSessions.EndResult(ClusterSessions.EndStatus.GONE, "", "node-2"), gone);
        assertEquals(new ClusterSessions.EndResult(ClusterSessions.EndStatus.NO_ANSWER, "", "other"), elsewhere);
        assertEquals(List.of("s1 | by admin on node node-1", "s9 | by admin on node node-1"), calls, "nothing ran for the other node");
    }

    @Test
    void theAdminAndTheAskingNodeFromThePeerCannotBreakTheLogLine() {
        // Setup: a peer node (hostile, or merely a crafted admin name) sends line breaks in admin and from
        final List<String> details = new ArrayList<>();
        final Map<String, String> arguments = ClusterSessions.endArguments("s1", "admin\r\nINFO forged: all sessions ended", "node-1\u2028x\u0000");

        // Execute
        ClusterSessions.endHere(arguments, (id, detail) -> {
            details.add(detail);
            return Optional.of("alice@localhost");
        });

        // Verify: the detail (logged and audited) holds no control character or line separator, escaped visibly
        assertEquals(List.of("by admin\\u000d\\u000aINFO forged: all sessions ended on node node-1\\u2028x\\u0000"), details);
    }

    @Test
    void aNodeWithoutTheHandlerGivesNoAnswer() {
        // Execute
        final Optional<Map<String, String>> answer = Cluster.SINGLE.tell("local", ClusterSessions.END_COMMAND,
            ClusterSessions.endArguments("s1", "admin", "node-1"));

        // Verify
        assertEquals(ClusterSessions.EndStatus.NO_ANSWER, ClusterSessions.endResult(answer, "local").status());
    }
}
