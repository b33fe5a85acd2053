package org.igniterealtime.openfire.plugin.boshcertauth.it;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.XmppWebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a real Openfire 5.1.1 with its embedded HSQLDB (the plugin's schema installed by Openfire from the JAR): alice
 * logs in with her certificate over BOSH and over WebSocket, both sessions are listed on the admin page, "Block
 * certificate" is pressed, and both sessions receive a {@code policy-violation} stream error naming
 * CERTIFICATE_BLOCKED within {@link #BOUND} (a BOSH client always holds a request, as this one does, on which the
 * error arrives); afterwards the certificate cannot log in over either transport, and the attempts list shows the
 * ends. Unblocking lets it in again.
 */
@ExtendWith(AttachOpenfireLogs.class)
class CertificateBlockIT {

    static final Duration BOUND = Duration.ofSeconds(10);
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final String PAGE = "plugins/boshcertauth/boshcertauth-sessions";
    /** The attempts list is on the Status & Diagnostics page. */
    private static final String STATUS_PAGE = "plugins/boshcertauth/boshcertauth-status";
    private static TestPki.Issued alice;
    private static OpenfireServer openfire;
    private static AdminConsole console;

    @BeforeAll
    static void startOpenfire() throws Exception {
        final TestPki.Issued ca = TestPki.rootCa("boshcertauth block IT CA");
        alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(ca).build();
        openfire = OpenfireServer.builder()
            .property("httpbind.client.cert.policy", "wanted")
            .trustClientCertificate("boshcertauth-block-it-ca", ca.certificate())
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
    void blockingOnThePageEndsTheBoshAndWebSocketSessionsAndRefusesLoginAfterwards() throws Exception {
        final String sha256 = CertificateSummary.sha256(alice.certificate());
        try (BoshClient bosh = BoshClient.builder(openfire.boshHttpsUri()).clientCertificate(alice).waitSeconds(20).build();
             XmppWebSocketClient ws = webSocket()) {
            // Setup: alice logged in over both transports, listed on the page
            bosh.createSession();
            assertTrue(bosh.authExternal(null).success(), "BOSH login");
            bosh.restart();
            bosh.bindResource("bosh");
            ws.open(OpenfireServer.DOMAIN);
            assertTrue(ws.authExternal(null).success(), "WebSocket login");
            ws.open(OpenfireServer.DOMAIN);
            ws.bind("ws");
            final String listed = console.get(PAGE);
            assertTrue(listed.contains("BOSH") && listed.contains("WEBSOCKET") && listed.contains(sha256), "both sessions listed");
            // The BOSH client's held request, on which the server answers
            final CompletableFuture<BoshClient.BoshResponse> held = CompletableFuture.supplyAsync(() -> {
                try {
                    return bosh.poll();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500); // let the held request reach Openfire (order only; nothing is measured)

            // Execute: "Block certificate" on alice's row
            final Map<String, String> form = AdminPageForms.tokens(listed);
            form.put("action", "block-certificate");
            form.put("sha256", sha256);
            form.put("reason", "laptop stolen");
            final HttpResponse<String> blocked = console.postForm(PAGE, form);

            // Verify: the page says so; both clients get the stream error within the bound
            assertEquals(200, blocked.statusCode());
            assertTrue(blocked.body().contains("class=\"jive-success\""), blocked.body());
            final BoshClient.BoshResponse boshEnd = held.get(BOUND.toSeconds(), TimeUnit.SECONDS);
            assertTrue(boshEnd.text().contains("policy-violation") && boshEnd.text().contains("CERTIFICATE_BLOCKED"), boshEnd.text());
            String frame;
            do {
                frame = ws.receive();
            } while (!frame.contains("stream:error") && !frame.contains("<close"));
            assertTrue(frame.contains("policy-violation") && frame.contains("CERTIFICATE_BLOCKED"), frame);
        }

        // Verify: no login afterwards, over either transport
        try (BoshClient bosh = BoshClient.builder(openfire.boshHttpsUri()).clientCertificate(alice).build()) {
            bosh.createSession();
            final BoshClient.AuthResult auth = bosh.authExternal(null);
            assertFalse(auth.success(), "BOSH login of a blocked certificate");
            assertEquals("not-authorized", auth.condition());
        }
        try (XmppWebSocketClient ws = webSocket()) {
            ws.open(OpenfireServer.DOMAIN);
            final XmppWebSocketClient.AuthResult auth = ws.authExternal(null);
            assertEquals("not-authorized", auth.condition(), auth.frame());
        }
        // (the status page first: every console page replaces the CSRF token that the unblock below takes from PAGE)
        final String attempts = console.get(STATUS_PAGE);
        final String page = console.get(PAGE);
        assertTrue(attempts.contains("bosh-session-end") && attempts.contains("websocket-session-end"), "ends in the attempts list");
        assertTrue(page.contains("laptop stolen"), "the block list shows the reason");

        // Execute / Verify: unblock, and alice logs in again
        final Map<String, String> unblock = AdminPageForms.tokens(page);
        unblock.put("action", "unblock-certificate");
        unblock.put("key", "sha256:" + sha256);
        assertTrue(console.postForm(PAGE, unblock).body().contains("class=\"jive-success\""));
        try (BoshClient bosh = BoshClient.builder(openfire.boshHttpsUri()).clientCertificate(alice).build()) {
            bosh.createSession();
            assertTrue(bosh.authExternal(null).success(), "BOSH login after unblocking");
        }
    }

    private static XmppWebSocketClient webSocket() throws Exception {
        final URI uri = URI.create("wss://" + OpenfireServer.HOST + ":" + openfire.boshHttpsPort() + "/ws/");
        return XmppWebSocketClient.connect(uri, TestPki.keyStore(alice, PASSWORD), PASSWORD);
    }
}
