package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.PathValidationResult;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.CertificateBinding;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.MutableClock;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Test a certificate" shows the certification path the verifier built and judged (issue 14): for a success every
 * certificate of the path and the trust anchor, for a refusal which certificate failed which check. Real certificates,
 * a real verifier, the page as rendered.
 */
class CertificationPathSectionTest {

    private static TestPki.Issued root;
    private static TestPki.Issued intermediate;
    private static RevocationService revocation;

    @BeforeAll
    static void createPki() {
        root = TestPki.rootCa("Tested Root");
        intermediate = TestPki.certificate("Tested Intermediate").ca().issuedBy(root).build();
        revocation = new RevocationService();
    }

    @AfterAll
    static void closeRevocation() {
        revocation.close();
    }

    private static CertificateTester.Outcome test(X509Certificate... chain) {
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(root.certificate()))
            .domains(Set.of("localhost")).revocationMode(RevocationMode.OFF).build();
        final StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : chain) {
            pem.append(TestPki.pem(certificate));
        }
        return new CertificateTester(jid -> true).test(pem.toString(), "",
            Optional.of(new CertificateVerifier(policy, revocation, MutableClock.now())));
    }

    private static String render(CertificateTester.Outcome outcome) {
        return AdminPageExamples.render(new AdminPageExamples.Environment(), new AdminPage("c", "p", List.of(), AdminPage.currentValues(),
            Map.of(), null, "", "", outcome));
    }

    @Test
    void theTesterResultCarriesThePathBuilt() {
        // Setup: the intermediate after an unrelated certificate, the root not pasted
        final TestPki.Issued alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(intermediate).build();
        final X509Certificate unrelated = TestPki.rootCa("Unrelated Tested Root").certificate();
        // Execute
        final CertificateTester.Outcome outcome = test(alice.certificate(), unrelated, intermediate.certificate());
        // Verify
        assertTrue(outcome.verdict().isSuccess(), outcome.verdict()::toString);
        final PathValidationResult path = outcome.verdict().judgedPath().orElseThrow();
        assertEquals(List.of(alice.certificate(), intermediate.certificate(), root.certificate()), path.certificates(outcome.chain()));
        assertEquals(Optional.of(2), path.anchor());
    }

    @Test
    void aSuccessListsEveryCertificateOfThePathAndTheTrustAnchor() throws Exception {
        // Setup
        final TestPki.Issued alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(intermediate).build();
        final CertificateTester.Outcome outcome = test(alice.certificate(), intermediate.certificate());
        // Execute
        final String html = render(outcome);
        // Verify: the root was not pasted, yet it is on the path as its trust anchor
        assertTrue(html.contains("Certification path"), html);
        assertTrue(html.contains("Every chain check passed on this path."), html);
        for (TestPki.Issued certificate : List.of(alice, intermediate, root)) {
            assertTrue(html.contains(Html.escape(certificate.certificate().getSubjectX500Principal().getName())), html);
            assertTrue(html.contains(certificate.certificate().getSerialNumber().toString(16)), html);
            assertTrue(html.contains(CertificateBinding.sha256(certificate.certificate())), html);
        }
        assertTrue(html.contains("<b>Trust anchor</b>"), html);
        assertTrue(html.contains("User certificate"), html);
    }

    @Test
    void aRefusalNamesTheFailingCertificateAndTheCheck() {
        // Setup: the intermediate has expired
        final TestPki.Issued expired = TestPki.certificate("Expired Tested Intermediate").ca().issuedBy(root).expired().build();
        final TestPki.Issued bob = TestPki.certificate("bob").xmppAddr("bob@localhost").issuedBy(expired).build();
        final CertificateTester.Outcome outcome = test(bob.certificate(), expired.certificate());
        // Execute
        final String html = render(outcome);
        // Verify
        assertEquals(FailureReason.EXPIRED, outcome.verdict().reason(), outcome.verdict()::toString);
        assertTrue(html.contains("Certificate #1 on the path (" + Html.escape(expired.certificate().getSubjectX500Principal().getName())
            + ") failed the check ValidityRule: EXPIRED (" + Html.escape(FailureReason.EXPIRED.description()) + ")."), html);
        assertTrue(html.contains("refused: EXPIRED (check ValidityRule)"), html);
    }

    @Test
    void aHostileSubjectIsEscapedOnThePath() {
        // Setup: a subject DN with markup in it
        final TestPki.Issued mallory = TestPki.certificate("mallory").xmppAddr("mallory@localhost").issuedBy(intermediate)
            .subject(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "<script>alert(1)</script>").build()).build();
        final String subject = mallory.certificate().getSubjectX500Principal().getName();
        final CertificateTester.Outcome outcome = test(mallory.certificate(), intermediate.certificate());
        // Execute
        final String html = render(outcome);
        // Verify
        assertTrue(outcome.verdict().judgedPath().isPresent(), outcome.verdict()::toString);
        assertTrue(subject.contains("<script"), subject);
        assertTrue(html.contains(Html.escape(subject)), html);
        assertFalse(html.contains(subject), html);
    }

    @Test
    void nothingIsShownWithoutATest() {
        // Execute
        final String html = render(null);
        // Verify
        assertFalse(html.contains("Certification path"));
    }
}
