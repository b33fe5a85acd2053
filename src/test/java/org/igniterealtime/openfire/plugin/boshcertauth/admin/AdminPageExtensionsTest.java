package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.AdminText.Message;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.regex.Pattern;

import static org.igniterealtime.openfire.plugin.boshcertauth.admin.AdminPageExamples.HOSTILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the page offers for additions: settings found by key and grouped by section, a field's warning from the
 * bundle, buttons next to login attempts, and a success message after an action.
 */
class AdminPageExtensionsTest {

    private static final AdminPage PAGE = AdminPage.current("csrf-token", "page-token", List.of());

    /** The plugin's strings plus {@code extra}. */
    private static ConsoleMarkup markup(Map<String, String> extra) {
        final ResourceBundle plugin = ResourceBundle.getBundle(AdminText.BUNDLE, Locale.ENGLISH, AdminText.class.getClassLoader());
        final ResourceBundle bundle = new ListResourceBundle() {
            {
                setParent(plugin);
            }

            @Override
            protected Object[][] getContents() {
                return extra.entrySet().stream().map(e -> new Object[] {e.getKey(), e.getValue()}).toArray(Object[][]::new);
            }
        };
        return new ConsoleMarkup(AdminText.of(bundle, Locale.ENGLISH));
    }

    private static LoginAttempt attempt(FailureReason reason, String detail) {
        return new LoginAttempt(Instant.parse("2025-01-02T03:04:05Z"), "bosh", "192.0.2.7", CertificateSummary.NONE, "", "", reason, detail);
    }

    private static int count(String html, String regex) {
        return (int) Pattern.compile(regex).matcher(html).results().count();
    }

    // ------------------------------------------------------------------ settings by key

    @Test
    void everyFieldIsFoundByItsKey() {
        // Verify
        for (AdminField field : AdminField.ALL) {
            assertEquals(field, AdminField.named(field.key()));
        }
        assertEquals(AdminField.Kind.CHOICE, AdminField.named(Settings.BOSH_CLIENT_CERT_POLICY).kind());
        assertEquals(AdminField.Source.SASL_MECHANISMS, AdminField.named(AdminField.SASL_EXTERNAL).source());
        assertThrows(IllegalArgumentException.class, () -> AdminField.named("boshcertauth.no-such-setting"));
    }

    @Test
    void everyFieldIsInExactlyOneShownSectionInPageOrder() {
        // Execute
        final List<String> sections = AdminField.sections();

        // Verify: nothing is left off the form, nothing twice, the page's order kept
        assertEquals(List.of("bosh", "sasl", "web", "identity", "certificate", "revocation", "proxy", "diagnostics", "legacy", "xep0257"), sections);
        assertEquals(AdminField.ALL.size(), sections.stream().mapToInt(s -> AdminField.inSection(s).size()).sum());
        for (AdminField field : AdminField.ALL) {
            assertTrue(sections.contains(field.section()), field.key());
        }
    }

    // ------------------------------------------------------------------ a field's warning

    /** As {@link #markup}, but of the bundle's own field warnings only {@code warnings}: the others are left out. */
    private static ConsoleMarkup markupWithOnlyTheseWarnings(Map<String, String> warnings) {
        final ResourceBundle plugin = ResourceBundle.getBundle(AdminText.BUNDLE, Locale.ENGLISH, AdminText.class.getClassLoader());
        final Map<String, String> contents = new java.util.HashMap<>(warnings);
        plugin.keySet().stream().filter(k -> !k.endsWith(".warning")).forEach(k -> contents.putIfAbsent(k, plugin.getString(k)));
        final ResourceBundle bundle = new ListResourceBundle() {
            @Override
            protected Object[][] getContents() {
                return contents.entrySet().stream().map(e -> new Object[] {e.getKey(), e.getValue()}).toArray(Object[][]::new);
            }
        };
        return new ConsoleMarkup(AdminText.of(bundle, Locale.ENGLISH));
    }

    @Test
    void aFieldsWarningFromTheBundleIsShownInItsRow() {
        // Setup: only this warning (the bundle's own, e.g. the self-covered CRL signer's, are left out)
        final String key = Settings.PROXY_HEADER.getKey();
        final ConsoleMarkup markup = markupWithOnlyTheseWarnings(Map.of("field." + key + ".warning", "Only behind a proxy " + HOSTILE));

        // Execute
        final String with = new SettingsSection(markup).render(PAGE).render();
        final String without = new SettingsSection(markupWithOnlyTheseWarnings(Map.of())).render(PAGE).render();

        // Verify
        final int warningAt = with.indexOf("<span class=\"jive-warning-text\">Only behind a proxy " + Html.escape(HOSTILE) + "</span>");
        assertTrue(warningAt > 0, with);
        assertTrue(with.lastIndexOf("name=\"" + key + "\"", warningAt) > with.lastIndexOf("</tr>", warningAt), "in the field's own row");
        assertEquals(1, count(with, "jive-warning-text"));
        assertFalse(without.contains("jive-warning-text"));
    }

    @Test
    void theSelfCoveredCrlSignerOptInShowsItsRiskInItsRowOfTheRevocationBox() {
        // Setup
        final String key = Settings.SELF_COVERED_CRL_SIGNER.getKey();
        final ResourceBundle english = ResourceBundle.getBundle(AdminText.BUNDLE, Locale.ENGLISH, AdminText.class.getClassLoader());
        final String risk = english.getString("field." + key + ".warning");

        // Execute
        final String page = new SettingsSection(markup(Map.of())).render(PAGE).render();

        // Verify: a checkbox in the revocation box, with the risk under it in its own row
        assertEquals("revocation", AdminField.named(key).section());
        assertEquals(AdminField.Kind.BOOLEAN, AdminField.named(key).kind());
        final int riskAt = page.indexOf("<span class=\"jive-warning-text\">" + Html.escape(risk) + "</span>");
        assertTrue(riskAt > 0, page);
        assertTrue(page.lastIndexOf("name=\"" + key + "\"", riskAt) > page.lastIndexOf("</tr>", riskAt), "in the field's own row");
        assertTrue(risk.startsWith("Risk:"), risk);
    }

    // ------------------------------------------------------------------ buttons next to attempts

    @Test
    void anAttemptActionPutsAButtonNextToTheAttemptsItAppliesTo() {
        // Setup: an action for UNKNOWN_USER attempts that carries the attempt's detail
        final AttemptAction createUser = a -> a.reason() == FailureReason.UNKNOWN_USER
            ? Optional.of(new ConsoleMarkup.PostButton("create-user", "save.button", Map.of("user", a.detail()), null))
            : Optional.empty();
        final AdminPageExamples.Environment environment = new AdminPageExamples.Environment();
        environment.attempts = List.of(attempt(FailureReason.UNKNOWN_USER, HOSTILE + "bob"), attempt(FailureReason.EXPIRED, "old"));

        // Execute
        final String html = new AttemptsSection(markup(Map.of()), environment, List.of(createUser)).render(PAGE).render();
        final String none = new AttemptsSection(markup(Map.of()), environment, List.of()).render(PAGE).render();

        // Verify: one form, in the first attempt's row, with both tokens, the action, its field and the label
        assertEquals(1, count(html, "<form "), html);
        final int form = html.indexOf("<form ");
        assertTrue(html.indexOf("UNKNOWN_USER") < form && form < html.indexOf("EXPIRED"), "next to its own attempt");
        assertTrue(html.replace("\n", "").contains("<form action=\"boshcertauth-settings\" method=\"post\" class=\"boshcertauth-inline\">"
            + "<input type=\"hidden\" name=\"csrf\" value=\"csrf-token\"/>"
            + "<input type=\"hidden\" name=\"boshcertauth-token\" value=\"page-token\"/>"
            + "<input type=\"hidden\" name=\"action\" value=\"create-user\"/>"
            + "<input type=\"hidden\" name=\"user\" value=\"" + Html.escape(HOSTILE + "bob") + "\"/>"
            + "<input type=\"submit\" name=\"create-user\" value=\"Save settings\"/></form>"), html);
        assertFalse(none.contains("<form "));
    }

    // ------------------------------------------------------------------ a message after an action

    @Test
    void noticesAreShownAtTheTopAsSuccess() {
        // Setup
        final AdminPage page = PAGE.withNotices(List.of(new Message("status.note", "caches flushed " + HOSTILE)));
        final AdminPageExamples.Environment environment = new AdminPageExamples.Environment();

        // Execute
        final String html = AdminPageExamples.render(environment, page.withTestCertificates(
            AdminPage.TestCertificateView.of(AdminPageExamples.noTestCa(environment))));

        // Verify: before the status box, as Openfire's success box
        final int notice = html.indexOf("Note: caches flushed " + Html.escape(HOSTILE));
        assertTrue(notice > 0 && notice < html.indexOf("jive-contentBoxHeader"), "at the top");
        assertTrue(html.lastIndexOf("<div class=\"jive-success\">", notice) > html.lastIndexOf("<body>", notice));
        assertTrue(AdminPage.current("c", "p", List.of()).notices().isEmpty());
    }
}
