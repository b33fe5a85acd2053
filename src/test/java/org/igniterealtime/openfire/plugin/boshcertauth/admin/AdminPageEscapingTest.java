package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginStatus;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.AdminText.Message;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.jivesoftware.util.JiveGlobals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.igniterealtime.openfire.plugin.boshcertauth.admin.AdminPageExamples.HOSTILE;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of value the page shows, made hostile ({@code <script>"'&} plus a tag naming the kind), through the real
 * renderer: each must come out escaped where it is shown, and nothing may come out as markup.
 */
class AdminPageEscapingTest {

    private static TestPki.Issued hostileCa;

    @BeforeAll
    static void certificates() {
        hostileCa = TestPki.rootCa(inName(HOSTILE + "trusted-ca"));
    }

    /** A common name as TestPki puts it into a distinguished name: DN syntax characters escaped (RFC 4514). */
    private static String inName(String commonName) {
        return commonName.replaceAll("([\\\\\"<>,+;=])", "\\\\$1");
    }

    @AfterEach
    void clearProperties() {
        AdminField.ALL.forEach(f -> JiveGlobals.deleteProperty(f.key()));
    }

    /** The hostile value for one kind of value. */
    private static String hostile(String kind) {
        return HOSTILE + kind;
    }

    private static void assertEscaped(String html, String kind, String value) {
        assertTrue(html.contains(Html.escape(value)), kind + " not shown escaped");
    }

    /** The page holds no markup but what the renderer writes itself: no script, no attribute broken out of. */
    private static void assertNoInjectedMarkup(String html) {
        assertFalse(html.contains(HOSTILE), "a value reached the page unescaped");
        assertFalse(html.toLowerCase().contains("<script"), "a script element");
        assertFalse(Pattern.compile("<[^>]*\\son[a-z]+=").matcher(html).find(), "an event handler attribute");
        // every attribute value is quoted and free of quotes and angle brackets
        final Matcher tag = Pattern.compile("<[a-z0-9]+((?:\\s+[a-z-]+(?:=\"[^\"<>]*\")?)*)\\s*/?>").matcher(html);
        final String withoutTags = tag.replaceAll("").replaceAll("</[a-z0-9]+>", "");
        assertFalse(withoutTags.contains("<") || withoutTags.contains(">"), "a tag the renderer did not write: "
            + withoutTags.substring(Math.max(0, withoutTags.indexOf('<') - 80), Math.min(withoutTags.length(), withoutTags.indexOf('<') + 80)));
        assertFalse(withoutTags.contains("\"") || withoutTags.contains("'"), "an unescaped quote in text");
    }

    @Test
    void everyValueOfTheStatusTruststoreSettingsAndAttemptsIsEscaped() {
        // Setup
        final AdminPageExamples.Environment environment = new AdminPageExamples.Environment();
        environment.trusted = Set.of(hostileCa.certificate());
        environment.runtime = Optional.of(AdminPageExamples.runtime(environment.trusted, List.of(hostile("warning")), List.of(hostile("note"))));
        environment.attempts = List.of(
            new LoginAttempt(Instant.parse("2025-01-02T03:04:05Z"), hostile("stage"), hostile("peer-address"),
                new CertificateSummary(hostile("attempt-subject"), hostile("issuer"), "1", "ab"), "EXTERNAL", hostile("jid"),
                FailureReason.UNKNOWN_USER, hostile("reason-detail")),
            new LoginAttempt(Instant.parse("2025-01-02T03:04:06Z"), "sasl", "192.0.2.1",
                new CertificateSummary("CN=alice", "CN=x", "2", "cd"), "EXTERNAL", "alice@localhost", null, hostile("success-detail")));
        JiveGlobals.setProperty(Settings.PROXY_HEADER.getKey(), hostile("setting-in-effect"));
        final Map<String, String> submitted = new LinkedHashMap<>(AdminPage.currentValues());
        submitted.put(Settings.PROXY_TRUSTED_ADDRESSES.getKey(), hostile("submitted-text-setting"));
        submitted.put(Settings.MIN_RSA_KEY_BITS.getKey(), hostile("submitted-number-setting"));
        final AdminPage page = new AdminPage(hostile("csrf"), hostile("page-token"), List.of(new Message("message.openfire", hostile("flash"))),
            submitted, Map.of(Settings.MIN_RSA_KEY_BITS.getKey(), List.of(new Message("error.integer", hostile("field-error")))),
            List.of(new SettingsWriter.Change(Settings.PROXY_HEADER.getKey(), hostile("old-value"), hostile("new-value"))), "", "", null)
            .withTestCertificates(AdminPage.TestCertificateView.of(AdminPageExamples.noTestCa(environment)))
            .withNotices(List.of(new Message("status.note", hostile("notice"))));

        // Execute
        final String html = AdminPageExamples.render(environment, page);

        // Verify
        for (String kind : List.of("warning", "note", "stage", "peer-address", "attempt-subject", "jid", "reason-detail", "success-detail",
                "setting-in-effect", "submitted-text-setting", "submitted-number-setting", "csrf", "page-token", "flash", "field-error",
                "old-value", "new-value", "notice")) {
            assertEscaped(html, kind, hostile(kind));
        }
        assertEscaped(html, "truststore subject", hostileCa.certificate().getSubjectX500Principal().getName());
        assertTrue(html.contains("name=\"" + Settings.PROXY_TRUSTED_ADDRESSES.getKey() + "\" value=\"" + Html.escape(hostile("submitted-text-setting")) + "\""),
            "a setting's value stays inside its value attribute");
        assertTrue(html.contains("name=\"csrf\" value=\"" + Html.escape(hostile("csrf")) + "\""), "the token stays inside its attribute");
        assertNoInjectedMarkup(html);
    }

    @Test
    void aProblemOfTheInactivePluginIsEscaped() {
        // Setup
        final AdminPageExamples.Environment environment = new AdminPageExamples.Environment();
        environment.status = Optional.of(new PluginStatus(false, hostile("plugin-problem"), false, false, false, false));

        // Execute
        final String html = AdminPageExamples.render(environment, AdminPageExamples.get(AdminPageExamples.noTestCa(environment)));

        // Verify
        assertEscaped(html, "plugin problem", hostile("plugin-problem"));
        assertNoInjectedMarkup(html);
    }

    @Test
    void everyValueOfACertificateTestIsEscaped() {
        // Setup: the tested chain's names, the verdict's detail, the pasted text and the asked-for identity
        final AdminPageExamples.Environment environment = new AdminPageExamples.Environment();
        final TestPki.Issued leaf = TestPki.certificate(inName(HOSTILE + "tested-subject")).issuedBy(hostileCa).build();
        final CertificateTester.Outcome refused = new CertificateTester.Outcome(null, List.of(leaf.certificate(), hostileCa.certificate()),
            Verdict.failure(FailureReason.EXPIRED, 0, hostile("verdict-detail")), false, true);
        final CertificateTester.Outcome problem = CertificateTester.Outcome.problem(
            new Message("test.error.unparsable", 1, hostile("parse-problem")), true);

        // Execute
        final String refusedPage = AdminPageExamples.render(environment, new AdminPage("c", "p", List.of(), AdminPage.currentValues(),
            Map.of(), null, hostile("pasted-pem"), hostile("authzid"), refused));
        final String problemPage = AdminPageExamples.render(environment, new AdminPage("c", "p", List.of(), AdminPage.currentValues(),
            Map.of(), null, "", "", problem));

        // Verify
        assertEscaped(refusedPage, "verdict detail", hostile("verdict-detail"));
        assertEscaped(refusedPage, "tested subject", leaf.certificate().getSubjectX500Principal().getName());
        assertEscaped(refusedPage, "pasted PEM", hostile("pasted-pem"));
        assertTrue(refusedPage.contains("name=\"authzid\" value=\"" + Html.escape(hostile("authzid")) + "\""));
        assertTrue(refusedPage.contains("spellcheck=\"false\">" + Html.escape(hostile("pasted-pem")) + "</textarea>"),
            "the pasted text cannot close the textarea");
        assertEscaped(problemPage, "parse problem", hostile("parse-problem"));
        assertNoInjectedMarkup(refusedPage);
        assertNoInjectedMarkup(problemPage);
    }

    @Test
    void everyValueOfTheTestingSectionIsEscaped() {
        // Setup: the test CA's subject and directory, a stored CA that cannot be read, the issue form's values
        final AdminPageExamples.Environment environment = new AdminPageExamples.Environment();
        final Path directory = Path.of("/tmp", HOSTILE + "directory");
        final TestCertificateDesk.State exists = new TestCertificateDesk.State(directory, hostileCa.certificate(), false, null);
        final TestCertificateDesk.State unreadable = new TestCertificateDesk.State(directory, null, false, hostile("unreadable"));
        final Map<String, String> values = new LinkedHashMap<>(TestCertificateForm.defaults());
        values.put(TestCertificateForm.USER, hostile("issue-user"));
        values.put(TestCertificateForm.DAYS, hostile("issue-days"));
        final AdminPage.TestCertificateView view = new AdminPage.TestCertificateView(exists, values,
            Map.of(TestCertificateForm.USER, List.of(new Message("error.cn-domain.not-served", hostile("issue-error"), "localhost"))),
            List.of(new Message("status.note", hostile("trust-notice"))), List.of(new Message("testca.trust.failed", hostile("trust-problem"))),
            hostile("missing-user"));

        // Execute
        final String html = AdminPageExamples.render(environment, AdminPage.current("c", "p", List.of()).withTestCertificates(view));
        final String unreadablePage = AdminPageExamples.render(environment, AdminPageExamples.get(unreadable));

        // Verify
        for (String kind : List.of("issue-user", "issue-days", "issue-error", "trust-notice", "trust-problem", "missing-user")) {
            assertEscaped(html, kind, hostile(kind));
        }
        assertEscaped(html, "test CA subject", hostileCa.certificate().getSubjectX500Principal().getName());
        assertEscaped(html, "test CA directory", directory.toString());
        assertEscaped(unreadablePage, "unreadable test CA", hostile("unreadable"));
        assertNoInjectedMarkup(html);
        assertNoInjectedMarkup(unreadablePage);
    }

    @Test
    void theCheckFindsMarkupThatAValueInjected() {
        // Verify: the page check itself fails on what an unescaped value would do
        for (String page : List.of("<td class=\"x\">" + HOSTILE + "</td>", "<td title=\"\" onmouseover=\"x\">a</td>",
                "<td>a\"b</td>", "<td>a<img src=x>b</td>", "<input value=\"a\"b\"/>")) {
            assertThrows(AssertionError.class, () -> assertNoInjectedMarkup(page), page);
        }
        assertNoInjectedMarkup("<td class=\"x\">" + Html.escape(HOSTILE) + "<br/></td>");
    }
}
