package org.igniterealtime.openfire.plugin.boshcertauth.cluster;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Attempts of every node, merged newest first with the node's name; malformed answers cannot break the page. */
class ClusterAttemptsTest {

    private static LoginAttempt attempt(long millis, String jid, FailureReason reason) {
        return new LoginAttempt(Instant.ofEpochMilli(millis), "sasl", "192.0.2.1",
            new CertificateSummary("CN=" + jid, "CN=CA", "01", "ab"), "EXTERNAL", jid, reason, "");
    }

    private static Map<String, String> answer(String node, List<LoginAttempt> attempts) {
        final Map<String, String> a = new HashMap<>(ClusterAttempts.encode(attempts));
        a.put(NodeQueries.NODE, node);
        return a;
    }

    @Test
    void attemptsOfEveryNodeAreMergedNewestFirstWithTheNodesHost() {
        // Setup
        final Map<String, String> one = answer("n1", List.of(attempt(3000, "alice@localhost", null), attempt(1000, "bob@localhost", FailureReason.REVOKED)));
        final Map<String, String> two = answer("n2", List.of(attempt(2000, "carol@localhost", FailureReason.UNTRUSTED)));

        // Execute
        final List<ClusterAttempts.NodeAttempt> merged = ClusterAttempts.merge(List.of(one, two), Map.of("n1", "host1", "n2", "host2"));

        // Verify
        assertEquals(List.of("host1 alice@localhost true ", "host2 carol@localhost false UNTRUSTED", "host1 bob@localhost false REVOKED"),
            merged.stream().map(a -> a.node() + " " + a.jid() + " " + a.success() + " " + a.reason()).toList());
    }

    @Test
    void anAnswerIsCappedAndMalformedEntriesAreSkipped() {
        // Setup: a count far above the cap, one entry without a time, one with a bad count elsewhere
        final Map<String, String> hostile = new HashMap<>(Map.of(NodeQueries.NODE, "n1", "count", "1000000",
            "0.time", "5", "0.jid", "alice@localhost", "1.jid", "no time"));
        final Map<String, String> badCount = Map.of(NodeQueries.NODE, "n2", "count", "lots");

        // Execute
        final List<ClusterAttempts.NodeAttempt> merged = ClusterAttempts.merge(List.of(hostile, badCount), Map.of());

        // Verify: the one well-formed entry, named by the node id (no host known)
        assertEquals(List.of("n1 alice@localhost"), merged.stream().map(a -> a.node() + " " + a.jid()).toList());
    }

    @Test
    void aPeersAttemptWithANewlineShowsExactlyLikeALocalOne() {
        // Setup: an authzid with a line break, recorded (and escaped once) on another node
        final LoginAttempt local = attempt(1000, "mallory@localhost\nforged line", FailureReason.UNTRUSTED);
        final Map<String, String> peer = answer("n2", List.of(local));

        // Execute
        final ClusterAttempts.NodeAttempt shown = ClusterAttempts.merge(List.of(peer), Map.of("n2", "host2")).get(0);

        // Verify: escaped once, as on this node's own row (not "\\u000a")
        assertEquals("mallory@localhost\\u000aforged line", local.jid());
        assertEquals(local.jid(), shown.jid());
        assertEquals(local.certificate().subject(), shown.subject());
    }

    @Test
    void whatAPeersEscapingLeavesIsStillEscapedAndCut() {
        // Setup: a raw newline and a bidi override (which LoginAttempt.printable leaves) sent by a peer, and a long value
        final Map<String, String> hostile = new HashMap<>(Map.of(NodeQueries.NODE, "n1", "count", "1", "0.time", "5",
            "0.jid", "eve\n\u202e@localhost", "0.subject", "CN=" + "x".repeat(1000)));

        // Execute
        final ClusterAttempts.NodeAttempt shown = ClusterAttempts.merge(List.of(hostile), Map.of()).get(0);

        // Verify
        assertEquals("eve\\u000a\\u202e@localhost", shown.jid());
        assertTrue(shown.subject().length() < 300, shown.subject());
        assertTrue(shown.subject().endsWith("more characters)"), shown.subject());
    }

    @Test
    void aNodeSendsItsNewestAttemptsOnly() {
        // Setup
        final List<LoginAttempt> many = new java.util.ArrayList<>();
        for (int i = 0; i < ClusterAttempts.PER_NODE + 10; i++) {
            many.add(attempt(10_000 - i, "user" + i + "@localhost", null));
        }

        // Execute
        final Map<String, String> encoded = ClusterAttempts.encode(many);

        // Verify
        assertEquals(Integer.toString(ClusterAttempts.PER_NODE), encoded.get("count"));
        assertEquals("user0@localhost", encoded.get("0.jid"));
    }
}
