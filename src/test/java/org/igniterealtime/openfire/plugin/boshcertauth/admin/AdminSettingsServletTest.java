package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.eclipse.jetty.ee8.servlet.FilterHolder;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.PluginStatus;
import org.igniterealtime.openfire.plugin.boshcertauth.RuntimeHolder;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AttemptLog;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.config.ConfigurationLoader;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslMechanisms;
import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;
import org.igniterealtime.openfire.plugin.boshcertauth.config.SettingsListener;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.tools.TestCaStore;
import org.igniterealtime.openfire.plugin.boshcertauth.tools.TestCertificateService;
import org.jivesoftware.openfire.keystore.TrustStore;
import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.PropertyEventDispatcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.JID;

import javax.servlet.DispatcherType;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The admin page on real Jetty 12 ee8 behind a filter that does what Openfire's AuthCheckFilter and PluginServlet do
 * (logged-in admin, CSRF check and fresh token), with the in-memory JiveGlobals/SystemProperty stand-ins, a real
 * RuntimeHolder reloaded by the real SettingsListener, and real TestPki certificates.
 */
class AdminSettingsServletTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"");
    private static final Pattern PAGE_TOKEN = Pattern.compile("name=\"" + AdminPageRenderer.PAGE_TOKEN_FIELD + "\" value=\"([^\"]*)\"");
    private static final List<String> OPENFIRE_KEYS = List.of(Settings.BOSH_CLIENT_CERT_POLICY, SaslMechanisms.PROPERTY,
        Settings.LEGACY_ACCEPT_SELFSIGNED, Settings.LEGACY_VERIFY, Settings.LEGACY_VERIFY_CHAIN, Settings.LEGACY_VERIFY_ROOT,
        Settings.LEGACY_VERIFY_VALIDITY);

    private static TestPki.Issued root;
    private static TestPki.Issued alice;
    private static TestPki.Issued expired;
    private static TestPki.Issued carol;

    @TempDir
    Path temporary;

    private final List<String> audit = new ArrayList<>();
    /** The BOSH client truststore: Openfire's TrustStore mocked around a real KeyStore that installCertificate fills. */
    private KeyStore boshKeyStore;
    private TrustStore boshTrustStore;
    private Path testCaDirectory;
    private volatile boolean adminConsoleRestartPaused;
    private final AttemptLog attempts = new AttemptLog(50);
    private int flushes;
    private RuntimeHolder runtime;
    private SettingsListener listener;
    private Server server;
    /** The plugin's pages are below this. */
    private URI plugin;
    private HttpClient http;

    @BeforeAll
    static void certificates() {
        root = TestPki.rootCa("Admin Test Root");
        alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(root).build();
        expired = TestPki.certificate("old alice").xmppAddr("alice@localhost").expired().issuedBy(root).build();
        carol = TestPki.certificate("carol").xmppAddr("carol@localhost").issuedBy(root).build();
    }

    @AfterAll
    static void cleanUp() {
        clearProperties();
    }

    @BeforeEach
    void start() throws Exception {
        clearProperties();
        JiveGlobals.setProperty(Settings.REVOCATION_MODE.getKey(), RevocationMode.OFF.name()); // certificates without CRL/OCSP
        runtime = new RuntimeHolder(new ConfigurationLoader(() -> Set.of(root.certificate()), () -> Set.of("localhost")),
            new RevocationService(), Clock.systemUTC(), c -> { });
        listener = new SettingsListener(runtime::reload);
        PropertyEventDispatcher.addListener(listener);

        testCaDirectory = temporary.resolve("conf").resolve("boshcertauth-test-ca");
        boshKeyStore = KeyStore.getInstance("PKCS12");
        boshKeyStore.load(null, null);
        boshTrustStore = mock(TrustStore.class);
        when(boshTrustStore.getStore()).thenReturn(boshKeyStore);
        doAnswer(call -> {
            assertTrue(adminConsoleRestartPaused, "Openfire's admin console restart must be paused before the truststore changes");
            boshKeyStore.setCertificateEntry(call.getArgument(0), parsePem(call.getArgument(1)));
            return null;
        }).when(boshTrustStore).installCertificate(anyString(), anyString());
        doAnswer(call -> {
            assertTrue(adminConsoleRestartPaused, "Openfire's admin console restart must be paused before the truststore changes");
            boshKeyStore.deleteEntry(call.getArgument(0));
            return null;
        }).when(boshTrustStore).delete(anyString());

        server = new Server();
        final ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        final ServletContextHandler context = new ServletContextHandler(null, "/plugins", ServletContextHandler.SESSIONS);
        context.addFilter(new FilterHolder(new PluginServletCsrfFilter("admin")), "/*", EnumSet.of(DispatcherType.REQUEST));
        for (ConsolePage consolePage : ConsolePage.values()) {
            context.addServlet(new ServletHolder(new AdminSettingsServlet(consolePage, new TestEnvironment(), Clock.systemUTC())),
                "/boshcertauth/" + consolePage.path());
        }
        server.setHandler(context);
        server.start();
        plugin = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/plugins/boshcertauth/");
        http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterEach
    void stop() throws Exception {
        PropertyEventDispatcher.removeListener(listener);
        server.stop();
        clearProperties();
    }

    private static void clearProperties() {
        AdminField.ALL.forEach(f -> JiveGlobals.deleteProperty(f.key()));
        OPENFIRE_KEYS.forEach(JiveGlobals::deleteProperty);
        Settings.ALL.forEach(p -> JiveGlobals.deleteProperty(p.getKey()));
    }

    /** Openfire-side data the page shows; the plugin parts are real. */
    private final class TestEnvironment implements AdminEnvironment {
        @Override public Optional<PluginStatus> status() { return Optional.of(new PluginStatus(true, null, true, true, true, true)); }
        @Override public Optional<PluginRuntime> runtime() { return Optional.of(runtime.get()); }
        @Override public boolean flushCaches() { flushes++; return true; }
        @Override public List<LoginAttempt> recentAttempts() { return attempts.recent(); }
        @Override public boolean httpsBindActive() { return true; }
        @Override public Set<X509Certificate> trustedCertificates() {
            final Set<X509Certificate> trusted = new HashSet<>(Set.of(root.certificate(), expired.certificate()));
            try {
                trusted.addAll(CertificatePolicy.certificatesOf(boshKeyStore));
            } catch (KeyStoreException e) {
                throw new IllegalStateException(e);
            }
            return trusted;
        }
        @Override public void beforeTruststoreChange() { adminConsoleRestartPaused = true; }
        @Override public TrustStore boshTrustStore() { return boshTrustStore; }
        @Override public Optional<TruststoreLocation> boshTruststoreLocation() {
            return Optional.of(new TruststoreLocation("/opt/openfire/resources/security/client.truststore", List.of("SOCKET_C2S")));
        }
        @Override public Path testCaDirectory() { return testCaDirectory; }
        @Override public Set<String> servedDomains() { return Set.of("localhost"); }
        @Override public boolean userExists(JID jid) { return jid.getNode().equals("alice"); }
        @Override public void audit(String username, String summary, String details) { audit.add(username + "|" + summary + "|" + details); }
        @Override public Locale locale() { return Locale.ENGLISH; }
    }

    // ------------------------------------------------------------------ HTTP helpers

    private URI uri(ConsolePage consolePage) {
        return plugin.resolve(consolePage.path());
    }

    /** The page a form is on, by its action: that is where the browser posts it. */
    private URI pageOf(Map<String, String> fields) {
        return uri(switch (fields.getOrDefault("action", "")) {
            case "save" -> ConsolePage.SETTINGS;
            case AdminSettingsServlet.ACTION_TRUST_TEST_CA, AdminSettingsServlet.ACTION_ISSUE, AdminSettingsServlet.ACTION_UNTRUST_TEST_CA,
                AdminSettingsServlet.ACTION_DELETE_TEST_CA, AdminSettingsServlet.ACTION_DOWNLOAD_TEST_CA -> ConsolePage.TEST_PKI;
            default -> ConsolePage.STATUS;
        });
    }

    private HttpResponse<String> get(ConsolePage consolePage) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(consolePage)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get() throws Exception {
        return get(ConsolePage.SETTINGS);
    }

    private HttpResponse<String> post(Map<String, String> fields) throws Exception {
        final String body = fields.entrySet().stream()
            .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(pageOf(fields)).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs the page and returns the tokens its forms carry. */
    private Map<String, String> tokens() throws Exception {
        return tokens(ConsolePage.SETTINGS);
    }

    private Map<String, String> tokens(ConsolePage consolePage) throws Exception {
        final String html = get(consolePage).body();
        return new HashMap<>(Map.of("csrf", group(CSRF, html), AdminPageRenderer.PAGE_TOKEN_FIELD, group(PAGE_TOKEN, html)));
    }

    /** A complete settings form as the browser would submit it with the values in effect, plus {@code changes}. */
    private Map<String, String> saveForm(Map<String, String> changes) throws Exception {
        final Map<String, String> form = new LinkedHashMap<>(tokens());
        form.put("action", "save");
        for (AdminField field : AdminField.ALL) {
            final String value = changes.getOrDefault(field.key(), field.currentValue());
            if (field.kind() != AdminField.Kind.BOOLEAN || value.equals("true")) {
                form.put(field.key(), value);      // an unchecked checkbox is not submitted
            }
        }
        return form;
    }

    private Map<String, String> testForm(String pem, String authzid) throws Exception {
        final Map<String, String> form = new LinkedHashMap<>(tokens());
        form.put("action", "test");
        form.put("pem", pem);
        form.put("authzid", authzid);
        return form;
    }

    private Map<String, String> issueForm(String user, String password, String days, String key) throws Exception {
        final Map<String, String> form = new LinkedHashMap<>(tokens());
        form.put("action", AdminSettingsServlet.ACTION_ISSUE);
        form.put(TestCertificateForm.USER, user);
        form.put(TestCertificateForm.PASSWORD, password);
        form.put(TestCertificateForm.DAYS, days);
        form.put(TestCertificateForm.KEY, key);
        return form;
    }

    private HttpResponse<byte[]> postForBytes(Map<String, String> fields) throws Exception {
        final String body = fields.entrySet().stream()
            .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(pageOf(fields)).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> downloadTestCa() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri(ConsolePage.TEST_PKI) + "?download=test-ca.pem")).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static X509Certificate parsePem(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String group(Pattern pattern, String html) {
        final Matcher m = pattern.matcher(html);
        assertTrue(m.find(), "no " + pattern + " in page");
        return m.group(1);
    }

    private static Map<String, String> allProperties() {
        final Map<String, String> values = new HashMap<>();
        AdminField.ALL.forEach(f -> values.put(f.key(), JiveGlobals.getProperty(f.key())));
        OPENFIRE_KEYS.forEach(k -> values.put(k, JiveGlobals.getProperty(k)));
        return values;
    }

    // ------------------------------------------------------------------ GET

    @Test
    void getRendersEveryFieldWithItsCurrentValueAndTheStatus() throws Exception {
        // Setup
        JiveGlobals.setProperty(Settings.MIN_RSA_KEY_BITS.getKey(), "3072");
        JiveGlobals.setProperty(Settings.REVOCATION_MODE.getKey(), "HARD_FAIL");
        JiveGlobals.setProperty(Settings.PROXY_TRUSTED_ADDRESSES.getKey(), "10.0.0.0/8");
        JiveGlobals.setProperty(Settings.BOSH_CLIENT_CERT_POLICY, "wanted");
        JiveGlobals.setProperty(Settings.LEGACY_VERIFY_ROOT, "false");
        JiveGlobals.setProperty(SaslMechanisms.PROPERTY, "PLAIN,SCRAM-SHA-1");
        attempts.add(new LoginAttempt(Instant.parse("2025-01-02T03:04:05Z"), "sasl", "192.0.2.7",
            new CertificateSummary("CN=<script>alert(1)</script>", "CN=x", "1", "ab"), "EXTERNAL", "mallory@localhost",
            FailureReason.UNKNOWN_USER, "no such user"));

        // Execute
        final HttpResponse<String> response = get(ConsolePage.SETTINGS);
        final String html = response.body();
        final String status = get(ConsolePage.STATUS).body();

        // Verify
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(html.contains("<meta name=\"pageID\" content=\"boshcertauth-settings\"/>"));
        for (AdminField field : AdminField.ALL) {
            assertTrue(html.contains("name=\"" + field.key() + "\""), "field " + field.key() + " missing");
            assertFalse(html.contains("???field." + field.key()), "label/help of " + field.key() + " missing in the bundle");
        }
        assertFalse(html.contains("???"), "a string is missing in the bundle");
        assertTrue(html.contains("name=\"boshcertauth.certificate.min-rsa-key-bits\" value=\"3072\""));
        assertTrue(html.contains("<option value=\"HARD_FAIL\" selected>"));
        assertTrue(html.contains("value=\"10.0.0.0/8\""));
        assertTrue(html.contains("name=\"httpbind.client.cert.policy\" value=\"wanted\" checked"));
        assertTrue(html.matches("(?s).*name=\"xmpp.client.certificate.verify.root\" value=\"true\"/>.*"), "verify.root unchecked");
        assertTrue(html.matches("(?s).*name=\"sasl.mechs.external\" value=\"true\"/>.*"), "EXTERNAL unchecked");
        assertTrue(html.contains("name=\"boshcertauth.bosh.pin-sessions\" value=\"true\" checked"));
        assertTrue(status.contains("SASL EXTERNAL is not enabled in sasl.mechs"), "configuration warning shown");
        assertTrue(status.contains("xmpp.client.certificate.verify.root=false"), "legacy loosening warning shown");
        assertTrue(status.contains("class=\"jive-warning\""));
        assertTrue(status.contains("CN=Admin Test Root") && status.contains("EXPIRED"), "truststore with the expired CA flagged");
        assertTrue(status.contains("mallory@localhost") && status.contains("UNKNOWN_USER") && status.contains("192.0.2.7"));
        assertTrue(status.contains("CN=&lt;script&gt;alert(1)&lt;/script&gt;") && !status.contains("<script>alert"), "output escaped");
        assertTrue(status.contains("name=\"pem\""), "certificate test box");
        assertFalse(status.contains("???"), "a string is missing in the bundle");
    }

    @Test
    void invalidValuesStoredThroughSystemPropertiesAreShownAsInvalidNotAsTheDefault() throws Exception {
        // Setup: what an admin can type under Server > Server Manager > System Properties
        JiveGlobals.setProperty(Settings.MIN_RSA_KEY_BITS.getKey(), "lots");
        JiveGlobals.setProperty(Settings.REVOCATION_MODE.getKey(), "SOMETIMES");
        JiveGlobals.setProperty(Settings.PIN_SESSIONS.getKey(), "yes");

        // Execute
        final String html = get(ConsolePage.SETTINGS).body();
        final HttpResponse<String> saved = post(saveForm(Map.of(Settings.MIN_RSA_KEY_BITS.getKey(), "lots")));    // as shown

        // Verify: the stored value is in the field with its problem and what is in effect instead
        assertTrue(html.contains("name=\"boshcertauth.certificate.min-rsa-key-bits\" value=\"lots\""), "stored value not shown");
        assertTrue(html.contains("Openfire has &#39;lots&#39; stored for this setting, which is not valid: 2048 is in effect until it is corrected."), html);
        assertTrue(html.contains("&#39;lots&#39; is not a whole number"), "the validator's own reason");
        assertTrue(html.contains("<option value=\"SOMETIMES\" selected>SOMETIMES</option>"), "stored choice not shown");
        assertTrue(html.contains("Openfire has &#39;SOMETIMES&#39; stored for this setting, which is not valid: SOFT_FAIL is in effect"));
        assertTrue(html.contains("Openfire has &#39;yes&#39; stored for this setting, which is not valid: false is in effect"), "what Openfire makes of it");
        assertFalse(html.contains("Openfire has &#39;OFF&#39; stored"), "a valid stored value is not flagged");
        assertEquals("lots", JiveGlobals.getProperty(Settings.MIN_RSA_KEY_BITS.getKey()), "showing it changed nothing");
        assertTrue(saved.body().contains("Nothing was saved"), "saving the shown form refuses the invalid stored value");
    }

    // ------------------------------------------------------------------ CSRF

    @Test
    void postWithoutOpenfireCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        // Setup
        final Map<String, String> form = saveForm(Map.of(Settings.MIN_RSA_KEY_BITS.getKey(), "4096"));
        form.remove("csrf");
        final Map<String, String> before = allProperties();

        // Execute
        final HttpResponse<String> refused = post(form);
        final String next = get().body();

        // Verify
        assertEquals(302, refused.statusCode());
        assertEquals(before, allProperties());
        assertTrue(next.contains(PluginServletCsrfFilter.CSRF_FAILED), "PluginServlet's flash message shown on the next GET");
        assertTrue(audit.isEmpty());
    }

    @Test
    void postWithoutThePagesOwnTokenIsRefusedAndChangesNothing() throws Exception {
        // Setup: passes (simulated) PluginServlet, but lacks the page's token
        final Map<String, String> form = saveForm(Map.of(Settings.MIN_RSA_KEY_BITS.getKey(), "4096"));
        form.remove(AdminPageRenderer.PAGE_TOKEN_FIELD);
        final Map<String, String> before = allProperties();

        // Execute
        final HttpResponse<String> refused = post(form);

        // Verify
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("did not carry this page"));
        assertEquals(before, allProperties());
    }

    // ------------------------------------------------------------------ save

    @Test
    void invalidValuesAreRefusedFieldByFieldAndNothingIsWritten() throws Exception {
        // Setup: one valid change among invalid ones must not be written either
        final Map<String, String> form = saveForm(Map.of(
            Settings.MIN_EC_KEY_BITS.getKey(), "384",
            Settings.MIN_RSA_KEY_BITS.getKey(), "abc",
            Settings.MAX_CHAIN_LENGTH.getKey(), "99",
            Settings.REVOCATION_MODE.getKey(), "MAYBE",
            Settings.PROXY_TRUSTED_ADDRESSES.getKey(), "10.0.0.300, proxy.example.org",
            Settings.COMMON_NAME_FALLBACK.getKey(), "true",
            Settings.COMMON_NAME_FALLBACK_DOMAIN.getKey(), "example.org",
            Settings.PROXY_HEADER.getKey(), "X Bad Header",
            Settings.BOSH_CLIENT_CERT_POLICY, "sometimes"));
        final Map<String, String> before = allProperties();

        // Execute
        final HttpResponse<String> response = post(form);
        final String html = response.body();

        // Verify
        assertEquals(200, response.statusCode());
        assertEquals(before, allProperties(), "nothing written");
        assertTrue(audit.isEmpty());
        assertTrue(html.contains("Nothing was saved"));
        assertTrue(html.contains("&#39;abc&#39; is not a whole number."));
        assertTrue(html.contains("&#39;99&#39; is out of range: use a number from 1 to 10."));
        assertTrue(html.contains("&#39;MAYBE&#39; is not allowed: use one of OFF, SOFT_FAIL, HARD_FAIL."));
        assertTrue(html.contains("entry 1 &#39;10.0.0.300&#39;") && html.contains("entry 2 &#39;proxy.example.org&#39;"), "each proxy entry's problem");
        assertTrue(html.contains("Trusted proxy addresses are set: choose the format"));
        assertTrue(html.contains("&#39;example.org&#39; is not a domain this server serves (localhost)"));
        assertTrue(html.contains("Header name: &#39;X Bad Header&#39; is not a valid HTTP header name"));
        assertTrue(html.contains("&#39;sometimes&#39; is not allowed: use one of disabled, wanted, needed."));
        assertTrue(html.contains("name=\"boshcertauth.certificate.min-ec-key-bits\" value=\"384\""), "submitted values shown again");
        final int errorAt = html.indexOf("is not a whole number");
        assertTrue(html.lastIndexOf("name=\"boshcertauth.certificate.min-rsa-key-bits\"", errorAt) > html.lastIndexOf("</tr>", errorAt),
            "the message is in the field's own row");
    }

    @Test
    void validValuesArePersistedAuditedAndTakeEffectWithoutRestart() throws Exception {
        // Setup
        final long generation = runtime.get().configuration().policy().generation();
        final Map<String, String> form = saveForm(Map.of(
            Settings.MIN_RSA_KEY_BITS.getKey(), " 3072 ",
            Settings.REVOCATION_MODE.getKey(), "soft_fail",
            AdminField.SASL_EXTERNAL, "false",
            Settings.BOSH_CLIENT_CERT_POLICY, "needed",
            Settings.LEGACY_ACCEPT_SELFSIGNED, "true",
            Settings.COMMON_NAME_FALLBACK.getKey(), "true",
            Settings.COMMON_NAME_FALLBACK_DOMAIN.getKey(), "LocalHost",
            Settings.PROXY_TRUSTED_ADDRESSES.getKey(), "10.0.0.0/8, 2001:db8::/32",
            Settings.PROXY_FORMAT.getKey(), "NGINX"));

        // Execute
        final HttpResponse<String> response = post(form);

        // Verify: stored
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("class=\"jive-success\""), response.body());
        assertEquals("3072", JiveGlobals.getProperty(Settings.MIN_RSA_KEY_BITS.getKey()));
        assertEquals("SOFT_FAIL", JiveGlobals.getProperty(Settings.REVOCATION_MODE.getKey()));
        assertEquals("needed", JiveGlobals.getProperty(Settings.BOSH_CLIENT_CERT_POLICY));
        assertEquals("true", JiveGlobals.getProperty(Settings.LEGACY_ACCEPT_SELFSIGNED));
        assertEquals("localhost", JiveGlobals.getProperty(Settings.COMMON_NAME_FALLBACK_DOMAIN.getKey()));
        assertEquals("nginx", JiveGlobals.getProperty(Settings.PROXY_FORMAT.getKey()));
        assertFalse(SaslMechanisms.enabled().contains("EXTERNAL"));
        assertTrue(SaslMechanisms.enabled().contains("PLAIN"), "the other mechanisms of Openfire's default list stay");
        assertNull(JiveGlobals.getProperty(Settings.EMAIL_FALLBACK.getKey()), "unchanged settings are not written");
        assertNull(JiveGlobals.getProperty(Settings.LEGACY_VERIFY));
        // in effect: the SettingsListener reloaded the runtime
        final PluginRuntime now = runtime.get();
        assertTrue(now.configuration().policy().generation() > generation);
        assertEquals(3072, now.configuration().policy().minRsaKeyBits());
        assertEquals(RevocationMode.SOFT_FAIL, now.configuration().policy().revocationMode());
        assertEquals("needed", now.configuration().boshClientCertPolicy().propertyValue());
        assertTrue(now.configuration().warnings().stream().anyMatch(w -> w.contains("SASL EXTERNAL is not enabled")));
        // audited, one entry per change, with the admin's name
        assertEquals(9, audit.size(), String.join("\n", audit));
        assertTrue(audit.stream().allMatch(a -> a.startsWith("admin|Changed certificate login setting ")));
        assertTrue(audit.contains("admin|Changed certificate login setting boshcertauth.certificate.min-rsa-key-bits"
            + "|boshcertauth.certificate.min-rsa-key-bits: '2048' -> '3072'"));
        assertTrue(response.body().contains("restarted its BOSH"));
    }

    @Test
    void invalidAllowedOriginsAreRefusedAndAValidListIsStoredCanonically() throws Exception {
        // Execute
        final String refused = post(saveForm(Map.of(Settings.WEB_ALLOWED_ORIGINS.getKey(), "https://chat.example.org/converse"))).body();
        final String saved = post(saveForm(Map.of(Settings.WEB_ALLOWED_ORIGINS.getKey(), " HTTPS://Chat.Example.org:443  http://127.0.0.1:8002"))).body();

        // Verify
        assertTrue(refused.contains("Not a list of origins: entry 1 &#39;https://chat.example.org/converse&#39;"), refused);
        assertTrue(saved.contains("class=\"jive-success\""), saved);
        assertEquals("https://chat.example.org,http://127.0.0.1:8002", JiveGlobals.getProperty(Settings.WEB_ALLOWED_ORIGINS.getKey()));
    }

    @Test
    void identityAndRevocationSettingsAreCheckedByTheirOwnParsers() throws Exception {
        // Execute
        final String refused = post(saveForm(Map.of(
            Settings.IDENTITY_SOURCES.getKey(), "xmppAddr, fingerprint",
            Settings.SUBJECT_DN_PATTERN.getKey(), "CN=(\\w+),(OU)",
            Settings.DOMAIN_ALIASES.getKey(), "corp.example.com",
            Settings.OCSP_RESPONDER_URL.getKey(), "ftp://ocsp.example.org"))).body();

        // Verify: each refused in its own row, nothing written
        assertEquals(4, countMatches(refused, "Invalid: "), refused);
        assertNull(JiveGlobals.getProperty(Settings.IDENTITY_SOURCES.getKey()));
        assertNull(JiveGlobals.getProperty(Settings.OCSP_RESPONDER_URL.getKey()));
    }

    private static int countMatches(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    @Test
    void anOriginRefusalOffersAllowThisOriginWhichAddsItAndIsAudited() throws Exception {
        // Setup: a refusal as the BOSH filter records it
        JiveGlobals.setProperty(Settings.WEB_ALLOWED_ORIGINS.getKey(), "https://a.example");
        attempts.add(new LoginAttempt(Instant.now(), "bosh", "192.0.2.7", CertificateSummary.of(alice.certificate()), "", "",
            FailureReason.ORIGIN_NOT_ALLOWED, "the page's origin http://127.0.0.1:8002 is neither …").withOrigin("http://127.0.0.1:8002"));
        final String page = get(ConsolePage.STATUS).body();

        // Execute
        final String allowed = post(allowOriginForm("http://127.0.0.1:8002")).body();
        final String again = post(allowOriginForm("http://127.0.0.1:8002")).body();
        final HttpResponse<String> hostile = post(allowOriginForm("javascript:alert(1)"));

        // Verify
        assertTrue(page.contains("name=\"origin\" value=\"http://127.0.0.1:8002\""), "the button carries the origin");
        assertTrue(page.contains("value=\"Allow this origin\""), page);
        assertEquals("https://a.example,http://127.0.0.1:8002", JiveGlobals.getProperty(Settings.WEB_ALLOWED_ORIGINS.getKey()));
        assertTrue(allowed.contains("http://127.0.0.1:8002 may now use client certificates"), allowed);
        assertTrue(again.contains("is already allowed"), again);
        assertEquals(400, hostile.statusCode());
        assertEquals("https://a.example,http://127.0.0.1:8002", JiveGlobals.getProperty(Settings.WEB_ALLOWED_ORIGINS.getKey()), "unchanged");
        assertEquals(List.of("admin|Changed certificate login setting boshcertauth.web.allowed-origins"
            + "|boshcertauth.web.allowed-origins: 'https://a.example' -> 'https://a.example,http://127.0.0.1:8002'"), audit);
    }

    private Map<String, String> allowOriginForm(String origin) throws Exception {
        final Map<String, String> form = new LinkedHashMap<>(tokens());
        form.put("action", "allow-origin");
        form.put("origin", origin);
        return form;
    }

    @Test
    void flushCachesForgetsVerdictsAndRevocationAnswersAndSaysSo() throws Exception {
        // Setup
        final Map<String, String> form = new LinkedHashMap<>(tokens());
        form.put("action", "flush-caches");

        // Execute
        final String answer = post(form).body();

        // Verify
        assertEquals(1, flushes);
        assertTrue(answer.contains("every certificate is checked afresh"), answer);
        assertTrue(audit.stream().anyMatch(a -> a.startsWith("admin|Flushed certificate login caches")), audit.toString());
        assertTrue(get(ConsolePage.STATUS).body().contains("value=\"Flush caches\""));
    }

    @Test
    void savingTheUnchangedFormWritesNothing() throws Exception {
        // Execute
        final HttpResponse<String> response = post(saveForm(Map.of()));

        // Verify
        assertTrue(response.body().contains("no setting was changed"));
        assertTrue(audit.isEmpty());
        assertNull(JiveGlobals.getProperty(Settings.BOSH_CLIENT_CERT_POLICY), "BOSH not restarted for an unchanged default");
        assertNull(JiveGlobals.getProperty(SaslMechanisms.PROPERTY));
    }

    // ------------------------------------------------------------------ certificate test

    @Test
    void certificateTestGivesTheVerdictForARealChainWithoutLoggingIn() throws Exception {
        // Execute
        final String accepted = post(testForm(TestPki.pem(alice.certificate()) + TestPki.pem(root.certificate()), "")).body();
        final String unknownUser = post(testForm(TestPki.pem(carol.certificate()), "")).body();
        final String wrongAuthzid = post(testForm(TestPki.pem(alice.certificate()), "bob@localhost")).body();
        final String outdated = post(testForm(TestPki.pem(expired.certificate()), "")).body();

        // Verify
        assertTrue(accepted.contains("would accept this certificate for alice@localhost") && accepted.contains("User alice@localhost exists"), accepted);
        assertTrue(accepted.contains("CN=alice"), "the parsed chain is listed");
        assertTrue(unknownUser.contains("carol@localhost does not exist"));
        assertTrue(wrongAuthzid.contains("AUTHZID_MISMATCH") && wrongAuthzid.contains("invalid-authzid"), wrongAuthzid);
        assertTrue(outdated.contains("EXPIRED") && outdated.contains("Failing certificate: #0"), outdated);
        assertTrue(audit.isEmpty(), "no audit entries");
        assertTrue(attempts.recent().isEmpty(), "no login attempts recorded");
    }

    @Test
    void certificateTestExplainsGarbage() throws Exception {
        // Setup
        final String onePem = TestPki.pem(alice.certificate());
        final String privateKey = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n";
        final String corrupted = onePem.substring(0, onePem.length() / 2) + "\n-----END CERTIFICATE-----\n";
        final String oversized = onePem + "x".repeat(CertificateTester.MAX_INPUT_CHARS);

        // Execute / Verify
        assertTrue(post(testForm("", "")).body().contains("Paste at least one certificate"));
        assertTrue(post(testForm("hello world", "")).body().contains("No certificate found"));
        final String key = post(testForm(privateKey, "")).body();
        assertTrue(key.contains("This is a private key") && !key.contains("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"), "refused and not echoed");
        assertTrue(post(testForm(oversized, "")).body().contains("The text is too long"));
        assertTrue(post(testForm(onePem.repeat(20), "")).body().contains("contains 20 certificates; at most 10"));
        final String broken = post(testForm(corrupted, "")).body();
        assertTrue(broken.contains("Certificate #1 could not be read"), broken);
        assertTrue(post(testForm("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "")).body().contains("PEM block of type PUBLIC KEY"));
        assertTrue(post(testForm(onePem, "x".repeat(4000))).body().contains("authorization identity is too long"));
        for (String body : List.of(broken, key)) {
            assertFalse(body.contains("Exception") || body.contains("\tat "), "no stack trace");
        }
    }

    // ------------------------------------------------------------------ for testing only: test CA and certificates

    @Test
    void getShowsTheTestingSectionAndCreatesNoTestCa() throws Exception {
        // Execute
        final String html = get(ConsolePage.TEST_PKI).body();
        final HttpResponse<String> download = downloadTestCa();

        // Verify
        assertTrue(html.contains("For testing only"), "section missing");
        assertTrue(html.contains("Not created yet"), "the missing CA is reported");
        assertTrue(html.contains("does not exist yet, so there is nothing to download"));
        assertTrue(html.contains("value=\"" + AdminSettingsServlet.ACTION_TRUST_TEST_CA + "\"") && html.contains("Trust the test CA for client certificates"));
        assertTrue(html.contains("value=\"" + AdminSettingsServlet.ACTION_ISSUE + "\"") && html.contains("name=\"p12-password\""));
        assertTrue(html.contains("name=\"days\" value=\"30\""), "default validity");
        assertTrue(html.contains("<option value=\"ec-p256\" selected>"), "default key type");
        assertTrue(html.contains("href=\"/security-truststore.jsp?connectionType=BOSH_C2S\""), "link to Openfire's truststore page");
        assertFalse(html.contains("???"), "a string is missing in the bundle");
        assertEquals(404, download.statusCode());
        assertTrue(download.body().contains("There is no test CA yet"));
        assertFalse(Files.exists(testCaDirectory), "GET created the test CA");
    }

    @Test
    void issueWithoutEitherCsrfTokenIsRefusedAndCreatesNothing() throws Exception {
        // Setup
        final Map<String, String> withoutOpenfireToken = issueForm("alice", "correct horse", "30", "ec-p256");
        withoutOpenfireToken.remove("csrf");
        final Map<String, String> withoutPageToken = issueForm("alice", "correct horse", "30", "ec-p256");
        withoutPageToken.remove(AdminPageRenderer.PAGE_TOKEN_FIELD);

        // Execute
        final HttpResponse<String> refusedByOpenfire = post(withoutOpenfireToken);
        final HttpResponse<String> refusedByPage = post(withoutPageToken);

        // Verify
        assertEquals(302, refusedByOpenfire.statusCode());
        assertEquals(403, refusedByPage.statusCode());
        assertFalse(Files.exists(testCaDirectory));
        assertTrue(audit.isEmpty());
    }

    @Test
    void invalidIssueInputsAreRefusedFieldByFieldAndNothingIsWritten() throws Exception {
        // Execute
        final String foreign = post(issueForm("alice@example.org", "correct horse", "30", "ec-p256")).body();
        final String shortPassword = post(issueForm("alice", "seven77", "30", "ec-p256")).body();
        final String zeroDays = post(issueForm("alice", "correct horse", "0", "ec-p256")).body();
        final String tooManyDays = post(issueForm("alice", "correct horse", "826", "ec-p256")).body();
        final String unknownKey = post(issueForm("alice", "correct horse", "30", "dsa-1024")).body();
        final String withResource = post(issueForm("alice@localhost/phone", "correct horse", "30", "ec-p256")).body();
        final String everything = post(issueForm("", "", "x", "")).body();

        // Verify
        assertTrue(foreign.contains("&#39;example.org&#39; is not a domain this server serves (localhost)."), foreign);
        assertTrue(shortPassword.contains("Too short: use at least 8 characters."));
        assertFalse(shortPassword.contains("seven77"), "the password is never echoed");
        assertTrue(zeroDays.contains("&#39;0&#39; is out of range: use a number from 1 to 825."));
        assertTrue(tooManyDays.contains("&#39;826&#39; is out of range: use a number from 1 to 825."));
        assertTrue(unknownKey.contains("&#39;dsa-1024&#39; is not allowed: use one of ec-p256, rsa-2048, rsa-3072."));
        assertTrue(withResource.contains("has a resource"));
        assertTrue(everything.contains("No certificate was issued: 4 field(s) have an invalid value"), everything);
        assertTrue(foreign.contains("name=\"user\" value=\"alice@example.org\""), "submitted values shown again");
        for (String body : List.of(foreign, zeroDays, unknownKey)) {
            assertFalse(body.contains("correct horse"), "the password is never echoed");
            assertFalse(body.matches("(?s).*name=\"p12-password\"[^>]*value=.*"), "the password field has no value");
        }
        final int errorAt = shortPassword.indexOf("Too short");
        assertTrue(shortPassword.lastIndexOf("name=\"p12-password\"", errorAt) > shortPassword.lastIndexOf("</tr>", errorAt),
            "the message is in the field's own row");
        assertFalse(Files.exists(testCaDirectory), "nothing written");
        assertTrue(audit.isEmpty());
    }

    @Test
    void validIssueDownloadsAPkcs12ThatThePluginAcceptsForThatJid() throws Exception {
        // Setup
        final char[] password = "correct horse battery".toCharArray();

        // Execute
        final HttpResponse<byte[]> response = postForBytes(issueForm("Alice", new String(password), "30", "ec-p256"));

        // Verify: a download, not a page
        assertEquals(200, response.statusCode());
        assertEquals("application/x-pkcs12", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("attachment; filename=\"alice.p12\"", response.headers().firstValue("Content-Disposition").orElse(""));
        assertTrue(response.headers().firstValue("Cache-Control").orElse("").contains("no-store"));
        // the JDK opens it with the password: key + chain up to the stored test CA
        final KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(new ByteArrayInputStream(response.body()), password);
        final String alias = p12.aliases().nextElement();
        final Key key = p12.getKey(alias, password);
        final Certificate[] chain = p12.getCertificateChain(alias);
        assertTrue(key instanceof PrivateKey && key.getAlgorithm().equals("EC"));
        assertEquals(2, chain.length);
        final X509Certificate testCa = TestCertificateService.existingTestCa(testCaDirectory).orElseThrow().authority().certificate();
        assertEquals(testCa, chain[1]);
        assertTrue(Files.exists(testCaDirectory.resolve(TestCaStore.CA_FILE)), "the test CA was created on first use");
        // the plugin's verifier accepts it as exactly alice@localhost with the test CA as trust anchor
        final CertificateVerifier verifier = new CertificateVerifier(CertificatePolicy.builder().trust(Set.of(testCa))
            .domains(Set.of("localhost")).revocationMode(RevocationMode.OFF).build(), new RevocationService(), Clock.systemUTC());
        final Verdict verdict = verifier.authenticate(List.of((X509Certificate) chain[0], testCa), null);
        assertTrue(verdict.isSuccess(), verdict.toString());
        assertEquals("alice@localhost", verdict.jid().toBareJID());
        final X509Certificate leaf = (X509Certificate) chain[0];
        assertEquals(30, java.time.Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()).toDays(), 1);
        // one audit entry naming admin, JID and serial, never the password; no login attempt recorded
        assertEquals(1, audit.size(), String.join("\n", audit));
        assertTrue(audit.get(0).startsWith("admin|Issued a test client certificate for alice@localhost|JID: alice@localhost; serial: "
            + leaf.getSerialNumber().toString(16) + "; valid from "), audit.get(0));
        assertFalse(audit.get(0).contains("correct horse"));
        assertTrue(attempts.recent().isEmpty(), "no login attempts recorded");
    }

    @Test
    void theFormsOfThePageADownloadCameFromStillWorkAfterTheDownload() throws Exception {
        // Setup: the test PKI page as the browser holds it; issuing answers with a file, not a page
        final Map<String, String> pageTokens = tokens(ConsolePage.TEST_PKI);
        final Map<String, String> issue = new LinkedHashMap<>(pageTokens);
        issue.putAll(Map.of("action", AdminSettingsServlet.ACTION_ISSUE, TestCertificateForm.USER, "alice",
            TestCertificateForm.PASSWORD, "correct horse", TestCertificateForm.DAYS, "30", TestCertificateForm.KEY, "ec-p256"));
        assertEquals("application/x-pkcs12", postForBytes(issue).headers().firstValue("Content-Type").orElse(""));

        // Execute: the same page's tokens again, for the PEM download (a POST) and then for trusting the test CA
        final Map<String, String> pem = new LinkedHashMap<>(pageTokens);
        pem.put("action", AdminSettingsServlet.ACTION_DOWNLOAD_TEST_CA);
        final HttpResponse<String> downloaded = post(pem);
        final Map<String, String> trust = new LinkedHashMap<>(pageTokens);
        trust.put("action", AdminSettingsServlet.ACTION_TRUST_TEST_CA);
        final HttpResponse<String> trusted = post(trust);

        // Verify: no CSRF error, and the page says what the download did
        assertEquals(200, downloaded.statusCode());
        assertEquals("application/x-pem-file", downloaded.headers().firstValue("Content-Type").orElse(""));
        assertEquals(200, trusted.statusCode(), "Openfire's CSRF check refused the page's next form");
        assertTrue(trusted.body().contains("The test CA was added to the Web Binding trust store"), trusted.body());
        assertTrue(trusted.body().contains("A certificate for alice@localhost was issued"), "the download is reported afterwards");
        assertFalse(get(ConsolePage.TEST_PKI).body().contains("A certificate for alice@localhost was issued"), "reported once");
    }

    @Test
    void anRsaCertificateCanBeIssuedForAFullJidOfThisServer() throws Exception {
        // Execute
        final HttpResponse<byte[]> response = postForBytes(issueForm("alice@LocalHost", "12345678", "1", "rsa-2048"));

        // Verify
        assertEquals("application/x-pkcs12", response.headers().firstValue("Content-Type").orElse(""));
        final KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(new ByteArrayInputStream(response.body()), "12345678".toCharArray());
        final Key key = p12.getKey(p12.aliases().nextElement(), "12345678".toCharArray());
        assertEquals("RSA", key.getAlgorithm());
        assertEquals(2048, ((java.security.interfaces.RSAKey) key).getModulus().bitLength());
    }

    @Test
    void aUserThatDoesNotExistIsWarnedAboutAndIssuedOnlyWhenConfirmed() throws Exception {
        // Execute
        final HttpResponse<String> warned = post(issueForm("bob", "correct horse", "30", "ec-p256"));
        final Map<String, String> confirmed = issueForm("bob", "correct horse", "30", "ec-p256");
        confirmed.put(TestCertificateForm.ISSUE_ANYWAY, "true");
        final HttpResponse<byte[]> issued = postForBytes(confirmed);

        // Verify
        assertTrue(warned.body().contains("User bob@localhost does not exist on this server (yet)"), warned.body());
        assertTrue(warned.body().contains("name=\"user\" value=\"bob\""));
        assertFalse(warned.body().contains("correct horse"));
        assertEquals("attachment; filename=\"bob.p12\"", issued.headers().firstValue("Content-Disposition").orElse(""));
        assertEquals(1, audit.size(), "only the issued certificate is audited");
    }

    @Test
    void trustButtonAddsTheTestCaToTheBoshTruststoreOnce() throws Exception {
        // Setup
        final Map<String, String> form = new LinkedHashMap<>(tokens());
        form.put("action", AdminSettingsServlet.ACTION_TRUST_TEST_CA);

        // Execute
        final String trusted = post(form).body();
        final Map<String, String> again = new LinkedHashMap<>(tokens());
        again.put("action", AdminSettingsServlet.ACTION_TRUST_TEST_CA);
        final String second = post(again).body();

        // Verify
        final TestCertificateService service = TestCertificateService.existingTestCa(testCaDirectory).orElseThrow();
        verify(boshTrustStore).installCertificate(service.truststoreAlias(), service.caCertificatePem());
        assertTrue(adminConsoleRestartPaused);
        assertEquals(service.authority().certificate(), boshKeyStore.getCertificate(service.truststoreAlias()));
        assertTrue(trusted.contains("The test CA was added to the Web Binding trust store"), trusted);
        assertTrue(trusted.contains("restarts its BOSH listener"));
        assertTrue(trusted.contains("Remove it from the trust store after testing"));
        assertFalse(trusted.contains("value=\"" + AdminSettingsServlet.ACTION_TRUST_TEST_CA + "\""), "no trust button once trusted");
        assertTrue(second.contains("already in the Web Binding trust store"));
        assertEquals(1, audit.size(), String.join("\n", audit));
        assertTrue(audit.get(0).startsWith("admin|Trusted the boshcertauth test CA for BOSH client certificates|alias: "
            + service.truststoreAlias()));
    }

    @Test
    void theTestCaCanBeUntrustedAndDeletedFromThePage() throws Exception {
        // Setup: the test CA trusted (created by that first use)
        post(testPkiAction(AdminSettingsServlet.ACTION_TRUST_TEST_CA));
        final TestCertificateService service = TestCertificateService.existingTestCa(testCaDirectory).orElseThrow();
        final String trustedPage = get(ConsolePage.TEST_PKI).body();
        audit.clear();
        adminConsoleRestartPaused = false;

        // Execute
        final String untrusted = post(testPkiAction(AdminSettingsServlet.ACTION_UNTRUST_TEST_CA)).body();
        final String again = post(testPkiAction(AdminSettingsServlet.ACTION_UNTRUST_TEST_CA)).body();
        final String deleted = post(testPkiAction(AdminSettingsServlet.ACTION_DELETE_TEST_CA)).body();
        final String nothingLeft = post(testPkiAction(AdminSettingsServlet.ACTION_DELETE_TEST_CA)).body();

        // Verify: the page names the real trust store and who shares it, and offers both buttons
        assertTrue(trustedPage.contains("Openfire keeps that trust store in /opt/openfire/resources/security/client.truststore."), trustedPage);
        assertTrue(trustedPage.contains("also trusted by: client connections over TCP (ports 5222 and 5223)"));
        assertTrue(trustedPage.contains("Server &gt; TLS Certificates &gt; Certificate Stores &gt; Web Binding &gt; Trust Store"));
        assertTrue(trustedPage.contains("value=\"" + AdminSettingsServlet.ACTION_UNTRUST_TEST_CA + "\""));
        assertTrue(trustedPage.contains("value=\"" + AdminSettingsServlet.ACTION_DELETE_TEST_CA + "\""));
        // untrusted: out of the trust store, audited, said so; the second time nothing to do
        assertNull(boshKeyStore.getCertificateAlias(service.authority().certificate()), "still in the trust store");
        assertTrue(adminConsoleRestartPaused);
        assertTrue(untrusted.contains("The test CA was removed from the Web Binding trust store"), untrusted);
        assertTrue(untrusted.contains("value=\"" + AdminSettingsServlet.ACTION_TRUST_TEST_CA + "\""), "can be trusted again");
        assertTrue(again.contains("The test CA is not in the Web Binding trust store; nothing was changed."));
        // deleted: files and directory gone, audited, said so
        assertFalse(Files.exists(testCaDirectory), "the test CA's directory is left");
        assertTrue(deleted.contains("The test CA was deleted from " + testCaDirectory), deleted);
        assertTrue(deleted.contains("Not created yet"));
        assertTrue(nothingLeft.contains("There was no test CA to delete; nothing was changed."));
        assertEquals(2, audit.size(), String.join("\n", audit));
        assertTrue(audit.get(0).startsWith("admin|Removed the boshcertauth test CA from the BOSH client truststore|subject: "));
        assertTrue(audit.get(1).startsWith("admin|Deleted the boshcertauth test CA|directory: "));
    }

    @Test
    void deletingATrustedTestCaTakesItOutOfTheTrustStoreFirst() throws Exception {
        // Setup
        post(testPkiAction(AdminSettingsServlet.ACTION_TRUST_TEST_CA));
        final X509Certificate ca = TestCertificateService.existingTestCa(testCaDirectory).orElseThrow().authority().certificate();

        // Execute
        final String deleted = post(testPkiAction(AdminSettingsServlet.ACTION_DELETE_TEST_CA)).body();

        // Verify
        assertNull(boshKeyStore.getCertificateAlias(ca), "a deleted test CA is still trusted");
        assertFalse(Files.exists(testCaDirectory));
        assertTrue(deleted.contains("The test CA was removed from the Web Binding trust store") && deleted.contains("The test CA was deleted"), deleted);
    }

    private Map<String, String> testPkiAction(String action) throws Exception {
        final Map<String, String> form = new LinkedHashMap<>(tokens(ConsolePage.TEST_PKI));
        form.put("action", action);
        return form;
    }

    @Test
    void trustingDoesNothingWhenOpenfireHasNoBoshTruststore() throws Exception {
        // Setup
        boshTrustStore = null;
        final Map<String, String> form = new LinkedHashMap<>(tokens());
        form.put("action", AdminSettingsServlet.ACTION_TRUST_TEST_CA);

        // Execute
        final String html = post(form).body();

        // Verify
        assertTrue(html.contains("The test CA could not be trusted: Openfire has no truststore for BOSH client connections"), html);
        assertTrue(audit.isEmpty());
    }

    @Test
    void pemDownloadIsTheStoredTestCaCertificate() throws Exception {
        // Setup: created by a first use
        final Map<String, String> form = new LinkedHashMap<>(tokens());
        form.put("action", AdminSettingsServlet.ACTION_TRUST_TEST_CA);
        post(form);
        final String page = get(ConsolePage.TEST_PKI).body();

        // Execute
        final HttpResponse<String> download = downloadTestCa();

        // Verify
        final TestCertificateService service = TestCertificateService.existingTestCa(testCaDirectory).orElseThrow();
        assertEquals(200, download.statusCode());
        assertEquals(service.caCertificatePem(), download.body());
        assertEquals(service.authority().certificate(), parsePem(download.body()));
        assertEquals("application/x-pem-file", download.headers().firstValue("Content-Type").orElse(""));
        assertEquals("attachment; filename=\"boshcertauth-test-ca.pem\"", download.headers().firstValue("Content-Disposition").orElse(""));
        assertFalse(download.body().contains("PRIVATE KEY"));
        assertTrue(page.contains("name=\"action\" value=\"" + AdminSettingsServlet.ACTION_DOWNLOAD_TEST_CA + "\""), "download button shown once the CA exists");
        assertTrue(page.contains("value=\"Download the test CA certificate\""));
        assertTrue(page.contains(service.authority().certificate().getSubjectX500Principal().getName()));
    }
}
