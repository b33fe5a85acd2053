package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginStatus;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page says what a reload does to open WebSocket connections, before the admin reloads (issue 18). */
class WebSocketReloadSectionTest {

    private static final String NOTE = "Reloading, updating or unloading this plugin closes the WebSocket (/ws) connections";

    @Test
    void thePageSaysThatAReloadClosesLoggedInWebSocketConnections() {
        // Setup: certificate login over WebSocket in place
        final AdminPageExamples.Environment environment = new AdminPageExamples.Environment();

        // Execute
        final String html = AdminPageExamples.render(environment, AdminPageExamples.get(AdminPageExamples.noTestCa(environment)));

        // Verify: after the status box, as an info box
        assertTrue(html.contains(NOTE), html);
        assertTrue(html.substring(0, html.indexOf(NOTE)).lastIndexOf("jive-info") > 0, "an info box");
    }

    @Test
    void withoutWebSocketCertificateLoginThereIsNothingToSay() {
        // Setup
        final AdminPageExamples.Environment environment = new AdminPageExamples.Environment();
        environment.status = Optional.of(new PluginStatus(true, null, true, true, true, false));

        // Execute
        final String html = AdminPageExamples.render(environment, AdminPageExamples.get(AdminPageExamples.noTestCa(environment)));

        // Verify
        assertFalse(html.contains(NOTE), html);
    }
}
