package org.igniterealtime.openfire.plugin.boshcertauth.cluster;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cluster view names a member that did not answer and every field on which the answering members differ. */
class ClusterViewTest {

    private static Map<String, String> report(String node, String version, String settings) {
        final Map<String, String> r = new HashMap<>(NodeReport.of(version, true, true, true, true, List.of(),
            Map.of("boshcertauth.diagnostics.recent-attempts", settings)));
        r.put(NodeQueries.NODE, node);
        return r;
    }

    @AfterEach
    void unregister() {
        NodeQueries.unregister("test.query");
    }

    @Test
    void identicalMembersAreConsistent() {
        // Execute
        final ClusterView view = ClusterView.of("n1", Map.of("n1", "host1", "n2", "host2"),
            List.of(report("n2", "1.1.0", "200"), report("n1", "1.1.0", "200")));

        // Verify
        assertTrue(view.consistent());
        assertEquals(List.of("n1", "n2"), view.nodes().stream().map(ClusterView.Node::id).toList());
        assertTrue(view.nodes().get(0).local());
    }

    @Test
    void aMemberWithoutAnAnswerIsMissingAndDifferingSettingsAreNamed() {
        // Execute: n3 has no plugin; n2 has other settings and another version
        final ClusterView view = ClusterView.of("n1", Map.of("n1", "host1", "n2", "host2", "n3", "host3"),
            List.of(report("n1", "1.1.0", "200"), report("n2", "1.0.0", "150")));

        // Verify
        assertFalse(view.consistent());
        assertEquals(List.of("n3"), view.missing());
        assertEquals(List.of(NodeReport.VERSION, NodeReport.SETTINGS_DIGEST), view.differing());
        assertEquals(Optional.empty(), view.nodes().get(2).report());
        assertEquals("host3", view.nodes().get(2).host());
    }

    @Test
    void aHandlerAnswersWithItsNodeAndAFailingOneDoesNotAnswer() {
        // Setup
        NodeQueries.register("test.query", () -> Map.of("k", "v"));

        // Execute
        final Optional<HashMap<String, String>> answer = NodeQueries.answer("test.query", "n1");
        NodeQueries.register("test.query", () -> { throw new IllegalStateException("broken"); });
        final Optional<HashMap<String, String>> failed = NodeQueries.answer("test.query", "n1");

        // Verify
        assertEquals(Optional.of(new HashMap<>(Map.of("k", "v", NodeQueries.NODE, "n1"))), answer);
        assertEquals(Optional.empty(), failed);
        assertEquals(Optional.empty(), NodeQueries.answer("no.such.query", "n1"));
    }
}
