package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.registration.CertificateManagement;
import org.igniterealtime.openfire.plugin.boshcertauth.registration.InMemoryRegistrationStore;
import org.igniterealtime.openfire.plugin.boshcertauth.registration.RegisteredCertificate;
import org.igniterealtime.openfire.plugin.boshcertauth.registration.RegisteredCertificates;
import org.igniterealtime.openfire.plugin.boshcertauth.registration.RegistrationLimits;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Sessions page's section of users' registered certificates (XEP-0257): hostile names escaped, the forms carry
 * user and name, and its actions disable and revoke through the protocol core (ending the sessions).
 */
class RegisteredCertificatesSectionTest {

    private static final String HOSTILE = AdminPageExamples.HOSTILE;
    private static final RegistrationLimits ON = new RegistrationLimits(true, false, 5, Duration.ofDays(398));

    private static final class Environment extends AdminPageExamples.Environment {
        final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
        final RegisteredCertificates registry = new RegisteredCertificates(store, () -> ON, () -> "localhost");
        final List<String> ended = new ArrayList<>();
        final CertificateManagement management = new CertificateManagement(registry, () -> ON, () -> (CertificateVerifier) null,
            (sha256, reason, detail) -> { ended.add(sha256 + " " + reason + " " + detail); return 1; }, () -> "localhost", Clock.systemUTC());

        @Override public Optional<RegisteredCertificates> registrations() { return Optional.of(registry); }
        @Override public Optional<CertificateManagement> certificateManagement() { return Optional.of(management); }
    }

    @Test
    void everyUsersCertificatesAreListedEscapedWithDisableAndRevokeForms() throws Exception {
        // Setup
        final Environment environment = new Environment();
        environment.store.add(entry("ab", "alice", "phone" + HOSTILE, true));
        environment.store.add(entry("cd", "bob", "laptop", false));
        environment.registry.refresh();

        // Execute
        final String html = AdminPageExamples.render(environment, AdminPageExamples.get(AdminPageExamples.noTestCa(environment)));

        // Verify
        assertFalse(html.contains(HOSTILE), "a value reached the page unescaped");
        assertTrue(html.contains(Html.escape("phone" + HOSTILE)));
        assertTrue(html.contains("ab".repeat(32)) && html.contains("cd".repeat(32)), "both SHA-256");
        assertTrue(html.contains("name=\"name\" value=\"" + Html.escape("phone" + HOSTILE) + "\""), "the forms carry the name");
        assertTrue(html.contains("name=\"user\" value=\"bob\""));
        assertTrue(html.contains("value=\"" + RegistrationActions.DISABLE + "\""), "disable for the enabled one");
        assertTrue(html.contains("no (disabled)"));
    }

    @Test
    void disableAndRevokeEndTheSessionsAndSayWhatTheyDid() throws Exception {
        // Setup
        final Environment environment = new Environment();
        environment.store.add(entry("ab", "alice", "phone", true));
        environment.store.add(entry("cd", "alice", "laptop", true));
        environment.registry.refresh();
        final RegistrationActions actions = new RegistrationActions(environment);

        // Execute
        final SessionActions.Outcome disabled = actions.perform(RegistrationActions.DISABLE, Map.of("user", "alice", "name", "phone")::get, "admin");
        final SessionActions.Outcome revoked = actions.perform(RegistrationActions.REVOKE, Map.of("user", "alice", "name", "laptop")::get, "admin");
        final SessionActions.Outcome gone = actions.perform(RegistrationActions.REVOKE, Map.of("user", "bob", "name", "phone")::get, "admin");

        // Verify
        assertTrue(disabled.ok() && revoked.ok(), disabled + " " + revoked);
        assertEquals("registered.gone", gone.messages().get(0).key());
        assertEquals(List.of("ab".repeat(32) + " " + FailureReason.REGISTRATION_DISABLED + " disabled by admin admin",
            "cd".repeat(32) + " " + FailureReason.REGISTRATION_REVOKED + " revoked by admin admin"), environment.ended);
        assertEquals(1, environment.registry.entries().size());
        assertFalse(environment.registry.entries().get(0).enabled());
    }

    private static RegisteredCertificate entry(String hex, String user, String name, boolean enabled) {
        return new RegisteredCertificate(hex.repeat(32), user, name, "MIIB", 1_900_000_000_000L, enabled, false, 1);
    }
}
