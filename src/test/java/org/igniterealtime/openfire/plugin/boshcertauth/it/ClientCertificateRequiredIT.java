package org.igniterealtime.openfire.plugin.boshcertauth.it;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Switching Openfire to httpbind.client.cert.policy=needed from the admin console restarts its HTTP-bind server; the
 * plugin's filter must survive that restart (certificate sessions still offered EXTERNAL only, still pinned), and only
 * certificate holders can connect afterwards.
 */
@ExtendWith(AttachOpenfireLogs.class)
class ClientCertificateRequiredIT {

    private static TestPki.Issued alice;
    private static OpenfireServer openfire;

    @BeforeAll
    static void startOpenfireAndRequireCertificates() throws Exception {
        final TestPki.Issued ca = TestPki.rootCa("boshcertauth needed IT CA");
        alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(ca).build();
        openfire = OpenfireServer.builder()
            .property("httpbind.client.cert.policy", "wanted")
            .trustClientCertificate("boshcertauth-needed-it-ca", ca.certificate())
            .start();
        final OpenfireServer.LogMark mark = openfire.logMark();
        openfire.adminConsole().setProperty("httpbind.client.cert.policy", "needed");
        // Openfire restarts BOSH on this change; wait until it serves again.
        openfire.waitForLog(mark, Pattern.compile("HTTP bind service started"), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopOpenfire() {
        if (openfire != null) {
            openfire.close();
        }
    }

    private static BoshClient client(TestPki.Issued certificate) throws Exception {
        return BoshClient.builder(openfire.boshHttpsUri()).clientCertificate(certificate).build();
    }

    @Test
    void certificateLoginStillWorksAfterTheRestartAndTheFilterIsStillThere() throws Exception {
        try (BoshClient bosh = client(alice)) {
            bosh.createSession();
            assertEquals(List.of("EXTERNAL"), bosh.mechanisms(), "the narrowed offer proves the filter survived the restart");

            final BoshClient.AuthResult auth = bosh.authExternal(null);
            bosh.restart();

            assertTrue(auth.success(), "EXTERNAL: " + auth.condition());
            assertEquals("alice@localhost/needed", bosh.bindResource("needed"));
        }
    }

    @Test
    void withoutCertificateNobodyConnects() {
        assertThrows(IOException.class, () -> {
            try (BoshClient bosh = client(null)) {
                bosh.createSession();
            }
        });
    }
}
