package org.igniterealtime.openfire.plugin.boshcertauth.it;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A TLS-terminating reverse proxy in front of real Openfire's plain-HTTP BOSH port: the client certificate arrives in
 * HAProxy's header format. From a trusted proxy address it logs the user in; once the address is no longer trusted,
 * the very same header logs nobody in.
 */
@ExtendWith(AttachOpenfireLogs.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ForwardedCertificateLoginIT {

    private static TestPki.Issued ca;
    private static TestPki.Issued alice;
    private static OpenfireServer openfire;

    @BeforeAll
    static void startOpenfire() throws Exception {
        ca = TestPki.rootCa("boshcertauth proxy IT CA");
        alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(ca).build();
        openfire = OpenfireServer.builder()
            .property("boshcertauth.proxy.trusted-addresses", "127.0.0.1")
            .property("boshcertauth.proxy.format", "haproxy")
            .trustClientCertificate("boshcertauth-proxy-it-ca", ca.certificate())
            .start();
    }

    @AfterAll
    static void stopOpenfire() {
        if (openfire != null) {
            openfire.close();
        }
    }

    private static BoshClient viaProxy() throws Exception {
        return BoshClient.builder(openfire.boshHttpUri())
            .header("X-SSL-Client-Cert", Base64.getEncoder().encodeToString(alice.certificate().getEncoded()))
            .build();
    }

    @Test
    @Order(1)
    void forwardedCertificateLogsInOverPlainHttp() throws Exception {
        try (BoshClient bosh = viaProxy()) {
            // Setup
            bosh.createSession();
            assertEquals(List.of("EXTERNAL"), bosh.mechanisms(), "Openfire sees an encrypted session with a certificate");

            // Execute
            final BoshClient.AuthResult auth = bosh.authExternal(null);
            bosh.restart();
            final String jid = bosh.bindResource("proxied");

            // Verify
            assertTrue(auth.success(), "EXTERNAL failed: " + auth.condition() + " " + auth.response().text());
            assertEquals("alice@localhost/proxied", jid);
        }
    }

    @Test
    @Order(2)
    void sameHeaderFromAnUntrustedAddressLogsNobodyIn() throws Exception {
        // Setup: the trusted proxy is now somewhere else
        openfire.adminConsole().setProperty("boshcertauth.proxy.trusted-addresses", "192.0.2.10");

        try (BoshClient bosh = viaProxy()) {
            // Execute
            bosh.createSession();

            // Verify
            assertFalse(bosh.mechanisms().contains("EXTERNAL"), "offered: " + bosh.mechanisms());
            final BoshClient.AuthResult auth = bosh.auth("EXTERNAL", "=");
            assertFalse(auth.success());
        }
        assertTrue(openfire.openfireLog().contains("PROXY_UNTRUSTED_PEER"), "the spoofing attempt is logged");
    }
}
