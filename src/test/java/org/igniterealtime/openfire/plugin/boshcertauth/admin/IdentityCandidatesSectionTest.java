package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.CandidateExplanation;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IdentitySource;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The candidate identities table after "Test a certificate" (issue 19). */
class IdentityCandidatesSectionTest {

    private static final String HOSTILE = "<script>alert(1)</script>";

    private static String render(CertificateTester.Outcome outcome) {
        return AdminPageExamples.render(new AdminPageExamples.Environment(), new AdminPage("c", "p", List.of(), AdminPage.currentValues(),
            Map.of(), null, "", "", outcome));
    }

    @Test
    void everyCandidateIsListedWithSourceMappingAndAccountEscaped() {
        // Setup: values come from the certificate (hostile) and the directory
        final CertificateTester.Outcome outcome = new CertificateTester.Outcome(null, List.of(),
            Verdict.failure(FailureReason.AMBIGUOUS_IDENTITY, 0, "two"), false, true, List.of(
                new CandidateExplanation(IdentitySource.UPN, HOSTILE + "@corp.example.com", "directory: userPrincipalName",
                    List.of(new JID("bob@example.com"), new JID("carol@example.com")), List.of("note " + HOSTILE)),
                new CandidateExplanation(IdentitySource.XMPP_ADDR, "", "by domain", List.of(), List.of())));

        // Execute
        final String html = render(outcome);

        // Verify
        assertTrue(html.contains("Candidate identities"), html);
        assertTrue(html.contains(Html.escape(HOSTILE + "@corp.example.com")));
        assertTrue(html.contains("directory: userPrincipalName"));
        assertTrue(html.contains("bob@example.com, carol@example.com"));
        assertTrue(html.contains("(none in the certificate)"));
        assertFalse(html.contains(HOSTILE));
    }

    @Test
    void nothingIsShownWithoutATest() {
        // Execute
        final String html = render(null);

        // Verify
        assertFalse(html.contains("Candidate identities"));
    }
}
