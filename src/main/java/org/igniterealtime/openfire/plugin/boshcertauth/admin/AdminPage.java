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
 */
public record AdminPage(String csrf, String pageToken, List<Message> messages, Map<String, String> values,
                        Map<String, List<Message>> fieldErrors, List<SettingsWriter.Change> changes,
                        String testPem, String testAuthzid, CertificateTester.Outcome testOutcome) {

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
