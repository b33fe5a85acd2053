package org.igniterealtime.openfire.plugin.boshcertauth.audit;

import org.igniterealtime.openfire.plugin.boshcertauth.blocking.SchemaScripts;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The attempts list kept in the database across a reload: what is written, what is restored, what a failure does. */
class PersistedAttemptsTest {

    private final String url = "jdbc:hsqldb:mem:boshcertauth-persisted-" + UUID.randomUUID();
    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private final AtomicInteger connections = new AtomicInteger();
    private final JdbcAttemptStore store = new JdbcAttemptStore(() -> {
        connections.incrementAndGet();
        if (databaseDown.get()) {
            throw new SQLException("connection refused");
        }
        return DriverManager.getConnection(url, "SA", "");
    });

    @BeforeEach
    void install() throws Exception {
        try (Connection c = DriverManager.getConnection(url, "SA", "")) {
            SchemaScripts.install(c, "hsqldb");
        }
    }

    @AfterEach
    void shutdown() throws Exception {
        try (Connection c = DriverManager.getConnection(url, "SA", ""); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    @Test
    void theListOfOneRunIsTheListOfTheNextRunOnTheSameNode() throws Exception {
        // Setup: a run that saw three attempts, one of them folded twice
        final AttemptLog first = new AttemptLog(200);
        final PersistedAttempts firstRun = new PersistedAttempts(store, "node-1", first, Duration.ofHours(1));
        firstRun.start();
        final LoginAttempt refused = attempt(1, FailureReason.REVOKED);
        first.add(attempt(0, null));
        first.add(refused);
        first.replace(refused, refused.withCount(3));
        first.add(attempt(2, FailureReason.EXPIRED));
        firstRun.close(); // the plugin's unload

        // Execute: the next run (a reload or a restart)
        final AttemptLog second = new AttemptLog(200);
        final PersistedAttempts secondRun = new PersistedAttempts(store, "node-1", second, Duration.ofHours(1));
        secondRun.start();

        // Verify
        assertEquals(first.recent(), second.recent());
        assertEquals(3, second.recent().get(1).count());
        secondRun.close();
        final AttemptLog otherNode = new AttemptLog(200);
        new PersistedAttempts(store, "node-2", otherNode).start();
        assertEquals(List.of(), otherNode.recent(), "each node has its own list");
    }

    @Test
    void aRestoredListKeepsAtMostTheCapacityAndStaysBehindNewerAttempts() throws Exception {
        // Setup
        store.replace("node-1", JdbcAttemptStoreTest.attempts(30), 200);
        final AttemptLog log = new AttemptLog(10);

        // Execute
        new PersistedAttempts(store, "node-1", log).start();

        // Verify
        assertEquals(JdbcAttemptStoreTest.attempts(30).subList(0, 10), log.recent());
    }

    @Test
    void changesAreWrittenByTheWriterNotByTheLogin() throws Exception {
        // Setup: a delay longer than the test, so only close() can have written
        final AttemptLog log = new AttemptLog(200);
        final PersistedAttempts persisted = new PersistedAttempts(store, "node-1", log, Duration.ofHours(1));
        persisted.start();
        final int before = connections.get();

        // Execute
        for (int i = 0; i < 20; i++) {
            log.add(attempt(i, FailureReason.EXPIRED));
        }

        // Verify
        assertEquals(before, connections.get(), "a login opened a database connection");
        persisted.close();
        assertEquals(log.recent(), store.load("node-1", 200));
    }

    @Test
    void aDatabaseThatFailsNeverFailsALoginAndIsWrittenAgainLater() throws Exception {
        // Setup
        final AttemptLog log = new AttemptLog(200);
        final PersistedAttempts persisted = new PersistedAttempts(store, "node-1", log, Duration.ofHours(1));
        persisted.start();
        databaseDown.set(true);

        // Execute
        log.add(attempt(0, FailureReason.UNTRUSTED));
        persisted.write();

        // Verify
        assertTrue(persisted.failing());
        assertEquals(1, log.recent().size(), "the list is kept in memory");
        databaseDown.set(false);
        log.add(attempt(1, FailureReason.EXPIRED));
        persisted.close();
        assertFalse(persisted.failing());
        assertEquals(log.recent(), store.load("node-1", 200));
    }

    @Test
    void anUnreadableDatabaseAtStartLeavesTheListEmptyAndWorking() {
        // Setup
        databaseDown.set(true);
        final AttemptLog log = new AttemptLog(200);
        final PersistedAttempts persisted = new PersistedAttempts(store, "node-1", log, Duration.ofHours(1));

        // Execute
        persisted.start();
        log.add(attempt(0, null));

        // Verify
        assertEquals(1, log.recent().size());
        persisted.close();
        assertTrue(persisted.failing());
    }

    private static LoginAttempt attempt(int i, FailureReason reason) {
        return new LoginAttempt(Instant.ofEpochMilli(10_000L + i), "bosh", "192.0.2.1",
            new CertificateSummary("CN=user" + i, "CN=CA", "0" + i, "cd".repeat(32)), "EXTERNAL", "user" + i + "@example.org", reason, "");
    }
}
