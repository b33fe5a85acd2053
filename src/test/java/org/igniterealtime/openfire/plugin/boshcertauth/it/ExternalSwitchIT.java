package org.igniterealtime.openfire.plugin.boshcertauth.it;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.XmppWebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.igniterealtime.openfire.plugin.boshcertauth.it.AdminPageForms.fieldErrors;
import static org.igniterealtime.openfire.plugin.boshcertauth.it.AdminPageForms.settingsForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EXTERNAL switched off and on again on the plugin's admin page of a real Openfire (5.0, 5.1, 5.2), as an admin does it: off,
 * neither BOSH nor WebSocket offers or accepts EXTERNAL to a certificate that would otherwise log in; on again, both
 * do. (The plugin's page stores sasl.mechs as Openfire does, a list property; WebSocket once read it as a single
 * comma value and stayed on.)
 */
@ExtendWith(AttachOpenfireLogs.class)
class ExternalSwitchIT {

    private static final String PAGE = "plugins/boshcertauth/boshcertauth-settings";
    private static final String EXTERNAL_FIELD = "sasl.mechs.external";
    private static final String INTERNAL = "X-BOSHCERTAUTH-WS";
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static TestPki.Issued alice;
    private static OpenfireServer openfire;
    private static AdminConsole console;

    @BeforeAll
    static void startOpenfire() throws Exception {
        final TestPki.Issued ca = TestPki.rootCa("boshcertauth switch IT CA");
        alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(ca).build();
        openfire = OpenfireServer.builder()
            .property("httpbind.client.cert.policy", "wanted")
            .trustClientCertificate("boshcertauth-switch-it-ca", ca.certificate())
            .start();
        console = openfire.adminConsole();
    }

    @AfterAll
    static void stopOpenfire() {
        if (openfire != null) {
            openfire.close();
        }
    }

    @Test
    void externalOffOnThePluginPageStopsBoshAndWebSocketAndOnAgainRestoresBoth() throws Exception {
        // Setup: on by default, both transports log alice in with her certificate
        assertCertificateLoginOverBoth();

        // Execute: untick EXTERNAL and save
        final Map<String, String> off = settingsForm(console.get(PAGE));
        assertEquals("true", off.remove(EXTERNAL_FIELD), "EXTERNAL is ticked by default");
        final HttpResponse<String> savedOff = console.postForm(PAGE, off);

        // Verify: saved as Openfire stores lists, and neither transport offers or accepts EXTERNAL
        assertTrue(savedOff.body().contains("class=\"jive-success\""), () -> "refused: " + fieldErrors(savedOff.body()) + " for " + off);
        assertFalse(console.systemProperties("sasl.mechs").containsValue("EXTERNAL"), () -> "sasl.mechs rows: " + systemProperties());
        // Version difference: unticked from the unset default, the list written is this server's own default less
        // EXTERNAL, so on 5.0.x it does not name SCRAM-SHA-1-PLUS (which 5.0.x lacks), on 5.1+ it does.
        final List<String> expected = new ArrayList<>(openfire.openfireVersion().defaultSaslMechanisms());
        expected.remove("EXTERNAL");
        assertEquals(new TreeSet<>(expected), new TreeSet<>(console.systemProperties("sasl.mechs.").values()),
            () -> "sasl.mechs rows on Openfire " + openfire.openfireVersion() + ": " + systemProperties());
        try (BoshClient bosh = BoshClient.builder(openfire.boshHttpsUri()).clientCertificate(alice).build()) {
            bosh.createSession();
            assertFalse(bosh.mechanisms().contains("EXTERNAL"), "BOSH offered: " + bosh.mechanisms());
            assertFalse(bosh.authExternal(null).success(), "BOSH accepted EXTERNAL");
        }
        try (XmppWebSocketClient ws = webSocket()) {
            ws.open(OpenfireServer.DOMAIN);
            assertFalse(ws.mechanisms().contains("EXTERNAL"), "WebSocket offered: " + ws.mechanisms());
            assertFalse(ws.mechanisms().contains(INTERNAL), "WebSocket offered: " + ws.mechanisms());
            assertFalse(ws.authExternal(null).success(), "WebSocket accepted EXTERNAL");
        }

        // Execute: tick it again and save
        final Map<String, String> on = settingsForm(console.get(PAGE));
        assertFalse(on.containsKey(EXTERNAL_FIELD), "the page shows EXTERNAL unticked");
        on.put(EXTERNAL_FIELD, "true");
        final HttpResponse<String> savedOn = console.postForm(PAGE, on);

        // Verify
        assertTrue(savedOn.body().contains("class=\"jive-success\""), () -> "refused: " + fieldErrors(savedOn.body()) + " for " + on);
        assertCertificateLoginOverBoth();
    }

    private static void assertCertificateLoginOverBoth() throws Exception {
        try (BoshClient bosh = BoshClient.builder(openfire.boshHttpsUri()).clientCertificate(alice).build()) {
            bosh.createSession();
            assertEquals(List.of("EXTERNAL"), bosh.mechanisms(), "BOSH offers EXTERNAL alone");
            final BoshClient.AuthResult auth = bosh.authExternal(null);
            assertTrue(auth.success(), "BOSH EXTERNAL: " + auth.condition());
        }
        try (XmppWebSocketClient ws = webSocket()) {
            ws.open(OpenfireServer.DOMAIN);
            assertEquals(List.of("EXTERNAL"), ws.mechanisms(), "WebSocket offers EXTERNAL alone");
            final XmppWebSocketClient.AuthResult auth = ws.authExternal(null);
            assertTrue(auth.success(), auth.frame());
        }
    }

    private static XmppWebSocketClient webSocket() throws Exception {
        final URI uri = URI.create("wss://" + OpenfireServer.HOST + ":" + openfire.boshHttpsPort() + "/ws/");
        return XmppWebSocketClient.connect(uri, TestPki.keyStore(alice, PASSWORD), PASSWORD);
    }

    private static String systemProperties() {
        try {
            return console.systemProperties("sasl.mechs").toString();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
