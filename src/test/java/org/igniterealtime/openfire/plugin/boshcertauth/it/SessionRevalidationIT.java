package org.igniterealtime.openfire.plugin.boshcertauth.it;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestRevocationServer;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.XmppWebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a real Openfire 5.1.1 (revocation HARD_FAIL, the CA's CRL from a loopback {@link TestRevocationServer}): a CRL
 * published after login that revokes the certificate ends its BOSH session at the first re-validation after the CRL
 * in use expires, with {@code policy-violation}/REVOKED; a short-lived certificate's WebSocket session ends at its
 * expiry with {@code policy-violation}/EXPIRED. Bounds: the CRL's remaining lifetime or the certificate's, plus two
 * supervisor periods (5 s each), plus 5 s for a loaded machine.
 */
@ExtendWith(AttachOpenfireLogs.class)
class SessionRevalidationIT {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final Duration SLACK = Duration.ofSeconds(15);
    private static TestPki.Issued ca;
    private static TestRevocationServer revocation;
    private static OpenfireServer openfire;

    @BeforeAll
    static void startOpenfire() throws Exception {
        ca = TestPki.rootCa("boshcertauth revalidation IT CA");
        revocation = TestRevocationServer.start();
        openfire = OpenfireServer.builder()
            .property("httpbind.client.cert.policy", "wanted")
            .property("boshcertauth.revocation.mode", "HARD_FAIL")
            .trustClientCertificate("boshcertauth-revalidation-it-ca", ca.certificate())
            .start();
    }

    @AfterAll
    static void stop() {
        if (openfire != null) {
            openfire.close();
        }
        if (revocation != null) {
            revocation.close();
        }
    }

    @Test
    void aCrlPublishedAfterLoginEndsTheBoshSessionAtTheNextReValidation() throws Exception {
        // Setup: alice's certificate has a CRL distribution point; the CRL in use when she logs in expires in 8 s
        final TestPki.Issued alice = TestPki.certificate("alice crl").xmppAddr("alice@localhost")
            .crlDistributionPoint(revocation.crlUrl(ca)).issuedBy(ca).build();
        final Duration crlLeft = Duration.ofSeconds(8);
        revocation.crlValidity(Instant.now().minus(Duration.ofMinutes(1)), Instant.now().plus(crlLeft));
        try (BoshClient bosh = BoshClient.builder(openfire.boshHttpsUri()).clientCertificate(alice).waitSeconds(45).build()) {
            bosh.createSession();
            final BoshClient.AuthResult login = bosh.authExternal(null);
            assertTrue(login.success(), "login: " + login.condition() + " " + login.text());
            bosh.restart();
            bosh.bindResource("crl");

            // Execute: the CA publishes a CRL that revokes it; the client holds its request as BOSH clients do
            revocation.revoke(alice.certificate());
            revocation.crlValidity(Instant.now().minus(Duration.ofMinutes(1)), Instant.now().plus(Duration.ofHours(1)));
            final CompletableFuture<BoshClient.BoshResponse> held = CompletableFuture.supplyAsync(() -> {
                try {
                    BoshClient.BoshResponse r;
                    do {
                        r = bosh.poll(); // empty answers at the end of each wait, until the server says something
                    } while (!r.text().contains("stream:error") && !"terminate".equals(r.body().getAttribute("type")));
                    return r;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            // Verify
            final BoshClient.BoshResponse end = held.get(crlLeft.plus(SLACK).toSeconds(), TimeUnit.SECONDS);
            assertTrue(end.text().contains("policy-violation") && end.text().contains("REVOKED"), end.text());
        }
    }

    @Test
    void aShortLivedCertificatesWebSocketSessionEndsAtExpiry() throws Exception {
        // Setup: a certificate that expires 12 s from now (with a CRL distribution point: HARD_FAIL refuses a
        // certificate without any revocation source), and a current CRL that does not revoke it
        final Duration left = Duration.ofSeconds(12);
        revocation.crlValidity(Instant.now().minus(Duration.ofMinutes(1)), Instant.now().plus(Duration.ofHours(1)));
        final TestPki.Issued bob = TestPki.certificate("bob short").xmppAddr("bob@localhost").crlDistributionPoint(revocation.crlUrl(ca)).issuedBy(ca)
            .validity(Instant.now().minus(Duration.ofMinutes(1)), Instant.now().plus(left)).build();
        final URI uri = URI.create("wss://" + OpenfireServer.HOST + ":" + openfire.boshHttpsPort() + "/ws/");
        final Instant deadline = Instant.now().plus(left).plus(SLACK);
        try (XmppWebSocketClient ws = XmppWebSocketClient.connect(uri, TestPki.keyStore(bob, PASSWORD), PASSWORD)) {
            ws.open(OpenfireServer.DOMAIN);
            final XmppWebSocketClient.AuthResult login = ws.authExternal(null);
            assertTrue(login.success(), login.frame());
            ws.open(OpenfireServer.DOMAIN);
            assertEquals("bob@localhost/short", ws.bind("short"));

            // Execute: wait for what the server sends (receive() gives up after 15 s each)
            String frame = "";
            while (Instant.now().isBefore(deadline) && !frame.contains("stream:error")) {
                try {
                    frame = ws.receive();
                } catch (AssertionError noFrameYet) {
                    frame = "";
                }
            }

            // Verify
            assertTrue(frame.contains("policy-violation") && frame.contains("EXPIRED"), "last frame: " + frame);
        }
    }
}
