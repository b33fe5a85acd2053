package org.igniterealtime.openfire.plugin.boshcertauth.it;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15 on a real Openfire (httpbind.client.cert.policy=wanted, a test CA in the BOSH client truststore): a
 * certificate that is presented but cannot be used is no longer silent — its reason is in the session-creation
 * answer, the plugin log, the admin page's attempts and Openfire's security audit; EXTERNAL stays offered; the
 * plugin's own refusals carry Openfire's CORS headers and expose the reason header.
 */
@ExtendWith(AttachOpenfireLogs.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnusableCertificateIT {

    private static final String PAGE = "plugins/boshcertauth/boshcertauth-status";
    private static final String REFUSAL_HEADER = "X-BOSH-Certificate-Refusal";
    private static TestPki.Issued foreignDomain;
    private static TestPki.Issued noRevocationSource;
    private static OpenfireServer openfire;

    @BeforeAll
    static void startOpenfire() throws Exception {
        final TestPki.Issued ca = TestPki.rootCa("boshcertauth unusable IT CA");
        foreignDomain = TestPki.certificate("alice elsewhere").xmppAddr("alice@example.org").issuedBy(ca).build();
        // Of the trusted CA: a JSSE client sends only certificates of the CAs the server names (browsers send any).
        noRevocationSource = TestPki.certificate("alice no CRL").xmppAddr("alice@localhost").issuedBy(ca).build();
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

    @Test
    @Order(1)
    void foreignDomainIsNamedAtSessionCreationAndRecordedEverywhere() throws Exception {
        try (BoshClient bosh = BoshClient.builder(openfire.boshHttpsUri()).clientCertificate(foreignDomain).build()) {
            // Execute
            final BoshClient.BoshResponse created = bosh.createSession();
            final BoshClient.AuthResult external = bosh.authExternal(null);

            // Verify: the client is told, password users keep their mechanisms, EXTERNAL fails as not-authorized
            assertEquals("FOREIGN_DOMAIN", created.headers().firstValue(REFUSAL_HEADER).orElse(null), created.text());
            assertTrue(bosh.mechanisms().contains("EXTERNAL") && bosh.mechanisms().contains("PLAIN"), bosh.mechanisms().toString());
            assertEquals("not-authorized", external.condition());
        }
        assertNotNull(openfire.waitForLog(Pattern.compile("Certificate login \\[bosh\\] from .*failure FOREIGN_DOMAIN.*BOSH session creation"),
            Duration.ofSeconds(10)), "plugin log line");
        final AdminConsole console = openfire.adminConsole();
        final String page = console.get(PAGE);
        final int table = page.indexOf("Recent certificate login attempts");
        assertTrue(table > 0 && page.indexOf("FOREIGN_DOMAIN", table) > 0, "attempts on the page");
        assertTrue(console.get("security-audit-viewer.jsp").contains("a domain this server does not serve"), "security audit entry");
    }

    @Test
    @Order(2)
    void revocationUnknownUnderHardFailIsNamedAtSessionCreation() throws Exception {
        // Setup: the issue's own case — a valid chain without any revocation source, under HARD_FAIL
        openfire.adminConsole().setProperty("boshcertauth.revocation.mode", "HARD_FAIL");
        try (BoshClient bosh = BoshClient.builder(openfire.boshHttpsUri()).clientCertificate(noRevocationSource).build()) {
            // Execute
            final BoshClient.BoshResponse created = bosh.createSession();
            final BoshClient.AuthResult external = bosh.authExternal(null);

            // Verify
            assertEquals("REVOCATION_UNKNOWN", created.headers().firstValue(REFUSAL_HEADER).orElse(null), created.text());
            assertTrue(bosh.mechanisms().contains("EXTERNAL") && bosh.mechanisms().contains("PLAIN"), bosh.mechanisms().toString());
            assertEquals("temporary-auth-failure", external.condition());
        } finally {
            openfire.adminConsole().setProperty("boshcertauth.revocation.mode", "SOFT_FAIL");
        }
        assertNotNull(openfire.waitForLog(Pattern.compile("Certificate login \\[bosh\\] from .*failure REVOCATION_UNKNOWN.*BOSH session creation"),
            Duration.ofSeconds(10)), "plugin log line");
    }

    @Test
    @Order(3)
    void refusalCarriesOpenfiresCorsHeadersAndExposesTheReason() throws Exception {
        // Setup: certificate login only, so a request without a certificate is refused by the plugin itself
        openfire.adminConsole().setProperty("boshcertauth.sasl.enforcement", "EXTERNAL_ONLY");
        try (BoshClient withoutCertificate = BoshClient.builder(openfire.boshHttpsUri()).build();
             BoshClient unusable = BoshClient.builder(openfire.boshHttpsUri()).clientCertificate(foreignDomain).build()) {
            final Map<String, String> crossOrigin = Map.of("Origin", "https://chat.example.org");

            // Execute
            final BoshClient.BoshResponse refused = withoutCertificate.request(
                "<body rid='1000' to='localhost' xml:lang='en' wait='60' hold='1' ver='1.6' xmpp:version='1.0' "
                    + "xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh'/>", crossOrigin);
            unusable.createSession();
            final BoshClient.AuthResult plain = unusable.authPlain("alice", openfire.password("alice"));

            // Verify: Openfire's defaults (CORS on, all origins) as its own answers carry them
            assertEquals(403, refused.status(), refused.text());
            assertEquals("NO_CERTIFICATE", refused.headers().firstValue(REFUSAL_HEADER).orElse(null));
            assertEquals("*", refused.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertTrue(refused.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
            assertEquals(REFUSAL_HEADER, refused.headers().firstValue("Access-Control-Expose-Headers").orElse(null));
            assertEquals(java.util.List.of("EXTERNAL"), unusable.mechanisms(), "nothing else would be allowed");
            assertEquals("not-authorized", plain.condition(), "the certificate's reason, not invalid-mechanism");
        } finally {
            openfire.adminConsole().setProperty("boshcertauth.sasl.enforcement", "CERTIFICATE_IDENTITY");
        }
        assertNotNull(openfire.waitForLog(Pattern.compile("Certificate login \\[sasl/PLAIN\\] from .*failure FOREIGN_DOMAIN"),
            Duration.ofSeconds(10)), "under EXTERNAL_ONLY the certificate's own reason, not MECHANISM_NOT_ALLOWED");
    }
}
