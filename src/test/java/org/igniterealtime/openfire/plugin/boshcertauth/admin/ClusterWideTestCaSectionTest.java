package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;
import org.igniterealtime.openfire.plugin.boshcertauth.tools.TestCertificateAuthority;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Test PKI page on a real server (issue 17): where the test CA is kept and the fingerprint that tells CAs apart. */
class ClusterWideTestCaSectionTest {

    @Test
    void theTestCaKeptInTheDatabaseIsShownWithItsFingerprintAndWithoutItsKey() throws Exception {
        // Setup
        final AdminPageExamples.Environment environment = new AdminPageExamples.Environment();
        final X509Certificate ca = TestCertificateAuthority.create(TestCertificateAuthority.Options.defaults()).certificate();
        final TestCertificateDesk.State state = new TestCertificateDesk.State(environment.testCaDirectory(), ca, false, null, true);

        // Execute
        final String html = AdminPageExamples.render(environment, AdminPageExamples.get(state));

        // Verify
        final String hex = CertificateSummary.sha256(ca).toUpperCase(Locale.ROOT);
        assertTrue(html.contains("SHA-256 fingerprint: " + hex.substring(0, 2) + ":" + hex.substring(2, 4) + ":"), html);
        assertTrue(html.contains(state.fingerprint()) && state.fingerprint().replace(":", "").equals(hex), state.fingerprint());
        assertTrue(html.contains("the same test CA on every cluster node"), html);
        assertTrue(html.contains("ofBoshCertTestCa"), html);
        assertFalse(html.contains(environment.testCaDirectory().toString()), "the directory is not where it is kept");
        assertFalse(html.contains("PRIVATE KEY"), html);
    }

    @Test
    void aTestCaKeptInADirectoryIsShownWithItsDirectory() throws Exception {
        // Setup
        final AdminPageExamples.Environment environment = new AdminPageExamples.Environment();
        final X509Certificate ca = TestCertificateAuthority.create(TestCertificateAuthority.Options.defaults()).certificate();

        // Execute
        final String html = AdminPageExamples.render(environment, AdminPageExamples.get(
            new TestCertificateDesk.State(environment.testCaDirectory(), ca, false, null)));

        // Verify
        assertTrue(html.contains(environment.testCaDirectory().toString()), html);
        assertFalse(html.contains("ofBoshCertTestCa"), html);
    }
}
