package org.igniterealtime.openfire.plugin.boshcertauth.it;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Certificate login over BOSH on a real Openfire with only this plugin added and a test CA in the BOSH client
 * truststore, under httpbind.client.cert.policy=wanted: session creation, SASL EXTERNAL, stream restart, resource
 * binding; bad certificates and identities refused with the XEP-0178 conditions; password login without a
 * certificate unchanged; stolen session ids useless.
 */
@ExtendWith(AttachOpenfireLogs.class)
class BoshCertificateLoginIT {

    private static final String NS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static TestPki.Issued ca;
    private static TestPki.Issued alice;
    private static TestPki.Issued aliceAndBob;
    private static TestPki.Issued carol;
    private static TestPki.Issued serverAuthOnly;
    private static TestPki.Issued foreignDomain;
    private static OpenfireServer openfire;

    @BeforeAll
    static void startOpenfire() throws Exception {
        ca = TestPki.rootCa("boshcertauth IT CA");
        alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(ca).build();
        aliceAndBob = TestPki.certificate("alice and bob").xmppAddr("alice@localhost").xmppAddr("bob@localhost").issuedBy(ca).build();
        carol = TestPki.certificate("carol").xmppAddr("carol@localhost").issuedBy(ca).build();
        serverAuthOnly = TestPki.certificate("alice server").xmppAddr("alice@localhost")
            .extendedKeyUsage(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_serverAuth).issuedBy(ca).build();
        foreignDomain = TestPki.certificate("alice elsewhere").xmppAddr("alice@example.org").issuedBy(ca).build();
        openfire = OpenfireServer.builder()
            .property("httpbind.client.cert.policy", "wanted")
            .trustClientCertificate("boshcertauth-it-ca", ca.certificate())
            .start();
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
    void certificateSessionIsOfferedExternalOnlyAndLogsIn() throws Exception {
        try (BoshClient bosh = client(alice)) {
            // Setup
            bosh.createSession();
            assertEquals(List.of("EXTERNAL"), bosh.mechanisms(), "a certificate session is offered EXTERNAL only");

            // Execute
            final BoshClient.AuthResult auth = bosh.authExternal(null);
            bosh.restart();
            final String jid = bosh.bindResource("it");

            // Verify
            assertTrue(auth.success(), "EXTERNAL failed: " + auth.condition() + " " + auth.response().text());
            assertEquals("alice@localhost/it", jid);
        }
        assertTrue(openfire.waitForLog(Pattern.compile("Certificate login \\[sasl/EXTERNAL\\].*success as alice@localhost"), Duration.ofSeconds(10)) != null);
    }

    @Test
    void stropheStyleEmptyAuthGetsOneChallengeThenSucceeds() throws Exception {
        try (BoshClient bosh = client(alice)) {
            bosh.createSession();

            // Execute: <auth mechanism='EXTERNAL'/> with no text, then an empty <response/>
            final BoshClient.BoshResponse challenge = bosh.send("<auth xmlns='" + NS_SASL + "' mechanism='EXTERNAL'/>");
            final BoshClient.BoshResponse outcome = bosh.send("<response xmlns='" + NS_SASL + "'/>");

            // Verify
            assertTrue(challenge.text().contains("<challenge"), challenge.text());
            assertTrue(outcome.text().contains("<success"), outcome.text());
        }
    }

    @Test
    void matchingAuthzidAndDomainOnlyAuthzidLogIn() throws Exception {
        for (String authzid : List.of("alice@localhost", "ALICE@LocalHost", "localhost")) {
            try (BoshClient bosh = client(alice)) {
                bosh.createSession();

                final BoshClient.AuthResult auth = bosh.authExternal(authzid);

                assertTrue(auth.success(), authzid + ": " + auth.condition());
            }
        }
    }

    @Test
    void authzidNotInCertificateIsInvalidAuthzid() throws Exception {
        try (BoshClient bosh = client(alice)) {
            bosh.createSession();

            final BoshClient.AuthResult auth = bosh.authExternal("bob@localhost");

            assertFalse(auth.success());
            assertEquals("invalid-authzid", auth.condition());
        }
    }

    @Test
    void severalIdentitiesNeedAnAuthzid() throws Exception {
        try (BoshClient none = client(aliceAndBob); BoshClient chosen = client(aliceAndBob)) {
            none.createSession();
            chosen.createSession();

            final BoshClient.AuthResult withoutAuthzid = none.authExternal(null);
            final BoshClient.AuthResult withAuthzid = chosen.authExternal("bob@localhost");
            chosen.restart();

            assertEquals("invalid-authzid", withoutAuthzid.condition());
            assertTrue(withAuthzid.success(), "bob: " + withAuthzid.condition());
            assertEquals("bob@localhost/x", chosen.bindResource("x"));
        }
    }

    @Test
    void unknownUserIsNotAuthorized() throws Exception {
        try (BoshClient bosh = client(carol)) {
            bosh.createSession();

            final BoshClient.AuthResult auth = bosh.authExternal(null);

            assertEquals("not-authorized", auth.condition());
        }
    }

    @Test
    void wrongEkuAndForeignDomainAreNotAuthorized() throws Exception {
        for (TestPki.Issued bad : List.of(serverAuthOnly, foreignDomain)) {
            try (BoshClient bosh = client(bad)) {
                try {
                    bosh.createSession();
                } catch (javax.net.ssl.SSLHandshakeException e) {
                    continue; // Openfire's TLS trust manager already refused the certificate: also a refusal
                }
                if (!bosh.mechanisms().contains("EXTERNAL")) {
                    continue; // Openfire's own trust check already declined to offer EXTERNAL: also a refusal
                }

                final BoshClient.AuthResult auth = bosh.authExternal(null);

                assertEquals("not-authorized", auth.condition(), bad.certificate().getSubjectX500Principal().getName());
            }
        }
    }

    @Test
    void passwordLoginWithoutCertificateStillWorks() throws Exception {
        try (BoshClient bosh = client(null)) {
            bosh.createSession();
            assertTrue(bosh.mechanisms().contains("PLAIN") && !bosh.mechanisms().contains("EXTERNAL"), "offered: " + bosh.mechanisms());

            final BoshClient.AuthResult auth = bosh.authPlain("bob", openfire.password("bob"));

            assertTrue(auth.success(), "PLAIN failed: " + auth.condition());
        }
    }

    @Test
    void certificateSessionCannotBecomeSomebodyElseWithAPassword() throws Exception {
        try (BoshClient bosh = client(alice)) {
            bosh.createSession();

            final BoshClient.AuthResult auth = bosh.authPlain("bob", openfire.password("bob"));

            assertFalse(auth.success());
            assertEquals("not-authorized", auth.condition());
        }
    }

    @Test
    void stolenSessionIdIsUselessWithoutTheCertificate() throws Exception {
        try (BoshClient victim = client(alice); BoshClient thief = client(null)) {
            // Setup
            victim.createSession();
            assertTrue(victim.authExternal(null).success());

            // Execute: the thief replays the victim's sid with the next rid
            final long rid = victim.nextRid();
            final BoshClient.BoshResponse stolen = thief.request("<body xmlns='http://jabber.org/protocol/httpbind' rid='" + rid
                + "' sid='" + victim.sid() + "'><presence xmlns='jabber:client'/></body>", Map.of());
            final BoshClient.BoshResponse unknown = thief.request("<body xmlns='http://jabber.org/protocol/httpbind' rid='" + rid
                + "' sid='no-such-session'><presence xmlns='jabber:client'/></body>", Map.of());

            // Verify: refused, with exactly real Openfire's answer for a sid that does not exist
            assertEquals(404, stolen.status(), stolen.text());
            assertEquals(unknown.status(), stolen.status());
            assertEquals(unknown.text(), stolen.text());
            assertEquals(unknown.headers().firstValue("Access-Control-Allow-Origin"), stolen.headers().firstValue("Access-Control-Allow-Origin"));
            assertEquals("", stolen.headers().firstValue("X-BOSH-Certificate-Refusal").orElse(""), "no hint that the sid is live");
        }
    }
}
