package org.igniterealtime.openfire.plugin.boshcertauth.it;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.igniterealtime.openfire.plugin.boshcertauth.it.AdminPageForms.first;
import static org.igniterealtime.openfire.plugin.boshcertauth.it.AdminPageForms.settingsForm;
import static org.igniterealtime.openfire.plugin.boshcertauth.it.AdminPageForms.tokens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin pages in a real Openfire (each version CI has: 5.0.5, 5.1.1, 5.2.0-SNAPSHOT), used the way an administrator does: found in their sidebar group,
 * decorated like Openfire's own pages, a valid change saved with the CSRF token, an invalid one refused, a real
 * certificate login listed, a pasted certificate tested. With -Dadmin.screenshot=file.png (and -Dscreenshot.node.dir) it
 * also takes screenshots of each page with headless Chromium for a human to look at.
 */
@ExtendWith(AttachOpenfireLogs.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminPageIT {

    /** The plugin's pages (admin.ConsolePage), each a sidebar item of its own. */
    private static final String PAGE = "plugins/boshcertauth/boshcertauth-settings";
    private static final String STATUS_PAGE = "plugins/boshcertauth/boshcertauth-status";
    private static final String TEST_PKI_PAGE = "plugins/boshcertauth/boshcertauth-test-pki";
    private static final String SESSIONS_PAGE = "plugins/boshcertauth/boshcertauth-sessions";
    private static final String MIN_RSA = "boshcertauth.certificate.min-rsa-key-bits";
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final char[] ISSUED_PASSWORD = "issued-on-the-admin-page".toCharArray();

    private static TestPki.Issued ca;
    private static TestPki.Issued alice;
    private static OpenfireServer openfire;
    private static AdminConsole console;

    @BeforeAll
    static void startOpenfire() throws Exception {
        ca = TestPki.rootCa("boshcertauth admin IT CA");
        alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(ca).build();
        openfire = OpenfireServer.builder()
            .property("httpbind.client.cert.policy", "wanted")
            .trustClientCertificate("boshcertauth-admin-it-ca", ca.certificate())
            .start();
        console = openfire.adminConsole();
    }

    @AfterAll
    static void stopOpenfire() throws Exception {
        if (openfire != null) {
            try {
                screenshotIfAsked();
            } finally {
                openfire.close();
            }
        }
    }

    @Test
    @Order(1)
    void pagesAreInTheirOwnSidebarGroupAndDecoratedLikeOpenfiresPages() throws Exception {
        // Execute
        final String otherPage = console.get("http-bind.jsp");
        final String page = console.get(PAGE);
        final String status = console.get(STATUS_PAGE);
        final String testPki = console.get(TEST_PKI_PAGE);
        final String sessions = console.get(SESSIONS_PAGE);

        // Verify
        // Openfire's layout: the tab's sidebar groups are its sub-navigation bar (Server > ... > our group, linking to
        // the group's first item); the left sidebar lists the items of the group the page is in
        assertTrue(linksTo(otherPage, PAGE), "no link to the product's group in Server's sub-navigation");
        assertTrue(otherPage.contains(">Certificate Login for Web Clients<"), "sidebar group not localised");
        for (String path : new String[] {PAGE, STATUS_PAGE, SESSIONS_PAGE, TEST_PKI_PAGE}) {
            assertTrue(linksTo(status, path), "no sidebar link to " + path);
        }
        assertTrue(status.contains(">Status &amp; Diagnostics<") || status.contains(">Status & Diagnostics<"), "sidebar item not localised");
        for (String html : new String[] {page, status, sessions, testPki}) {
            assertTrue(html.contains("jive-sidebar") || html.contains("id=\"jive-sidebar"), "not decorated by SiteMesh");
            assertTrue(html.contains("jive-contentBoxHeader"));
            assertFalse(html.contains("???"), "missing strings");
            assertEquals(countMatches(html, "<form "), countMatches(html, "name=\"csrf\" value=\"[^\"]+\""), "no form without Openfire's token");
        }
        assertTrue(page.contains("name=\"" + MIN_RSA + "\""));
        assertTrue(status.contains(">Active<"), "plugin status not active:\n" + status);
        assertTrue(status.contains("CN=boshcertauth admin IT CA"), "the BOSH truststore's CA is listed");
        // one form per page and action: save; flush caches, test a certificate; block a certificate (no live session
        // yet, so no end/block buttons); trust the test CA, issue a certificate
        assertEquals(1, countMatches(page, "name=\"csrf\" value=\"[^\"]+\""), "the settings page has one form");
        assertEquals(2, countMatches(status, "name=\"csrf\" value=\"[^\"]+\""));
        assertEquals(1, countMatches(sessions, "name=\"csrf\" value=\"[^\"]+\""));
        assertEquals(2, countMatches(testPki, "name=\"csrf\" value=\"[^\"]+\""));
    }

    @Test
    @Order(2)
    void validChangeIsSavedAndInvalidOneRefused() throws Exception {
        // Setup
        final Map<String, String> valid = settingsForm(console.get(PAGE));
        valid.put(MIN_RSA, "3072");

        // Execute: a valid change
        final HttpResponse<String> saved = console.postForm(PAGE, valid);

        // Verify
        // (on 5.2 this save was an HTTP 500, NoSuchMethodError: OF-3313 changed JiveGlobals.setProperty's return type)
        assertEquals(200, saved.statusCode(), () -> "Openfire " + openfire.openfireVersion() + ": " + saved.body());
        assertTrue(saved.body().contains("class=\"jive-success\""), saved.body());
        assertEquals("3072", console.systemProperties(MIN_RSA).get(MIN_RSA), () -> "not saved on Openfire " + openfire.openfireVersion());

        // Execute: an invalid change and, separately, one without the CSRF token
        final Map<String, String> invalid = settingsForm(console.get(PAGE));
        invalid.put(MIN_RSA, "99999");
        invalid.put("boshcertauth.certificate.min-ec-key-bits", "384");
        final HttpResponse<String> refused = console.postForm(PAGE, invalid);
        final Map<String, String> forged = settingsForm(console.get(PAGE));
        forged.remove("csrf");
        forged.put(MIN_RSA, "4096");
        final HttpResponse<String> forgedAnswer = console.postForm(PAGE, forged);

        // Verify
        assertTrue(refused.body().contains("&#39;99999&#39; is out of range: use a number from 1024 to 16384."), refused.body());
        assertEquals("3072", console.systemProperties(MIN_RSA).get(MIN_RSA));
        assertEquals("256", console.systemProperties("boshcertauth.certificate.min-ec-key-bits").get("boshcertauth.certificate.min-ec-key-bits"),
            "the valid part of a refused form is not written either (256: the default)");
        assertEquals(302, forgedAnswer.statusCode(), "PluginServlet refuses a POST without its token");
        assertEquals("3072", console.systemProperties(MIN_RSA).get(MIN_RSA));
        assertTrue(console.get(PAGE).contains("Openfire refused the request"), "PluginServlet's message is shown");

        // Restore the default so that the certificate login below (RSA 2048) passes
        final Map<String, String> restore = settingsForm(console.get(PAGE));
        restore.put(MIN_RSA, "2048");
        assertTrue(console.postForm(PAGE, restore).body().contains("class=\"jive-success\""));
    }

    @Test
    @Order(3)
    void certificateLoginIsListedAndAPastedCertificateCanBeTested() throws Exception {
        // Setup: a real certificate login over BOSH
        final KeyStore keyStore = TestPki.keyStore(alice, PASSWORD);
        try (BoshClient bosh = BoshClient.builder(openfire.boshHttpsUri()).clientCertificate(keyStore, PASSWORD).build()) {
            bosh.createSession();
            assertTrue(bosh.authExternal(null).success());
        }

        // Execute
        final String page = console.get(STATUS_PAGE);
        final Map<String, String> test = tokens(page);
        test.put("action", "test");
        test.put("pem", TestPki.pem(alice.certificate()));
        test.put("authzid", "");
        final String tested = console.postForm(STATUS_PAGE, test).body();

        // Verify
        final int table = page.indexOf("Recent certificate login attempts");
        assertTrue(table > 0 && page.indexOf("alice@localhost", table) > 0 && page.indexOf(">success<", table) > 0, page);
        assertTrue(tested.contains("would accept this certificate for alice@localhost"), tested);
        assertTrue(tested.contains("User alice@localhost exists"));
        final Map<String, String> garbageForm = tokens(console.get(STATUS_PAGE));    // Openfire's token changes with every page
        garbageForm.put("action", "test");
        garbageForm.put("pem", "not a certificate");
        final String garbage = console.postForm(STATUS_PAGE, garbageForm).body();
        assertTrue(garbage.contains("No certificate found"));
    }

    /**
     * From zero to a certificate login, done entirely from the admin page: trust the test CA (created by that first
     * POST), issue alice's certificate as PKCS#12, and log in over BOSH with it once Openfire restarted BOSH.
     */
    @Test
    @Order(4)
    void testCaTrustedAndCertificateIssuedFromThePageLogAliceIn() throws Exception {
        // Setup: nothing yet, and looking does not create anything
        final Path testCaDirectory = openfire.home().resolve("conf").resolve("boshcertauth-test-ca");
        final String before = console.get(TEST_PKI_PAGE);
        assertTrue(before.contains("For testing only") && before.contains("Not created yet"), before);
        assertFalse(Files.exists(testCaDirectory), "GET created the test CA");

        // Execute: trust the test CA; Openfire notices the truststore change and restarts BOSH
        final OpenfireServer.LogMark mark = openfire.logMark();
        final Map<String, String> trust = tokens(console.get(TEST_PKI_PAGE));
        trust.put("action", "trust-test-ca");
        final HttpResponse<String> trusted = console.postForm(TEST_PKI_PAGE, trust);
        openfire.waitForTruststoreRestarts(mark, Duration.ofSeconds(60));

        // Verify
        assertEquals(200, trusted.statusCode());
        assertTrue(trusted.body().contains("The test CA was added to the Web Binding trust store"), trusted.body());
        // kept in Openfire's database (the same for every cluster node), not as files of this node
        assertTrue(trusted.body().contains("the same test CA on every cluster node"), trusted.body());
        assertTrue(Pattern.compile("SHA-256 fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}").matcher(trusted.body()).find(), trusted.body());
        assertFalse(Files.exists(testCaDirectory), "the test CA was written to OPENFIRE_HOME/conf instead of the database");
        final String truststorePage = console.get("security-truststore.jsp?connectionType=BOSH_C2S");
        assertTrue(truststorePage.contains("boshcertauth-test-ca-"), "Openfire's own page lists the test CA");

        // Execute: issue alice's certificate
        final Map<String, String> issue = tokens(console.get(TEST_PKI_PAGE));
        issue.put("action", "issue-test-certificate");
        issue.put("user", "alice");
        issue.put("p12-password", new String(ISSUED_PASSWORD));
        issue.put("days", "30");
        issue.put("key", "ec-p256");
        final HttpResponse<byte[]> issued = console.postForm(TEST_PKI_PAGE, issue, HttpResponse.BodyHandlers.ofByteArray());
        final HttpResponse<String> pem = console.send(HttpRequest.newBuilder(console.uri(TEST_PKI_PAGE + "?download=test-ca.pem")).GET());

        // Verify: a PKCS#12 download whose CA is the one the page offers as PEM
        assertEquals(200, issued.statusCode());
        assertEquals("application/x-pkcs12", issued.headers().firstValue("Content-Type").orElse(""));
        assertEquals("attachment; filename=\"alice.p12\"", issued.headers().firstValue("Content-Disposition").orElse(""));
        final KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(new ByteArrayInputStream(issued.body()), ISSUED_PASSWORD);
        final Certificate[] chain = p12.getCertificateChain(p12.aliases().nextElement());
        assertEquals(200, pem.statusCode());
        assertEquals(chain[1], CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.body().getBytes(StandardCharsets.US_ASCII))));

        // Execute: log in over BOSH with the downloaded PKCS#12
        try (BoshClient bosh = BoshClient.builder(openfire.boshHttpsUri()).clientCertificate(p12, ISSUED_PASSWORD).build()) {
            bosh.createSession();
            final BoshClient.AuthResult auth = bosh.authExternal(null);
            bosh.restart();
            final String jid = bosh.bindResource("admin-page");

            // Verify
            assertTrue(auth.success(), "EXTERNAL failed: " + auth.condition() + " " + auth.response().text());
            assertEquals("alice@localhost/admin-page", jid);
        }
        final String audit = console.get("security-audit-viewer.jsp");
        assertTrue(audit.contains("Issued a test client certificate for alice@localhost"), "security audit entry");
        assertFalse(audit.contains(new String(ISSUED_PASSWORD)), "the password is not audited");
    }

    /**
     * Issue 17: the recent-attempts list is kept in the database (ofBoshCertAttempt), so an attempt made before the
     * plugin is unloaded is listed again once it is loaded back (the same holds for an Openfire restart).
     */
    @Test
    @Order(5)
    void anAttemptIsStillListedAfterAPluginReload() throws Exception {
        // Setup: a refusal no other test makes (a trusted certificate for a user that does not exist)
        final TestPki.Issued nobody = TestPki.certificate("reload").xmppAddr("reload-check@localhost").issuedBy(ca).build();
        try (BoshClient bosh = BoshClient.builder(openfire.boshHttpsUri()).clientCertificate(TestPki.keyStore(nobody, PASSWORD), PASSWORD).build()) {
            bosh.createSession();
            assertFalse(bosh.authExternal(null).success());
        }
        assertTrue(console.get(STATUS_PAGE).contains("reload-check@localhost"), "the refusal is listed before the reload");

        // Execute
        openfire.removePlugin(Duration.ofSeconds(60));
        openfire.installPlugin(Duration.ofSeconds(60));

        // Verify
        final String page = console.get(STATUS_PAGE);
        final int table = page.indexOf("Recent certificate login attempts");
        assertTrue(table > 0 && page.indexOf("reload-check@localhost", table) > 0, "not listed after the reload:\n" + page);
    }

    // ------------------------------------------------------------------ helpers

    private static boolean linksTo(String html, String path) {
        return html.contains("href=\"" + path + "\"") || html.contains("href=\"/" + path + "\"");
    }

    private static int countMatches(String html, String regex) {
        return (int) Pattern.compile(regex).matcher(html).results().count();
    }

    /**
     * Optional, for humans: -Dadmin.screenshot=target/admin.png -Dscreenshot.node.dir=src/test/e2e (after npm ci there):
     * target/admin-&lt;page&gt;.png for each of the plugin's pages, as the tests above left them.
     */
    private static void screenshotIfAsked() throws Exception {
        final String png = System.getProperty("admin.screenshot", "");
        final String nodeDir = System.getProperty("screenshot.node.dir", "");
        if (png.isEmpty() || nodeDir.isEmpty()) {
            return;
        }
        final Path script = Path.of("src/test/tools/admin-screenshot.mjs").toAbsolutePath();
        final ProcessBuilder builder = new ProcessBuilder("node", script.toString(), openfire.adminConsoleUri().toString(),
            openfire.adminPassword(), String.join(",", PAGE, STATUS_PAGE, TEST_PKI_PAGE), Path.of(png).toAbsolutePath().toString())
            .redirectErrorStream(true);
        builder.environment().put("NODE_MODULES_DIR", Path.of(nodeDir, "node_modules").toAbsolutePath().toString());
        final Process process = builder.start();
        final String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            System.err.println("Screenshot failed: " + output);
        }
    }
}
