package org.igniterealtime.openfire.plugin.boshcertauth.registration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The periodic re-read of the registrations (every 5 s on every node while XEP-0257 is on) reads the whole table,
 * certificates included, only when a narrow probe (every column but the certificate and its notAfter, which the
 * SHA-256 fixes) finds a change; any change is still seen at the next round.
 */
class RegistrationProbeTest {

    private static final RegistrationLimits ON = new RegistrationLimits(true, false, 5, Duration.ofDays(398));

    private final AtomicInteger fullReads = new AtomicInteger();
    private InMemoryRegistrationStore rows;
    private RegisteredCertificates registry;

    @BeforeEach
    void setUp() throws Exception {
        rows = new InMemoryRegistrationStore();
        final RegistrationStore counting = new RegistrationStore() {
            @Override public List<RegisteredCertificate> all() throws SQLException { fullReads.incrementAndGet(); return rows.all(); }
            @Override public List<RegistrationStore.RowState> states() throws SQLException { return rows.states(); }
            @Override public List<RegisteredCertificate> of(String username) throws SQLException { return rows.of(username); }
            @Override public boolean add(RegisteredCertificate entry) throws SQLException { return rows.add(entry); }
            @Override public boolean disable(String username, String name) throws SQLException { return rows.disable(username, name); }
            @Override public boolean remove(String username, String name) throws SQLException { return rows.remove(username, name); }
        };
        registry = new RegisteredCertificates(counting, () -> ON, () -> "localhost");
        assertTrue(rows.add(entry("a1", "alice", "phone", 1, false)));
        assertTrue(rows.add(entry("b1", "bob", "laptop", 2, false)));
        registry.refresh();
        fullReads.set(0);
    }

    @Test
    void anUnchangedTableIsNotReadAgain() {
        // Execute
        final Set<String> first = registry.refreshIfChanged();
        final Set<String> second = registry.refreshIfChanged();

        // Verify
        assertEquals(Set.of(), first);
        assertEquals(Set.of(), second);
        assertEquals(0, fullReads.get());
    }

    @Test
    void aDisableOrRevokeOnAnotherNodeIsSeenAtTheNextRound() throws Exception {
        // Setup
        assertTrue(rows.disable("alice", "phone"));

        // Execute
        final Set<String> disabled = registry.refreshIfChanged();
        assertTrue(rows.remove("bob", "laptop"));
        final Set<String> revoked = registry.refreshIfChanged();

        // Verify
        assertEquals(Set.of("a1".repeat(32)), disabled);
        assertEquals(Set.of("b1".repeat(32)), revoked);
        assertEquals(2, fullReads.get());
        assertFalse(registry.bySha256("a1".repeat(32)).orElseThrow().enabled());
    }

    @Test
    void theSameCertificateRevokedAndRegisteredAgainMeanwhileIsSeen() throws Exception {
        // Setup: within one round alice's phone is revoked and bob registers the same certificate (also enabled)
        assertTrue(rows.remove("alice", "phone"));
        assertTrue(rows.add(entry("a1", "bob", "phone", 3, false)));

        // Execute
        registry.refreshIfChanged();

        // Verify: it is bob's now, not alice's
        assertEquals("bob", registry.bySha256("a1".repeat(32)).orElseThrow().username());
        assertEquals(1, fullReads.get());
    }

    @Test
    void aRegistrationAgainWithOtherFlagsIsSeen() throws Exception {
        // Setup: alice revokes her phone and registers it again, now without certificate management
        assertTrue(rows.remove("alice", "phone"));
        assertTrue(rows.add(entry("a1", "alice", "phone", 4, true)));

        // Execute
        registry.refreshIfChanged();

        // Verify
        assertTrue(registry.bySha256("a1".repeat(32)).orElseThrow().noCertManagement());
    }

    @Test
    void aRevokeAndARegistrationAgainWithinOneRoundEndTheRevokedSessions() throws Exception {
        // Setup: within one round on another node alice's phone is revoked and registered again, by bob and by alice
        assertTrue(rows.remove("alice", "phone"));
        assertTrue(rows.add(entry("a1", "bob", "phone", 3, false)));
        assertTrue(rows.remove("bob", "laptop"));
        assertTrue(rows.add(entry("b1", "bob", "laptop", 5, false)));

        // Execute
        final Set<String> stopped = registry.refreshIfChanged();
        final Set<String> next = registry.refreshIfChanged();

        // Verify: the sessions of both revoked registrations here are ended (review M2), once
        assertEquals(Set.of("a1".repeat(32), "b1".repeat(32)), stopped);
        assertEquals(Set.of(), next);
    }

    @Test
    void aStaleOrUnreadSnapshotIsReadInFull() {
        // Setup
        registry.featureSwitched(false);

        // Execute
        registry.refreshIfChanged();

        // Verify
        assertEquals(1, fullReads.get());
    }

    private static RegisteredCertificate entry(String sha256, String user, String name, long addedAt, boolean noCertManagement) {
        return new RegisteredCertificate(sha256.repeat(32), user, name, "MIIB" + "A".repeat(3000), 1_900_000_000_000L, true, noCertManagement, addedAt);
    }
}
