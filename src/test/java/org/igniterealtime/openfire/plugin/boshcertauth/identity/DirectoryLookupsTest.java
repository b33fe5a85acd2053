package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Caching, bounded lifetime and the timeout of directory look-ups (issue 19). */
class DirectoryLookupsTest {

    private static final DirectoryQuery ALICE = new DirectoryQuery(List.of(DirectoryQuery.Assertion.text("userPrincipalName", "alice@corp")));
    private static final DirectoryQuery NOBODY = new DirectoryQuery(List.of(DirectoryQuery.Assertion.text("userPrincipalName", "x@corp")));

    private final MutableClock clock = MutableClock.now();
    private final CountDownLatch release = new CountDownLatch(1);
    private DirectoryLookups lookups;

    @AfterEach
    void close() {
        release.countDown();
        lookups.close();
    }

    /** A directory that answers with the function and counts questions. */
    private static UserDirectory counting(AtomicInteger questions, Function<DirectoryQuery, List<String>> answer) {
        return new UserDirectory() {
            @Override
            public List<String> usernames(DirectoryQuery query, int limit) {
                questions.incrementAndGet();
                return answer.apply(query);
            }

            @Override
            public String describe() {
                return "test directory";
            }
        };
    }

    @Test
    void answersAreReusedForTheirLifetimeThenAskedAgain() {
        // Setup
        final AtomicInteger questions = new AtomicInteger();
        lookups = new DirectoryLookups(counting(questions, q -> List.of("alice")), clock);

        // Execute
        lookups.usernames(ALICE, Duration.ofSeconds(1), Duration.ofMinutes(5));
        lookups.usernames(ALICE, Duration.ofSeconds(1), Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(5));
        final List<String> later = lookups.usernames(ALICE, Duration.ofSeconds(1), Duration.ofMinutes(5));

        // Verify
        assertEquals(2, questions.get());
        assertEquals(List.of("alice"), later);
    }

    @Test
    void noSuchUserIsBelievedForAMinuteAtMost() {
        // Setup
        final AtomicInteger questions = new AtomicInteger();
        lookups = new DirectoryLookups(counting(questions, q -> List.of()), clock);

        // Execute
        lookups.usernames(NOBODY, Duration.ofSeconds(1), Duration.ofHours(1));
        clock.advance(Duration.ofSeconds(59));
        lookups.usernames(NOBODY, Duration.ofSeconds(1), Duration.ofHours(1));
        clock.advance(Duration.ofSeconds(1));
        lookups.usernames(NOBODY, Duration.ofSeconds(1), Duration.ofHours(1));

        // Verify
        assertEquals(2, questions.get());
    }

    @Test
    void aDirectoryThatDoesNotAnswerInTimeIsUnavailable() {
        // Setup: the directory hangs until the test ends
        lookups = new DirectoryLookups(counting(new AtomicInteger(), q -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of("alice");
        }), clock);

        // Execute
        final DirectoryUnavailableException e = assertThrows(DirectoryUnavailableException.class,
            () -> lookups.usernames(ALICE, Duration.ofMillis(100), Duration.ofMinutes(5)));

        // Verify
        assertTrue(e.getMessage().contains("no answer within 100 ms"), e::getMessage);
    }

    @Test
    void aFailureIsNotCached() {
        // Setup: fails once, then answers
        final AtomicInteger questions = new AtomicInteger();
        lookups = new DirectoryLookups(counting(questions, q -> {
            if (questions.get() == 1) {
                throw new DirectoryUnavailableException("down");
            }
            return List.of("alice");
        }), clock);

        // Execute
        assertThrows(DirectoryUnavailableException.class, () -> lookups.usernames(ALICE, Duration.ofSeconds(1), Duration.ofMinutes(5)));
        final List<String> next = lookups.usernames(ALICE, Duration.ofSeconds(1), Duration.ofMinutes(5));

        // Verify
        assertEquals(List.of("alice"), next);
    }

    @Test
    void flushForgetsAnswers() {
        // Setup
        final AtomicInteger questions = new AtomicInteger();
        lookups = new DirectoryLookups(counting(questions, q -> List.of("alice")), clock);
        lookups.usernames(ALICE, Duration.ofSeconds(1), Duration.ofMinutes(5));

        // Execute
        lookups.flush();
        lookups.usernames(ALICE, Duration.ofSeconds(1), Duration.ofMinutes(5));

        // Verify
        assertEquals(2, questions.get());
    }
}
