package org.igniterealtime.openfire.plugin.boshcertauth.cluster;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Review L3 leftovers: what a peer node sends (node commands' arguments, answers to cluster queries) reaches this
 * node's log, audit and page with a length cap, and with bidi and other format characters (Unicode Cf, e.g. U+202E)
 * escaped like control characters, so that a line cannot be reordered on screen or made endless.
 */
class PeerTextTest {

    @AfterEach
    void unregister() {
        NodeCommands.unregister(ClusterSessions.END_COMMAND);
    }

    @Test
    void formatCharactersAreEscapedLikeControlCharacters() {
        // Execute
        final String escaped = PeerText.printable("admin\u202Egnp.exe \u200B\u2066x\u2069\uFEFF\u061C\r\n\u2028\u0000\uD800");

        // Verify
        assertEquals("admin\\u202egnp.exe \\u200b\\u2066x\\u2069\\ufeff\\u061c\\u000d\\u000a\\u2028\\u0000\\ud800", escaped);
    }

    @Test
    void lettersOfAnyScriptAndPairedSurrogatesStayAsTheyAre() {
        // Execute / Verify
        final String text = "CN=J\u00fcrgen M\u00fcller,O=\u65e5\u672c,OU=\uD83D\uDE00 \u05e9\u05dc\u05d5\u05dd";
        assertEquals(text, PeerText.printable(text));
    }

    @Test
    void aLongValueIsCutAndSaysHowMuchIsMissing() {
        // Setup
        final String huge = "a".repeat(10_000);
        final String escapesAtTheCut = "b".repeat(PeerText.MAX_CHARS - 3) + "\u202E".repeat(100);

        // Execute
        final String cut = PeerText.printable(huge);
        final String cutBeforeAnEscape = PeerText.printable(escapesAtTheCut);

        // Verify: at most the cap plus the note; an escape is never cut in half
        assertTrue(cut.startsWith("a".repeat(PeerText.MAX_CHARS)), cut);
        assertTrue(cut.endsWith("\u2026 (" + (10_000 - PeerText.MAX_CHARS) + " more characters)"), cut);
        assertTrue(cutBeforeAnEscape.startsWith("b".repeat(PeerText.MAX_CHARS - 3) + "\u2026"), cutBeforeAnEscape);
        assertTrue(cutBeforeAnEscape.length() <= PeerText.MAX_CHARS + 32, cutBeforeAnEscape);
    }

    @Test
    void theEndSessionCommandsAdminAndNodeAreEscapedAndCapped() {
        // Setup
        final List<String> details = new ArrayList<>();
        final Map<String, String> arguments = ClusterSessions.endArguments("s1", "bob\u202Egnp.exe", "n".repeat(1000));

        // Execute
        ClusterSessions.endHere(arguments, (id, detail) -> { details.add(detail); return Optional.of("alice@localhost"); });

        // Verify
        assertEquals(1, details.size());
        assertTrue(details.get(0).startsWith("by bob\\u202egnp.exe on node nnn"), details.get(0));
        assertFalse(details.get(0).contains("\u202E"));
        assertTrue(details.get(0).length() < 2 * PeerText.MAX_CHARS, details.get(0));
    }

    @Test
    void theJidAnotherNodeAnswersWithIsEscaped() {
        // Execute
        final ClusterSessions.EndResult result = ClusterSessions.endResult(Optional.of(Map.of("outcome", "ended",
            "jid", "alice@localhost\r\nINFO forged\u202E")), "host2");

        // Verify
        assertEquals("alice@localhost\\u000d\\u000aINFO forged\\u202e", result.jid());
    }

    @Test
    void sessionsAndAttemptsOfAnotherNodeAreEscapedAndCapped() {
        // Setup
        final Map<String, String> sessions = Map.of(NodeQueries.NODE, "n2", "count", "1", "total", "1", "0.id", "s1",
            "0.jid", "alice@localhost\u202E", "0.since", "1000", "0.notAfter", "2000", "0.subject", "CN=" + "x".repeat(5000),
            "0.peer", "10.0.0.1\u2066");
        final Map<String, String> attempts = Map.of(NodeQueries.NODE, "n2", "count", "1", "0.time", "1000",
            "0.subject", "CN=evil\u202Etxt.exe", "0.jid", "bob@localhost", "0.reason", "UNTRUSTED\u200B");

        // Execute
        final ClusterSessions.NodeSession session = ClusterSessions.merge("n1", Map.of("n2", "host2"), List.of(sessions), true).sessions().get(0);
        final ClusterAttempts.NodeAttempt attempt = ClusterAttempts.merge(List.of(attempts), Map.of("n2", "host2")).get(0);

        // Verify
        assertEquals("alice@localhost\\u202e", session.jid());
        assertEquals("10.0.0.1\\u2066", session.peer());
        assertTrue(session.certificate().subject().length() < PeerText.MAX_CHARS + 32, session.certificate().subject());
        assertEquals("CN=evil\\u202etxt.exe", attempt.subject());
        assertEquals("UNTRUSTED\\u200b", attempt.reason());
    }

    @Test
    void theBackslashSupplementaryPrivateUseAndUnassignedCharactersAreUnambiguous() {
        // Setup: a literal "\u202e" typed by a peer, a tag character (Cf, U+E0001), private use, an unassigned code point
        final String text = "a\\u202e b\uDB40\uDC01c \uE000 \u0378 \uD83D\uDE00";

        // Execute
        final String escaped = PeerText.printable(text);

        // Verify: review L4; an assigned supplementary character (the emoji) stays
        assertEquals("a\\\\u202e b\\u{e0001}c \\ue000 \\u0378 \uD83D\uDE00", escaped);
    }

    @Test
    void nodesWhoseLongIdsEscapeAlikeAreStillTwoNodes() {
        // Setup: two ids that differ only beyond the cap of the escaped text
        final String common = "n".repeat(PeerText.MAX_CHARS + 10);
        final Map<String, String> one = Map.of(NodeQueries.NODE, common + "1", NodeReport.VERSION, "1.1.0");
        final Map<String, String> two = Map.of(NodeQueries.NODE, common + "2", NodeReport.VERSION, "1.0.0");

        // Execute
        final ClusterView view = ClusterView.of("local", Map.of("local", "host"), List.of(one, two));

        // Verify: review L4; keyed by the id as sent, both reports are kept and compared
        assertEquals(3, view.nodes().size(), view.nodes().toString());
        assertEquals(List.of(NodeReport.VERSION), view.differing());
        assertEquals(List.of("local"), view.missing());
    }

    @Test
    void aNodeReportsValuesAreEscapedForTheViewButStillCompared() {
        // Setup
        final Map<String, String> one = Map.of(NodeQueries.NODE, "n1", NodeReport.VERSION, "1.1.0");
        final Map<String, String> two = Map.of(NodeQueries.NODE, "n2", NodeReport.VERSION, "1.1.0\u202E");

        // Execute
        final ClusterView view = ClusterView.of("n1", Map.of("n1", "host1", "n2", "host2"), List.of(one, two));

        // Verify
        assertEquals(List.of(NodeReport.VERSION), view.differing());
        assertEquals("1.1.0\\u202e", view.nodes().get(1).report().orElseThrow().get(NodeReport.VERSION));
    }
}
