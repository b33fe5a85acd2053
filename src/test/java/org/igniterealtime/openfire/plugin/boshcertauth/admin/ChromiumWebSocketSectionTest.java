package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.PluginStatus;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.config.BoshClientCertPolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.config.PluginConfiguration;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestRuntimes;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The status page's warning about Chromium and certificate login over WebSocket (issue 15). */
class ChromiumWebSocketSectionTest {

    private static final AdminPage PAGE = AdminPage.current("csrf-token", "page-token", List.of());

    private static String render(AdminPageExamples.Environment environment) {
        return new ChromiumWebSocketSection(new ConsoleMarkup(AdminText.load(Locale.ENGLISH)), environment).render(PAGE).render();
    }

    private static AdminPageExamples.Environment environment(boolean webSocket, BoshClientCertPolicy policy) {
        final AdminPageExamples.Environment environment = new AdminPageExamples.Environment();
        environment.status = Optional.of(new PluginStatus(true, null, true, true, true, webSocket));
        final CertificatePolicy certificates = CertificatePolicy.builder().trust(Set.of()).domains(Set.of("localhost"))
            .revocationMode(RevocationMode.OFF).build();
        final PluginConfiguration defaults = TestRuntimes.configuration(certificates);
        final PluginConfiguration configuration = new PluginConfiguration(certificates, policy, defaults.offer(), defaults.enforcement(),
            defaults.pinSessions(), defaults.recentAttempts(), null, List.of(), List.of());
        environment.runtime = Optional.of(new PluginRuntime(configuration,
            new CertificateVerifier(certificates, new RevocationService(), Clock.systemUTC())));
        return environment;
    }

    @Test
    void wantedWithWebSocketWarnsAboutChromiumWithTheRecipe() {
        // Execute
        final String html = render(environment(true, BoshClientCertPolicy.WANTED));

        // Verify
        assertTrue(html.contains("jive-warning"), html);
        assertTrue(html.contains("Under wanted, Chromium"), html);
        assertTrue(html.contains("Recipe: serve the web client from this server") && html.contains("no-cors"), html);
    }

    @Test
    void disabledPolicyWarnsThatNoBrowserPresentsACertificate() {
        // Execute: unset means Openfire's default, disabled
        final String unset = render(environment(true, null));
        final String disabled = render(environment(true, BoshClientCertPolicy.DISABLED));

        // Verify
        assertTrue(unset.contains("the server never asks for a client certificate"), unset);
        assertEquals(unset, disabled);
    }

    @Test
    void nothingWithoutCertificateLoginOverWebSocket() {
        // Setup
        final AdminPageExamples.Environment notLoaded = environment(true, BoshClientCertPolicy.WANTED);
        notLoaded.status = Optional.empty();

        // Execute / Verify
        assertEquals("", render(environment(false, BoshClientCertPolicy.WANTED)));
        assertEquals("", render(notLoaded));
    }
}
