package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.AdminText.Message;

import java.util.List;
import java.util.Map;

/**
 * What one rendering of the page shows besides the live status: the form's values and errors, the outcome of a save
 * or a certificate test, and the tokens the forms must carry back.
 *
 * @param csrf         Openfire's per-request token (request attribute {@code csrf} set by PluginServlet); may be null
 * @param pageToken    this page's own session token (second, plugin-side CSRF check)
 * @param messages     general error messages shown at the top (e.g. a refused POST)
 * @param values       the form's values: in effect, or as submitted when a save was refused
 * @param fieldErrors  per-field errors of a refused save
 * @param changes      what a successful save wrote (null when nothing was saved now)
 * @param testPem      the pasted PEM to show again ("" when none or when it must not be echoed)
 * @param testAuthzid  the authorization identity of the test
 * @param testOutcome  the certificate test's outcome (null when no test was run)
 * @param testCertificates the "For testing only" section (null: its state as a GET shows it, filled in when sent)
 * @param notices      what an action did, shown at the top as success (e.g. "caches flushed")
 * @param view         which of the plugin's console pages this is (its forms post back to it)
 */
public record AdminPage(String csrf, String pageToken, List<Message> messages, Map<String, String> values,
                        Map<String, List<Message>> fieldErrors, List<SettingsWriter.Change> changes,
                        String testPem, String testAuthzid, CertificateTester.Outcome testOutcome,
                        TestCertificateView testCertificates, List<Message> notices, ConsolePage view) {

    public AdminPage {
        notices = notices == null ? List.of() : List.copyOf(notices);
        view = view == null ? ConsolePage.SETTINGS : view;
    }

    public AdminPage(String csrf, String pageToken, List<Message> messages, Map<String, String> values,
                     Map<String, List<Message>> fieldErrors, List<SettingsWriter.Change> changes,
                     String testPem, String testAuthzid, CertificateTester.Outcome testOutcome,
                     TestCertificateView testCertificates, List<Message> notices) {
        this(csrf, pageToken, messages, values, fieldErrors, changes, testPem, testAuthzid, testOutcome, testCertificates, notices, null);
    }

    public AdminPage(String csrf, String pageToken, List<Message> messages, Map<String, String> values,
                     Map<String, List<Message>> fieldErrors, List<SettingsWriter.Change> changes,
                     String testPem, String testAuthzid, CertificateTester.Outcome testOutcome) {
        this(csrf, pageToken, messages, values, fieldErrors, changes, testPem, testAuthzid, testOutcome, null, List.of());
    }

    AdminPage withTestCertificates(TestCertificateView view) {
        return new AdminPage(csrf, pageToken, messages, values, fieldErrors, changes, testPem, testAuthzid, testOutcome, view, notices, this.view);
    }

    /** This page with success messages at the top: what an action (a button) did. */
    AdminPage withNotices(List<Message> shown) {
        return new AdminPage(csrf, pageToken, messages, values, fieldErrors, changes, testPem, testAuthzid, testOutcome,
            testCertificates, shown, view);
    }

    /** This page as one of the plugin's console pages (the servlet serving it sets it). */
    AdminPage on(ConsolePage shownOn) {
        return new AdminPage(csrf, pageToken, messages, values, fieldErrors, changes, testPem, testAuthzid, testOutcome,
            testCertificates, notices, shownOn);
    }

    /**
     * The "For testing only" section: the test CA's state, the issue form's values (never the password) and errors,
     * and what the last action reported.
     *
     * @param state       the test CA (exists? trusted?)
     * @param values      the issue form's values
     * @param errors      the issue form's per-field errors
     * @param notices     what a trust action did (shown as success)
     * @param problems    what went wrong in an action (shown as errors)
     * @param missingUser the JID of an issue request held back because the user does not exist (null otherwise)
     */
    record TestCertificateView(TestCertificateDesk.State state, Map<String, String> values, Map<String, List<Message>> errors,
                               List<Message> notices, List<Message> problems, String missingUser) {
        static TestCertificateView of(TestCertificateDesk.State state) {
            return new TestCertificateView(state, TestCertificateForm.defaults(), Map.of(), List.of(), List.of(), null);
        }
    }

    /** The page as a GET shows it: values in effect, nothing submitted. */
    public static AdminPage current(String csrf, String pageToken, List<Message> messages) {
        return new AdminPage(csrf, pageToken, messages, currentValues(), Map.of(), null, "", "", null);
    }

    static Map<String, String> currentValues() {
        final Map<String, String> values = new java.util.LinkedHashMap<>();
        AdminField.ALL.forEach(f -> values.put(f.key(), f.currentValue()));
        return values;
    }
}
