package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.PluginStatus;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.AdminText.Message;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.config.PluginConfiguration;
import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestRuntimes;
import org.jivesoftware.openfire.keystore.TrustStore;
import org.xmpp.packet.JID;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pages in the states an administrator meets (healthy, broken, refused save, certificate tests, the test CA's states),
 * rendered by the real renderer from an {@link Environment} whose every value the test chooses. Used to check the
 * escaping of every kind of value and to write the page to a file for a look in a browser.
 */
final class AdminPageExamples {

    /** A string that breaks out of an element, an attribute (either quote) and an entity when not escaped. */
    static final String HOSTILE = "<script>\"'&";

    private AdminPageExamples() {}

    /** Openfire's side, chosen field by field. */
    static class Environment implements AdminEnvironment {
        Optional<PluginStatus> status = Optional.of(new PluginStatus(true, null, true, true, true, true));
        Optional<PluginRuntime> runtime = Optional.empty();
        List<LoginAttempt> attempts = List.of();
        boolean httpsBindActive = true;
        Set<X509Certificate> trusted = Set.of();
        Path testCaDirectory = Path.of("/opt/openfire/conf/boshcertauth-test-ca");

        @Override public Optional<PluginStatus> status() { return status; }
        @Override public Optional<PluginRuntime> runtime() { return runtime; }
        @Override public boolean flushCaches() { return runtime.isPresent(); }
        @Override public List<LoginAttempt> recentAttempts() { return attempts; }
        @Override public boolean httpsBindActive() { return httpsBindActive; }
        @Override public Set<X509Certificate> trustedCertificates() { return trusted; }
        @Override public Set<String> servedDomains() { return Set.of("localhost"); }
        @Override public boolean userExists(JID jid) { return true; }
        @Override public void audit(String username, String summary, String details) { }
        @Override public void beforeTruststoreChange() { }
        @Override public TrustStore boshTrustStore() { return null; }
        @Override public Path testCaDirectory() { return testCaDirectory; }
        @Override public Locale locale() { return Locale.ENGLISH; }
    }

    static PluginRuntime runtime(Set<X509Certificate> trust, List<String> warnings, List<String> notes) {
        final CertificatePolicy policy = CertificatePolicy.builder().trust(trust).domains(Set.of("localhost"))
            .revocationMode(RevocationMode.OFF).build();
        // The plugin's defaults, but the BOSH client-certificate policy unset (the page says so) and with warnings and notes.
        final PluginConfiguration defaults = TestRuntimes.configuration(policy);
        final PluginConfiguration configuration = new PluginConfiguration(policy, null, defaults.offer(), defaults.enforcement(),
            defaults.pinSessions(), defaults.recentAttempts(), null, warnings, notes);
        return new PluginRuntime(configuration, new CertificateVerifier(policy, new RevocationService(), Clock.systemUTC()));
    }

    /** The page as each of the plugin's console pages shows it, one after another. */
    static String render(Environment environment, AdminPage page) {
        final AdminPageRenderer renderer = new AdminPageRenderer(AdminText.load(Locale.ENGLISH), environment, Clock.systemUTC());
        return java.util.Arrays.stream(ConsolePage.values()).map(view -> renderer.render(page.on(view)))
            .collect(java.util.stream.Collectors.joining("\n"));
    }

    static AdminPage get(TestCertificateDesk.State testCa) {
        return AdminPage.current("csrf-1", "page-1", List.of())
            .withTestCertificates(AdminPage.TestCertificateView.of(testCa));
    }

    static TestCertificateDesk.State noTestCa(Environment environment) {
        return new TestCertificateDesk.State(environment.testCaDirectory, null, false, null);
    }

    /** The named pages, in an order that reads well one after another. */
    static Map<String, String> all() {
        final TestPki.Issued root = TestPki.rootCa("Example Root");
        final TestPki.Issued expiredCa = TestPki.certificate("Old CA").ca().expired().issuedBy(root).build();
        final TestPki.Issued futureCa = TestPki.certificate("Future CA").ca().notYetValid().issuedBy(root).build();
        final TestPki.Issued alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(root).build();
        final Set<X509Certificate> trusted = new LinkedHashSet<>(List.of(root.certificate(), expiredCa.certificate(), futureCa.certificate()));
        final Map<String, String> pages = new LinkedHashMap<>();

        final Environment healthy = new Environment();
        healthy.trusted = trusted;
        healthy.runtime = Optional.of(runtime(trusted, List.of("SASL EXTERNAL is not enabled in sasl.mechs"), List.of("a note")));
        healthy.attempts = List.of(
            new LoginAttempt(Instant.parse("2025-01-02T03:04:05Z"), "sasl", "192.0.2.7",
                CertificateSummary.of(alice.certificate()), "EXTERNAL", "alice@localhost", null, ""),
            new LoginAttempt(Instant.parse("2025-01-02T03:04:06Z"), "bosh", "192.0.2.8",
                new CertificateSummary("CN=mallory", "CN=x", "1", "ab"), "EXTERNAL", "mallory@localhost",
                FailureReason.UNKNOWN_USER, "no such user"));
        pages.put("get", render(healthy, get(noTestCa(healthy))));

        final Environment broken = new Environment();
        broken.status = Optional.of(new PluginStatus(true, null, false, false, false, false));
        broken.httpsBindActive = false;
        pages.put("broken", render(broken, get(noTestCa(broken))));
        broken.status = Optional.of(new PluginStatus(true, null, true, false, false, false));
        pages.put("filter-not-first", render(broken, get(noTestCa(broken))));
        broken.status = Optional.empty();
        pages.put("not-loaded", render(broken, get(noTestCa(broken))));
        broken.status = Optional.of(new PluginStatus(false, "could not reach HttpBindManager", false, false, false, false));
        pages.put("inactive", render(broken, get(noTestCa(broken))));

        final Map<String, String> submitted = new LinkedHashMap<>(AdminPage.currentValues());
        submitted.put(Settings.MIN_RSA_KEY_BITS.getKey(), "abc");
        pages.put("refused-save", render(healthy, new AdminPage("csrf-1", "page-1", List.of(new Message("message.csrf")), submitted,
            Map.of(Settings.MIN_RSA_KEY_BITS.getKey(), List.of(new Message("error.integer", "abc"))), null, "", "", null)
            .withTestCertificates(AdminPage.TestCertificateView.of(noTestCa(healthy)))));
        pages.put("saved", render(healthy, new AdminPage("csrf-1", "page-1", List.of(), AdminPage.currentValues(), Map.of(),
            List.of(new SettingsWriter.Change(Settings.MIN_RSA_KEY_BITS.getKey(), "2048", "3072"),
                new SettingsWriter.Change(Settings.BOSH_CLIENT_CERT_POLICY, "disabled", "wanted")), "", "", null)
            .withTestCertificates(AdminPage.TestCertificateView.of(noTestCa(healthy)))));
        pages.put("unchanged", render(healthy, new AdminPage("csrf-1", "page-1", List.of(), AdminPage.currentValues(), Map.of(),
            List.of(), "", "", null).withTestCertificates(AdminPage.TestCertificateView.of(noTestCa(healthy)))));

        final List<X509Certificate> chain = List.of(alice.certificate(), root.certificate());
        pages.put("test-accepted", test(healthy, "pem text", "", new CertificateTester.Outcome(null, chain,
            Verdict.success(new JID("alice@localhost"), Instant.parse("2030-01-01T00:00:00Z"), ""), true, true)));
        pages.put("test-user-missing", test(healthy, "pem text", "", new CertificateTester.Outcome(null, chain,
            Verdict.success(new JID("carol@localhost"), Instant.parse("2030-01-01T00:00:00Z"), ""), false, true)));
        pages.put("test-refused", test(healthy, "pem text", "bob@localhost", new CertificateTester.Outcome(null, chain,
            Verdict.failure(FailureReason.EXPIRED, 0, "expired on 2024-01-01"), false, true)));
        pages.put("test-problem", test(healthy, "", "", CertificateTester.Outcome.problem(new Message("test.error.empty"), false)));

        final TestCertificateDesk.State created = new TestCertificateDesk.State(healthy.testCaDirectory, root.certificate(), false, null);
        pages.put("testca-created", render(healthy, get(created)));
        final TestCertificateDesk.State trustedCa = new TestCertificateDesk.State(healthy.testCaDirectory, root.certificate(), true, null);
        pages.put("testca-trusted", render(healthy, AdminPage.current("csrf-1", "page-1", List.of()).withTestCertificates(
            new AdminPage.TestCertificateView(trustedCa, TestCertificateForm.defaults(), Map.of(),
                List.of(new Message("testca.trust.added")), List.of(), null))));
        final TestCertificateDesk.State unreadable = new TestCertificateDesk.State(healthy.testCaDirectory, null, false, "bad file");
        final Map<String, String> issueValues = new LinkedHashMap<>(TestCertificateForm.defaults());
        issueValues.put(TestCertificateForm.USER, "bob");
        issueValues.put(TestCertificateForm.ISSUE_ANYWAY, "true");
        pages.put("testca-unreadable", render(healthy, AdminPage.current("csrf-1", "page-1", List.of()).withTestCertificates(
            new AdminPage.TestCertificateView(unreadable, issueValues,
                Map.of(TestCertificateForm.DAYS, List.of(new Message("error.range", "0", 1, 825))),
                List.of(), List.of(new Message("testca.trust.failed", "disk full")), "bob@localhost"))));
        return pages;
    }

    private static String test(Environment environment, String pem, String authzid, CertificateTester.Outcome outcome) {
        return render(environment, new AdminPage("csrf-1", "page-1", List.of(), AdminPage.currentValues(), Map.of(), null,
            pem, authzid, outcome).withTestCertificates(AdminPage.TestCertificateView.of(noTestCa(environment))));
    }
}
