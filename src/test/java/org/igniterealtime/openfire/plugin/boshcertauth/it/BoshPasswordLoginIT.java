package org.igniterealtime.openfire.plugin.boshcertauth.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Smoke test of the harness and the BOSH client against a real Openfire with the plugin installed: password login
 * over BOSH/HTTPS, and properties given to the harness really reach Openfire's database.
 */
@ExtendWith(AttachOpenfireLogs.class)
class BoshPasswordLoginIT {

    private static OpenfireServer openfire;

    @BeforeAll
    static void startOpenfire() throws Exception {
        openfire = OpenfireServer.builder()
                // Properties of Openfire itself, set at setup: proves that the openfire.xml → database copy works.
                .property("sasl.mechs", "PLAIN,SCRAM-SHA-1,EXTERNAL")
                .property("httpbind.client.cert.policy", "wanted")
                .property("xmpp.httpbind.client.requests.wait", "7")
                .start();
    }

    @AfterAll
    static void stopOpenfire() {
        if (openfire != null) {
            openfire.close();
        }
    }

    @Test
    void aliceLogsInWithPasswordOverBoshHttps() throws Exception {
        // Setup
        try (BoshClient bosh = BoshClient.builder(openfire.boshHttpsUri()).build()) {
            bosh.createSession();
            assertTrue(bosh.mechanisms().contains("PLAIN"), "offered: " + bosh.mechanisms());

            // Execute
            final BoshClient.AuthResult auth = bosh.authPlain("alice", openfire.password("alice"));
            bosh.restart();
            final String jid = bosh.bindResource("smoke");

            // Verify
            assertTrue(auth.success(), "SASL PLAIN failed: " + auth.condition() + " " + auth.response().text());
            assertEquals("alice@localhost/smoke", jid);
        }
    }

    @Test
    void wrongPasswordIsRejectedWithNotAuthorized() throws Exception {
        try (BoshClient bosh = BoshClient.builder(openfire.boshHttpsUri()).build()) {
            bosh.createSession();

            final BoshClient.AuthResult auth = bosh.authPlain("alice", "wrong");

            assertFalse(auth.success());
            assertEquals("not-authorized", auth.condition());
        }
    }

    @Test
    void plainHttpEndpointWorksToo() throws Exception {
        try (BoshClient bosh = BoshClient.builder(openfire.boshHttpUri()).build()) {
            bosh.createSession();

            final BoshClient.AuthResult auth = bosh.authPlain("bob", openfire.password("bob"));

            assertTrue(auth.success(), "SASL PLAIN failed: " + auth.condition());
        }
    }

    @Test
    void propertiesGivenAtSetupAreInOpenfiresDatabase() throws Exception {
        // Setup
        final AdminConsole console = openfire.adminConsole();

        // Execute: the System Properties page lists what JiveGlobals (the database) holds.
        final Map<String, String> policy = console.systemProperties("httpbind.client.cert.policy");
        final Map<String, String> mechs = console.systemProperties("sasl.mechs");
        final Map<String, String> wait = console.systemProperties("xmpp.httpbind.client.requests.wait");

        // Verify
        assertEquals("wanted", policy.get("httpbind.client.cert.policy"), "page rows: " + policy);
        assertEquals("PLAIN,SCRAM-SHA-1,EXTERNAL", mechs.get("sasl.mechs"), "page rows: " + mechs);
        assertEquals("7", wait.get("xmpp.httpbind.client.requests.wait"), "page rows: " + wait);
    }

    @Test
    void saslMechsPropertyLimitsTheOfferedMechanisms() throws Exception {
        try (BoshClient bosh = BoshClient.builder(openfire.boshHttpsUri()).build()) {
            bosh.createSession();

            assertFalse(bosh.mechanisms().contains("DIGEST-MD5"), "offered: " + bosh.mechanisms());
            assertFalse(bosh.mechanisms().contains("ANONYMOUS"), "offered: " + bosh.mechanisms());
        }
    }
}
