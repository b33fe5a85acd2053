package org.igniterealtime.openfire.plugin.boshcertauth.audit;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Found by the second security review: refusals of different origins must not fold into one row. */
class OriginFoldingTest {
    @Test
    void aRefusalFromAnotherOriginIsNotFoldedIntoTheFirstOrigins() {
        final AttemptLog log = new AttemptLog(100);
        final List<String> rows = new ArrayList<>();
        final AuditTrail trail = new AuditTrail(log, (u, s, d) -> rows.add(d), Duration.ofSeconds(60), 1024);
        final Instant t = Instant.parse("2026-12-01T10:00:00Z");
        final CertificateSummary cert = new CertificateSummary("CN=alice", "CN=CA", "1", "ab12");
        trail.record(new LoginAttempt(t, "bosh", "10.0.0.5", cert, "", "", FailureReason.ORIGIN_NOT_ALLOWED,
            "the page's origin https://evil.example is neither ...").withOrigin("https://evil.example"));
        trail.record(new LoginAttempt(t.plusSeconds(5), "bosh", "10.0.0.5", cert, "", "", FailureReason.ORIGIN_NOT_ALLOWED,
            "the page's origin https://chat.example.org is neither ...").withOrigin("https://chat.example.org"));
        // the admin page would show one entry "https://evil.example ×2" with one "Allow this origin" button (for evil)
        assertEquals(2, log.recent().size(), "chat.example.org's refusal was folded into evil.example's entry: "
            + log.recent().get(0).origin() + " x" + log.recent().get(0).count() + ", rows=" + rows.size());
    }
}
