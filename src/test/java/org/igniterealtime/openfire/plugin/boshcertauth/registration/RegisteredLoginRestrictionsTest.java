package org.igniterealtime.openfire.plugin.boshcertauth.registration;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IssuerRestrictions;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Review finding M4b: a registered certificate (XEP-0257) logs in as its owner only when no configured identity source
 * maps it to someone else, and only when the issuing CA may vouch for the owner's domain (ca-restrictions). The
 * registrations are stored directly: they may predate the mapping or the restriction.
 */
class RegisteredLoginRestrictionsTest {

    private static final String DOMAIN = "localhost";
    private static TestPki.Issued root;
    private static TestPki.Issued bobs;
    private static TestPki.Issued phone;

    @BeforeAll
    static void pki() {
        root = TestPki.rootCa("XEP-0257 login restrictions CA");
        bobs = TestPki.certificate("bob").issuedBy(root).xmppAddr("bob@localhost").build();
        phone = TestPki.certificate("alice's phone").issuedBy(root).build();
    }

    @Test
    void aCertificateTheSourcesMapToAnotherUserDoesNotLogInAsItsOwner() throws Exception {
        // Setup: alice registered bob's certificate (e.g. while the mapping could not tell)
        final CertificateVerifier verifier = verifierWith(base().build(), registration("alice", bobs.certificate()));

        // Execute
        final Verdict login = verifier.authenticate(List.of(bobs.certificate()), null);
        final Verdict asAlice = verifier.authenticate(List.of(bobs.certificate()), "alice@localhost");

        // Verify
        assertEquals(FailureReason.REGISTRATION_CONFLICT, login.reason(), login.toString());
        assertEquals(FailureReason.REGISTRATION_CONFLICT, asAlice.reason(), asAlice.toString());
        assertTrue(login.detail().contains("bob@localhost"), login.detail());
    }

    @Test
    void aCaThatMayNotVouchForTheOwnersDomainRefusesTheRegisteredLogin() throws Exception {
        // Setup: the CA may vouch only for another domain
        final CertificatePolicy policy = base().issuerRestrictions(IssuerRestrictions.parse("* | * | other.example")).build();
        final CertificateVerifier verifier = verifierWith(policy, registration("alice", phone.certificate()));

        // Execute
        final Verdict login = verifier.authenticate(List.of(phone.certificate()), null);

        // Verify
        assertEquals(FailureReason.CA_NOT_ALLOWED, login.reason(), login.toString());
    }

    @Test
    void theOwnersOwnCertificateStillLogsIn() throws Exception {
        // Setup: the sources name the owner herself, and the CA may vouch for her domain
        final TestPki.Issued alices = TestPki.certificate("alice").issuedBy(root).xmppAddr("alice@localhost").build();
        final CertificatePolicy policy = base().issuerRestrictions(IssuerRestrictions.parse("* | * | localhost")).build();
        final CertificateVerifier verifier = verifierWith(policy, registration("alice", alices.certificate()), registration("alice", phone.certificate()));

        // Execute
        final Verdict own = verifier.authenticate(List.of(alices.certificate()), null);
        final Verdict device = verifier.authenticate(List.of(phone.certificate()), null);

        // Verify
        assertTrue(own.isSuccess(), own.toString());
        assertEquals(new JID("alice@localhost"), own.jid());
        assertTrue(device.isSuccess(), device.toString());
        assertEquals(new JID("alice@localhost"), device.jid());
    }

    private static CertificatePolicy.Builder base() {
        return CertificatePolicy.builder().trust(Set.of(root.certificate())).domains(Set.of(DOMAIN)).revocationMode(RevocationMode.OFF);
    }

    private static RegisteredCertificate registration(String owner, X509Certificate certificate) throws Exception {
        return new RegisteredCertificate(CertificateSummary.sha256(certificate), owner, certificate.getSubjectX500Principal().getName(),
            Base64.getEncoder().encodeToString(certificate.getEncoded()), certificate.getNotAfter().getTime(), true, false,
            System.currentTimeMillis());
    }

    private static CertificateVerifier verifierWith(CertificatePolicy policy, RegisteredCertificate... entries) throws Exception {
        final RegistrationLimits limits = new RegistrationLimits(true, false, 5, Duration.ofDays(398));
        final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
        final RegisteredCertificates registry = new RegisteredCertificates(store, () -> limits, () -> DOMAIN);
        for (RegisteredCertificate entry : entries) {
            assertTrue(registry.add(entry));
        }
        registry.refresh();
        return new CertificateVerifier(policy, new RevocationService(), Clock.systemUTC(), Optional.empty(), registry);
    }
}
