package org.igniterealtime.openfire.plugin.boshcertauth.it;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;
import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestRevocationServer;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.XmppWebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static org.igniterealtime.openfire.plugin.boshcertauth.it.AdminPageForms.fieldErrors;
import static org.igniterealtime.openfire.plugin.boshcertauth.it.AdminPageForms.settingsForm;
import static org.igniterealtime.openfire.plugin.boshcertauth.it.AdminPageForms.tokens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real two-node Openfire 5.1.1 cluster on one machine (issue 17): Ignite Realtime's Hazelcast plugin
 * ({@code -Dopenfire.hazelcast=.../hazelcast.jar}), a shared throw-away PostgreSQL, node 1 on 127.0.0.1 and node 2 on
 * 127.0.0.2 (same ports: they live in the shared database), Hazelcast TCP-IP join on 127.0.0.1 (one port each). Skipped without
 * the Openfire distribution, the Hazelcast JAR or PostgreSQL.
 *
 * <p>A node leaves and rejoins the cluster through Openfire's own Clustering page; a change saved elsewhere meanwhile
 * reaches the database but not that node, which is the join window of the issue, made deterministic.</p>
 */
@ExtendWith(AttachOpenfireLogs.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    static final String HAZELCAST_PROPERTY = "openfire.hazelcast";
    private static final String PAGE = "plugins/boshcertauth/boshcertauth-settings";
    /** The cluster view and the attempts of every node are on the Status & Diagnostics page. */
    private static final String STATUS_PAGE = "plugins/boshcertauth/boshcertauth-status";
    private static final String TEST_PKI_PAGE = "plugins/boshcertauth/boshcertauth-test-pki";
    private static final String KEY = Settings.RECENT_ATTEMPTS.getKey();
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Live certificate sessions and the block list are on the Sessions &amp; Blocking page. */
    private static final String SESSIONS_PAGE = "plugins/boshcertauth/boshcertauth-sessions";
    /** "End session" on another node's row: a synchronous cluster task, so the end is on its way when the page answers. */
    private static final Duration SESSION_END_BOUND = Duration.ofSeconds(10);
    /** A block made on node 1 reaches node 2's sessions at node 2's next supervisor tick (5 s), with slack for a busy machine. */
    private static final Duration BLOCK_BOUND = Duration.ofSeconds(20);
    private static final Pattern CLUSTER_STARTED = Pattern.compile("Hazelcast clustering started|Clustering started");

    private static TestPostgres postgres;
    private static OpenfireServer node1;
    private static OpenfireServer node2;
    private static TestPki.Issued alice;
    /** The CA both nodes trust (for certificates a test issues itself). */
    private static TestPki.Issued clusterCa;
    private static final StringBuilder timings = new StringBuilder();

    @BeforeAll
    static void startCluster() throws Exception {
        final String hazelcast = System.getProperty(HAZELCAST_PROPERTY, "");
        assumeTrue(!hazelcast.isBlank() && Files.isRegularFile(Path.of(hazelcast)),
            "no Hazelcast plugin JAR given (-D" + HAZELCAST_PROPERTY + "=../shared/openfire-hazelcast/hazelcast.jar)");
        final Path distribution = OpenfireServer.assumeOpenfireDistribution();
        TestPostgres.assumeBinaries();
        final Instant begin = Instant.now();
        final TestPki.Issued ca = TestPki.rootCa("boshcertauth cluster IT CA");
        clusterCa = ca;
        alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(ca).build();
        postgres = TestPostgres.start();
        mark("PostgreSQL up", begin);
        final Path jdbcDriver = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        final int[] hazelcastPorts = {TestPostgres.freePort(), TestPostgres.freePort()};
        node1 = node(distribution, Path.of(hazelcast), jdbcDriver, ca, "127.0.0.1", hazelcastConfig(hazelcastPorts, 0), null).start();
        node1.waitForLog(CLUSTER_STARTED, WAIT);
        mark("node 1 up (schema installed, cluster started)", begin);
        node2 = node(distribution, Path.of(hazelcast), jdbcDriver, ca, "127.0.0.2", hazelcastConfig(hazelcastPorts, 1), node1.ports())
            .noDefaultUsers().start();
        node2.waitForLog(CLUSTER_STARTED, WAIT);
        waitUntil("both nodes in the cluster", () -> clusterMembers(node1) == 2);
        mark("node 2 up and joined", begin);
    }

    private static OpenfireServer.Builder node(Path distribution, Path hazelcast, Path jdbcDriver, TestPki.Issued ca, String address,
                                               String hazelcastConfig, Map<String, Integer> ports) {
        final OpenfireServer.Builder builder = OpenfireServer.builder()
            .distribution(distribution)
            .bindAddress(address)
            .fqdn("node-" + address.substring(address.lastIndexOf('.') + 1) + ".localhost")
            .database(postgres.openfireDatabase())
            .libJar(jdbcDriver)
            .otherPlugin(hazelcast)
            .confFile("hazelcast-local-config.xml", hazelcastConfig)
            .property("clustering.enabled", "true")
            .property("xmpp.proxy.enabled", "false")
            .property("httpbind.client.cert.policy", "wanted")
            .trustClientCertificate("boshcertauth-cluster-it-ca", ca.certificate())
            .jvmArgument("-Dhazelcast.phone.home.enabled=false")
            .jvmArgument("-Dhazelcast.socket.bind.any=false")
            .jvmArgument("-Dhazelcast.shutdownhook.policy=GRACEFUL")
            .startTimeout(Duration.ofSeconds(180));
        return ports == null ? builder : builder.ports(ports);
    }

    /**
     * TCP-IP join of the two members, multicast off. Hazelcast binds to an address of a network interface only, and
     * the loopback interface has 127.0.0.1 alone: both members use it, each on its own port.
     */
    static String hazelcastConfig(int[] ports, int member) {
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <hazelcast xmlns="http://www.hazelcast.com/schema/config">
                <network>
                    <port auto-increment="false" port-count="1">%d</port>
                    <join>
                        <multicast enabled="false"/>
                        <tcp-ip enabled="true">
                            <member>127.0.0.1:%d</member>
                            <member>127.0.0.1:%d</member>
                        </tcp-ip>
                    </join>
                    <interfaces enabled="true">
                        <interface>127.0.0.1</interface>
                    </interfaces>
                </network>
            </hazelcast>
            """.formatted(ports[member], ports[0], ports[1]);
    }

    @AfterAll
    static void stopCluster() {
        try {
            reportMemory();
        } finally {
            // Node 2 first: node 1 is the senior member and the schema's owner; the database last.
            for (AutoCloseable c : new AutoCloseable[] {node2, node1, postgres}) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        System.err.println("Could not stop " + c + ": " + e);
                    }
                }
            }
            System.out.println("ClusterIT timings:\n" + timings);
        }
    }

    @Test
    @Order(10)
    void certificateLoginOverBoshAndWebSocketOnBothNodes() throws Exception {
        for (OpenfireServer node : List.of(node1, node2)) {
            // Execute
            final BoshClient.AuthResult bosh;
            try (BoshClient client = BoshClient.builder(node.boshHttpsUri()).clientCertificate(alice).build()) {
                client.createSession();
                bosh = client.authExternal(null);
            }
            final XmppWebSocketClient.AuthResult webSocket;
            final KeyStore keys = TestPki.keyStore(alice, PASSWORD);
            try (XmppWebSocketClient client = XmppWebSocketClient.connect(
                URI.create("wss://" + node.host() + ":" + node.boshHttpsPort() + "/ws/"), keys, PASSWORD)) {
                client.open("localhost");
                webSocket = client.authExternal(null);
            }

            // Verify
            assertTrue(bosh.success(), node + " BOSH: " + bosh.condition());
            assertTrue(webSocket.success(), node + " WebSocket: " + webSocket.frame());
        }
    }

    @Test
    @Order(20)
    void theClusterViewShowsBothNodesAgreeingAndTheirAttempts() throws Exception {
        // Execute
        final String page = node1.adminConsole().get(STATUS_PAGE);

        // Verify: both nodes' hosts, no warning about a missing node or a difference
        assertTrue(page.contains("Cluster"), page);
        assertTrue(page.contains("node-1.localhost") && page.contains("node-2.localhost"), page);
        assertFalse(page.contains("did not answer"), page);
        assertFalse(page.contains("The nodes differ in"), page);
        // the attempts of the first test, from both nodes, each with its node's name
        assertTrue(page.contains("Recent certificate login attempts on all cluster nodes"), page);
        for (String node : List.of("node-1", "node-2")) {
            // the node column (host name as the cluster reports it, e.g. "node-2.localhost (127.0.0.1)"), then the time
            assertTrue(Pattern.compile("<td>" + node + "\\.localhost[^<]*</td><td>20\\d\\d-").matcher(page).find(), node + ":\n" + page);
        }
    }

    @Test
    @Order(30)
    void aNodeThatMissedAChangeWhileOutsideTheClusterTakesItOnRejoining() throws Exception {
        // Setup: node 2 leaves; node 1 saves 150 (database and node 1 only)
        setClustering(node2, false);
        saveRecentAttempts(node1, "150");
        assertEquals(Optional.of("150"), storedValue());
        assertEquals("200", propertyValue(node2), "node 2 did not hear of the change (it still has the default)");

        // Execute
        final Instant begin = Instant.now();
        setClustering(node2, true);
        mark("node 2 rejoined", begin);

        // Verify
        waitUntil("node 2 takes 150 from the database", () -> "150".equals(propertyValue(node2)));
    }

    @Test
    @Order(40)
    void aSaveOnAStaleNodeWritesTheSubmittedValueAndTheOtherNodeTakesIt() throws Exception {
        // Setup: node 2 leaves; node 1 saves 120; node 2 still shows 150
        setClustering(node2, false);
        saveRecentAttempts(node1, "120");
        assertEquals("150", propertyValue(node2));

        // Execute: the admin saves 150 on node 2 (its own view)
        saveRecentAttempts(node2, "150");
        setClustering(node2, true);

        // Verify: the database and both nodes hold what was submitted last
        assertEquals(Optional.of("150"), storedValue());
        waitUntil("node 1 takes 150 when node 2 rejoins", () -> "150".equals(propertyValue(node1)));
        assertEquals("150", propertyValue(node2));
    }

    // --- clustersessions (issue 20): live certificate sessions of every node, ending and blocking across nodes -----

    @Test
    @Order(61)
    void aCertificateSessionOnNode2IsListedOnNode1sSessionsPageWithNode2sName() throws Exception {
        try (BoshClient bosh = loggedInOnNode2()) {
            // Execute
            waitUntil("node 1's Sessions page lists node 2's session " + bosh.sid(), () -> sessionRow(node1, bosh.sid()).isPresent());
            final String row = sessionRow(node1, bosh.sid()).orElseThrow();

            // Verify: the row names node 2 and carries node 2's id for "End session"
            assertTrue(row.contains("<td>node-2.localhost"), row);
            assertFalse(row.contains("<td>node-1.localhost"), row);
            assertTrue(row.contains(CertificateSummary.sha256(alice.certificate())), row);
            assertTrue(row.contains("name=\"node\""), row);
        }
    }

    @Test
    @Order(62)
    void endSessionOnNode1EndsTheSessionOnNode2() throws Exception {
        try (BoshClient bosh = loggedInOnNode2()) {
            // Setup: the row on node 1's page, the client's held request on node 2
            waitUntil("node 1's Sessions page lists node 2's session " + bosh.sid(), () -> sessionRow(node1, bosh.sid()).isPresent());
            final AdminConsole console = node1.adminConsole();
            final String page = console.get(SESSIONS_PAGE);
            final String row = sessionRow(page, bosh.sid()).orElseThrow();
            final CompletableFuture<String> end = streamEnd(bosh, SESSION_END_BOUND);

            // Execute: "End session" on node 2's row, on node 1
            final Map<String, String> form = AdminPageForms.tokens(page);
            form.put("action", "end-session");
            form.put("session", bosh.sid());
            form.put("node", AdminPageForms.first(row, "name=\"node\" value=\"([^\"]*)\""));
            final Instant begin = Instant.now();
            final HttpResponse<String> ended = console.postForm(SESSIONS_PAGE, form);

            // Verify: node 1 says it ended it on node 2; the client on node 2 gets the stream error within the bound
            assertEquals(200, ended.statusCode());
            assertTrue(ended.body().contains("class=\"jive-success\"") && ended.body().contains("node-2.localhost"), ended.body());
            final String error = end.get(SESSION_END_BOUND.toSeconds() + 5, TimeUnit.SECONDS);
            mark("node 2's session ended after End session on node 1", begin);
            assertTrue(error.contains("policy-violation") && error.contains("SESSION_ENDED"), error);
        }
    }

    @Test
    @Order(63)
    void blockingOnNode1EndsTheSessionOnNode2AndNode2RefusesTheNextLogin() throws Exception {
        final String sha256 = CertificateSummary.sha256(alice.certificate());
        try {
            try (BoshClient bosh = loggedInOnNode2()) {
                // Setup
                waitUntil("node 1's Sessions page lists node 2's session " + bosh.sid(), () -> sessionRow(node1, bosh.sid()).isPresent());
                final AdminConsole console = node1.adminConsole();
                final String page = console.get(SESSIONS_PAGE);
                final CompletableFuture<String> end = streamEnd(bosh, BLOCK_BOUND);

                // Execute: "Block certificate" on node 1
                final Map<String, String> form = AdminPageForms.tokens(page);
                form.put("action", "block-certificate");
                form.put("sha256", sha256);
                form.put("reason", "cluster IT");
                final Instant begin = Instant.now();
                final HttpResponse<String> blocked = console.postForm(SESSIONS_PAGE, form);

                // Verify: node 2's session ends within the bound (node 2's supervisor reads the block list every 5 s)
                assertTrue(blocked.body().contains("class=\"jive-success\""), blocked.body());
                final String error = end.get(BLOCK_BOUND.toSeconds() + 5, TimeUnit.SECONDS);
                mark("node 2's session ended after a block on node 1", begin);
                assertTrue(error.contains("policy-violation") && error.contains("CERTIFICATE_BLOCKED"), error);
            }

            // Verify: a new login on node 2 is refused, and node 2 records it as CERTIFICATE_BLOCKED
            try (BoshClient bosh = BoshClient.builder(node2.boshHttpsUri()).clientCertificate(alice).build()) {
                bosh.createSession();
                final BoshClient.AuthResult auth = bosh.authExternal(null);
                assertFalse(auth.success(), "login of a blocked certificate on node 2");
                assertEquals("not-authorized", auth.condition());
            }
            final String attempts = node2.adminConsole().get(STATUS_PAGE);
            assertTrue(Pattern.compile("<tr[^>]*>(?:(?!</tr>).)*\\(sasl\\)(?:(?!</tr>).)*CERTIFICATE_BLOCKED", Pattern.DOTALL).matcher(attempts).find(),
                attempts);
        } finally {
            // Leave alice usable for the cases after this one
            try (Connection c = postgres.connect(); PreparedStatement s = c.prepareStatement("DELETE FROM ofBoshCertBlock WHERE blockKey = ?")) {
                s.setString(1, "sha256:" + sha256);
                s.executeUpdate();
            }
        }
    }

    /** Alice logged in with her certificate over BOSH on node 2 and bound (a live certificate session there). */
    private static BoshClient loggedInOnNode2() throws Exception {
        final BoshClient bosh = BoshClient.builder(node2.boshHttpsUri()).clientCertificate(alice).waitSeconds(30).build();
        try {
            bosh.createSession();
            assertTrue(bosh.authExternal(null).success(), "BOSH login on node 2");
            bosh.restart();
            bosh.bindResource("cluster-it");
            return bosh;
        } catch (Exception | AssertionError e) {
            bosh.close();
            throw e;
        }
    }

    /**
     * Keeps a request held on the session (as a BOSH client does) until the server ends the stream, and gives the
     * answer that ended it; fails after the bound. Started before the action, so the end arrives on a held request.
     */
    private static CompletableFuture<String> streamEnd(BoshClient bosh, Duration bound) throws InterruptedException {
        final CompletableFuture<String> end = CompletableFuture.supplyAsync(() -> {
            final Instant deadline = Instant.now().plus(bound);
            try {
                while (Instant.now().isBefore(deadline)) {
                    final BoshClient.BoshResponse response = bosh.poll();
                    if (response.text().contains("stream:error") || response.text().contains("terminate")) {
                        return response.text();
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            throw new AssertionError("the stream was still open after " + bound);
        });
        Thread.sleep(500); // let the held request reach node 2 (order only; nothing is measured)
        return end;
    }

    /** The table row of the session with this id on that node's Sessions page, if listed. */
    private static Optional<String> sessionRow(OpenfireServer node, String sessionId) {
        try {
            return sessionRow(node.adminConsole().get(SESSIONS_PAGE), sessionId);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Optional<String> sessionRow(String page, String sessionId) {
        final java.util.regex.Matcher row = Pattern.compile("<tr[^>]*>(?:(?!</tr>).)*name=\"session\" value=\"" + Pattern.quote(sessionId)
            + "\"(?:(?!</tr>).)*</tr>", Pattern.DOTALL).matcher(page);
        return row.find() ? Optional.of(row.group()) : Optional.empty();
    }

    @Test
    @Order(41)
    void aCrlFetchedOnOneNodeServesTheOtherAndARevocationNode1LearnsIsKnownOnNode2() throws Exception {
        try (TestRevocationServer crls = TestRevocationServer.start()) {
            // Setup: two certificates of the cluster's CA with a CRL distribution point on loopback; the CRL of two
            // hours ago revokes neither
            final Instant now = Instant.now();
            crls.crlValidity(now.minus(Duration.ofHours(2)), now.plus(Duration.ofDays(1)));
            final TestPki.Issued aliceCrl = TestPki.certificate("alice shared crl").xmppAddr("alice@localhost")
                .crlDistributionPoint(crls.crlUrl(clusterCa)).issuedBy(clusterCa).build();
            final TestPki.Issued bobCrl = TestPki.certificate("bob shared crl").xmppAddr("bob@localhost")
                .crlDistributionPoint(crls.crlUrl(clusterCa)).issuedBy(clusterCa).build();

            // Execute: alice logs in on node 1, then on node 2
            final String onNode1 = externalLogin(node1, aliceCrl);
            final String onNode2 = externalLogin(node2, aliceCrl);

            // Verify: one download for the cluster
            assertEquals("success", onNode1);
            assertEquals("success", onNode2);
            assertEquals(1, crls.crlRequests(), "node 2 took node 1's CRL from the cluster's cache");

            // Setup: the CA revokes bob in a newer CRL; node 1's admin flushes the caches (which clears the shared
            // CRLs, so node 1 asks the CA) and node 1 learns of the revocation at bob's login there.
            // Bob, not alice: the verdict caches are per node, and node 2 holds alice's success until it expires.
            crls.revoke(bobCrl.certificate());
            crls.crlValidity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
            flushCaches(node1);
            assertTrue(externalLogin(node1, bobCrl).startsWith("refused"), "node 1 refuses bob");
            assertEquals(2, crls.crlRequests());

            // Execute: bob on node 2, whose own copy (the older CRL) is still current
            final String bobOnNode2 = externalLogin(node2, bobCrl);

            // Verify: node 2 refuses bob without a download of its own: it took node 1's newer CRL
            assertTrue(bobOnNode2.startsWith("refused"), bobOnNode2);
            assertEquals(2, crls.crlRequests(), "node 2 did not fetch the CRL itself");
            assertNotNull(node2.waitForLog(Pattern.compile("failure REVOKED"), WAIT), "node 2's reason is the revocation");
        }
    }

    /** SASL EXTERNAL over BOSH with the certificate: "success", or "refused ..." with what was refused and why. */
    private static String externalLogin(OpenfireServer node, TestPki.Issued certificate) throws Exception {
        try (BoshClient client = BoshClient.builder(node.boshHttpsUri()).clientCertificate(certificate).build()) {
            final BoshClient.BoshResponse created = client.createSession();
            if (created.status() != 200) {
                return "refused at session creation: " + created.status() + " " + created.text();
            }
            final BoshClient.AuthResult result = client.authExternal(null);
            return result.success() ? "success" : "refused: " + result.condition() + " " + result.text();
        }
    }

    /** The Status & Diagnostics page's "flush caches" button, with the tokens of the page just fetched. */
    private static void flushCaches(OpenfireServer node) throws Exception {
        final AdminConsole console = node.adminConsole();
        final Map<String, String> form = AdminPageForms.tokens(console.get(STATUS_PAGE));
        form.put("action", "flush-caches");
        final HttpResponse<String> flushed = console.postForm(STATUS_PAGE, form);
        assertEquals(200, flushed.statusCode(), flushed.body());
    }

    /**
     * Issue 17: the test CA is cluster-wide (Openfire's database). "Trust the test CA" and issuing on node 1 create it;
     * node 2's Test PKI page shows the same CA, trusting it there adds that CA (no second one), and the certificate node
     * 1 issued logs in on node 2. Deleting it on node 1 deletes it for node 2 too.
     */
    @Test
    @Order(51)
    void theTestCaOfNode1IsTheTestCaOfNode2() throws Exception {
        // Setup: trust the test CA on node 1 (this creates it) and issue alice's certificate there
        trustTestCa(node1);
        final String fingerprintOnNode1 = testCaFingerprint(node1.adminConsole().get(TEST_PKI_PAGE));
        final AdminConsole console1 = node1.adminConsole();
        final Map<String, String> issue = tokens(console1.get(TEST_PKI_PAGE));
        issue.put("action", "issue-test-certificate");
        issue.put("user", "alice");
        issue.put("p12-password", new String(PASSWORD));
        issue.put("days", "30");
        issue.put("key", "ec-p256");
        final HttpResponse<byte[]> issued = console1.postForm(TEST_PKI_PAGE, issue, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("application/x-pkcs12", issued.headers().firstValue("Content-Type").orElse(""));
        final KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(new java.io.ByteArrayInputStream(issued.body()), PASSWORD);

        // Execute: node 2's page, and "Trust the test CA" on node 2
        final String pageOnNode2 = node2.adminConsole().get(TEST_PKI_PAGE);
        final String trustedOnNode2 = trustTestCa(node2);

        // Verify: one CA for both nodes, and node 1's certificate logs in on node 2
        assertEquals(fingerprintOnNode1, testCaFingerprint(pageOnNode2), "node 2 shows another test CA");
        assertEquals(fingerprintOnNode1, testCaFingerprint(trustedOnNode2), "trusting on node 2 made a second test CA");
        assertTrue(trustedOnNode2.contains("The test CA was added to the Web Binding trust store"), trustedOnNode2);
        try (BoshClient bosh = BoshClient.builder(node2.boshHttpsUri()).clientCertificate(p12, PASSWORD).build()) {
            bosh.createSession();
            final BoshClient.AuthResult auth = bosh.authExternal(null);
            assertTrue(auth.success(), "node 1's test certificate on node 2: " + auth.condition());
        }
        try (Connection c = postgres.connect(); PreparedStatement s = c.prepareStatement("SELECT COUNT(*), MIN(fingerprint) FROM ofBoshCertTestCa");
             ResultSet r = s.executeQuery()) {
            assertTrue(r.next());
            assertEquals(1, r.getInt(1));
            assertEquals(fingerprintOnNode1.replace(":", "").toLowerCase(java.util.Locale.ROOT), r.getString(2));
        }

        // Execute: clean up as an admin would: out of node 2's truststore, then deleted on node 1 (for every node)
        postTestCaAction(node2, "untrust-test-ca");
        postTestCaAction(node1, "delete-test-ca");

        // Verify
        assertTrue(node2.adminConsole().get(TEST_PKI_PAGE).contains("Not created yet"), "node 2 still sees the deleted test CA");
    }

    /** Posts "Trust the test CA" on the node's Test PKI page and waits for the node's BOSH restart; the answer page. */
    private static String trustTestCa(OpenfireServer node) throws Exception {
        return postTestCaAction(node, "trust-test-ca");
    }

    /** A test-CA button of the node's Test PKI page; waits for the BOSH restart a truststore change brings. */
    private static String postTestCaAction(OpenfireServer node, String action) throws Exception {
        final AdminConsole console = node.adminConsole();
        final Map<String, String> form = tokens(console.get(TEST_PKI_PAGE));
        form.put("action", action);
        final OpenfireServer.LogMark mark = node.logMark();
        final HttpResponse<String> answer = console.postForm(TEST_PKI_PAGE, form);
        assertEquals(200, answer.statusCode(), answer.body());
        node.waitForTruststoreRestarts(mark, WAIT);
        return answer.body();
    }

    private static String testCaFingerprint(String page) {
        final java.util.regex.Matcher m = Pattern.compile("SHA-256 fingerprint: ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})").matcher(page);
        assertTrue(m.find(), "no test CA fingerprint on the page:\n" + page);
        return m.group(1);
    }

    @Test
    @Order(90)
    void aNodeWithoutThePluginIsNamedAsMissing() throws Exception {
        // Setup
        node2.removePlugin(WAIT);
        try {
            // Execute
            final String page = node1.adminConsole().get(STATUS_PAGE);

            // Verify
            assertTrue(page.contains("did not answer"), page);
            assertTrue(page.contains("no answer (plugin missing)"), page);
        } finally {
            node2.installPlugin(WAIT);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private static void saveRecentAttempts(OpenfireServer node, String value) throws Exception {
        final AdminConsole console = node.adminConsole();
        final Map<String, String> form = settingsForm(console.get(PAGE));
        form.put(KEY, value);
        final HttpResponse<String> saved = console.postForm(PAGE, form);
        assertEquals(200, saved.statusCode());
        assertEquals(List.of(), fieldErrors(saved.body()));
    }

    private static String propertyValue(OpenfireServer node) {
        try {
            return node.adminConsole().propertyValue(KEY).orElse(null);
        } catch (Exception e) {
            return null;
        }
    }

    private static Optional<String> storedValue() throws Exception {
        try (Connection c = postgres.connect(); PreparedStatement s = c.prepareStatement("SELECT propValue FROM ofProperty WHERE name = ?")) {
            s.setString(1, KEY);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** Openfire's Clustering page, as an admin uses it; it answers once the node has left or joined (30 s at most). */
    private static void setClustering(OpenfireServer node, boolean enabled) throws Exception {
        final AdminConsole console = node.adminConsole();
        console.get("system-clustering.jsp");
        try {
            final HttpResponse<String> response = console.postForm("system-clustering.jsp", Map.of(
                "csrf", console.csrfCookie().orElseThrow(), "clusteringEnabled", Boolean.toString(enabled), "update", "Save"));
            assertEquals(200, response.statusCode());
        } catch (java.net.http.HttpTimeoutException slowJoin) {
            // The page answers once Hazelcast has joined, which can take longer than the console client's 30 s
            // under load; the members count below decides.
        }
        waitUntil(node + (enabled ? " joined" : " left"), () -> clusterMembers(node1) == (enabled ? 2 : 1));
    }

    /** The members node's Clustering page lists (0 when it is not clustered or cannot be read). */
    private static int clusterMembers(OpenfireServer node) {
        try {
            final String page = node.adminConsole().get("system-clustering.jsp");
            int count = 0;
            for (String host : List.of("node-1.localhost", "node-2.localhost")) {
                if (page.contains(host)) {
                    count++;
                }
            }
            return count;
        } catch (Exception e) {
            return 0;
        }
    }

    private static void waitUntil(String what, Supplier<Boolean> condition) throws InterruptedException {
        final Instant deadline = Instant.now().plus(WAIT);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not within " + WAIT + ": " + what);
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    private static void mark(String what, Instant since) {
        timings.append(String.format("  %-50s %6d ms%n", what, Duration.between(since, Instant.now()).toMillis()));
    }

    private static void reportMemory() {
        for (OpenfireServer node : new OpenfireServer[] {node1, node2}) {
            if (node == null) {
                continue;
            }
            node.processHandle().ifPresent(p -> {
                try {
                    final String status = Files.readString(Path.of("/proc/" + p.pid() + "/status"));
                    status.lines().filter(l -> l.startsWith("VmRSS") || l.startsWith("VmHWM"))
                        .forEach(l -> timings.append("  ").append(node.host()).append(' ').append(l.replaceAll("\\s+", " ")).append('\n'));
                } catch (Exception e) {
                    timings.append("  no memory figure for ").append(node.host()).append('\n');
                }
            });
        }
    }
}
