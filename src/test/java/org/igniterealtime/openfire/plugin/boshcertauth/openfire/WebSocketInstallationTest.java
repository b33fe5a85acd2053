package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.jivesoftware.util.JiveGlobals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whether WebSocket certificate login follows sasl.mechs as Openfire stores it (a list property). */
class WebSocketInstallationTest {

    @AfterEach
    void tearDown() {
        JiveGlobals.deleteProperty(SaslMechanisms.PROPERTY);
    }

    @Test
    void externalRemovedThroughOpenfiresListSetterSwitchesWebSocketLoginOff() {
        // Setup: Openfire's SASL page (and the plugin's) store the list as numbered children
        JiveGlobals.setProperty(SaslMechanisms.PROPERTY, List.of("PLAIN", "SCRAM-SHA-1", "EXTERNAL"));

        // Execute
        SaslMechanisms.setExternalEnabled(false);

        // Verify
        assertFalse(WebSocketInstallation.externalEnabled(), "EXTERNAL is off in sasl.mechs, WebSocket must not offer it");
    }

    @Test
    void externalInOpenfiresListKeepsWebSocketLoginOn() {
        // Setup
        JiveGlobals.setProperty(SaslMechanisms.PROPERTY, List.of("PLAIN"));

        // Execute
        SaslMechanisms.setExternalEnabled(true);

        // Verify
        assertTrue(WebSocketInstallation.externalEnabled());
    }
}
