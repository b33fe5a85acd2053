package org.igniterealtime.openfire.plugin.boshcertauth.it;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.XmppWebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * XEP-0257 on a real Openfire 5.1.1 (the plugin's schema version 3 installed by Openfire from the JAR), driven by
 * scripted clients: alice logs in with her password over WebSocket (no certificate), finds urn:xmpp:saslcert:1 in
 * disco#info, appends a device certificate that names nobody (no xmppAddr, issued by the trusted CA); the device then
 * logs in over BOSH with SASL EXTERNAL as alice; alice revokes it from her first session, and the device's session
 * receives a {@code policy-violation} stream error naming REGISTRATION_REVOKED within {@link #BOUND} (on the request
 * the BOSH client holds); the next login with that certificate is refused.
 */
@ExtendWith(AttachOpenfireLogs.class)
class CertificateManagementIT {

    static final Duration BOUND = Duration.ofSeconds(10);
    private static final String NS = "urn:xmpp:saslcert:1";
    private static TestPki.Issued device;
    private static OpenfireServer openfire;

    @BeforeAll
    static void startOpenfire() throws Exception {
        final TestPki.Issued ca = TestPki.rootCa("boshcertauth XEP-0257 IT CA");
        device = TestPki.certificate("alice's phone").issuedBy(ca).build();
        openfire = OpenfireServer.builder()
            .property("httpbind.client.cert.policy", "wanted")
            .property("sasl.mechs", "PLAIN,SCRAM-SHA-1,EXTERNAL")
            .property("boshcertauth.xep0257.enabled", "true")
            .trustClientCertificate("boshcertauth-xep0257-it-ca", ca.certificate())
            .startTimeout(Duration.ofMinutes(6)) // the shared machine is slow at times; a start is not what is tested
            .start();
    }

    @AfterAll
    static void stopOpenfire() {
        if (openfire != null) {
            openfire.close();
        }
    }

    @Test
    void appendLogInWithTheNewCertificateRevokeEndsItsSessionAndRefusesItAfterwards() throws Exception {
        try (XmppWebSocketClient manager = XmppWebSocketClient.connect(webSocketUri(), Map.of())) {
            // Setup: alice's password session (no client certificate)
            manager.open(OpenfireServer.DOMAIN);
            assertTrue(manager.authPlain("alice", openfire.password("alice")).success(), "password login");
            manager.open(OpenfireServer.DOMAIN);
            manager.bind("manager");
            final String disco = iq(manager, "d1", "get", "<query xmlns='http://jabber.org/protocol/disco#info'/>", OpenfireServer.DOMAIN);
            assertTrue(disco.contains("var=\"" + NS + "\"") || disco.contains("var='" + NS + "'"), "advertised: " + disco);
            final BoshClient before = BoshClient.builder(openfire.boshHttpsUri()).clientCertificate(device).build();
            before.createSession();
            assertFalse(before.authExternal(null).success(), "the device certificate names nobody before it is registered");
            before.close();

            // Execute: append
            final String appended = iq(manager, "a1", "set", "<append xmlns='" + NS + "'><name>phone</name><x509cert>"
                + Base64.getEncoder().encodeToString(device.certificate().getEncoded()) + "</x509cert></append>", null);
            assertTrue(appended.contains("type=\"result\"") || appended.contains("type='result'"), appended);
            final String items = iq(manager, "i1", "get", "<items xmlns='" + NS + "'/>", null);
            assertTrue(items.contains("<name>phone</name>"), items);

            // Verify: the device logs in over BOSH with SASL EXTERNAL as alice
            try (BoshClient phone = BoshClient.builder(openfire.boshHttpsUri()).clientCertificate(device).waitSeconds(20).build()) {
                phone.createSession();
                final BoshClient.AuthResult login = phone.authExternal(null);
                assertTrue(login.success(), "EXTERNAL with the registered certificate: " + login.condition() + " " + login.response().text());
                phone.restart();
                assertEquals("alice@localhost/phone", phone.bindResource("phone"));
                final CompletableFuture<BoshClient.BoshResponse> held = CompletableFuture.supplyAsync(() -> {
                    try {
                        return phone.poll();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(500); // let the held request reach Openfire (order only; nothing is measured)

                // Execute: revoke from the first session
                final String revoked = iq(manager, "r1", "set", "<revoke xmlns='" + NS + "'><name>phone</name></revoke>", null);
                assertTrue(revoked.contains("type=\"result\"") || revoked.contains("type='result'"), revoked);

                // Verify: the device's session ends with the stream error within the bound
                final BoshClient.BoshResponse end = held.get(BOUND.toSeconds(), TimeUnit.SECONDS);
                assertTrue(end.text().contains("policy-violation") && end.text().contains("REGISTRATION_REVOKED"), end.text());
            }
        }

        // Verify: the next login with it is refused
        try (BoshClient again = BoshClient.builder(openfire.boshHttpsUri()).clientCertificate(device).build()) {
            again.createSession();
            final BoshClient.AuthResult auth = again.authExternal(null);
            assertFalse(auth.success(), "login with the revoked certificate");
            assertEquals("not-authorized", auth.condition());
        }
    }

    /** Sends an IQ and returns the answer with that id (other frames, e.g. presence, are skipped). */
    private static String iq(XmppWebSocketClient client, String id, String type, String payload, String to) throws Exception {
        client.send("<iq xmlns='jabber:client' type='" + type + "' id='" + id + "'" + (to == null ? "" : " to='" + to + "'") + ">"
            + payload + "</iq>");
        String frame;
        do {
            frame = client.receive();
        } while (!(frame.contains("id=\"" + id + "\"") || frame.contains("id='" + id + "'")));
        return frame;
    }

    private static URI webSocketUri() {
        return URI.create("wss://" + OpenfireServer.HOST + ":" + openfire.boshHttpsPort() + "/ws/");
    }
}
