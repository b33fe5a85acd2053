package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html;
import org.igniterealtime.openfire.plugin.boshcertauth.blocking.BlockKey;
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

    private static final class Environment extends AdminPageExamples.Environment {
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
