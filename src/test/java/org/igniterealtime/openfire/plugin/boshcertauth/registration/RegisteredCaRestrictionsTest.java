package org.igniterealtime.openfire.plugin.boshcertauth.registration;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IdentitySource;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IssuerRestrictions;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code boshcertauth.identity.ca-restrictions} may name {@code registered} (XEP-0257) among a CA's sources: once any
 * entry names it, only the CAs whose entry allows it (by name or {@code *}) may issue certificates that users register;
 * a CA without an entry stays unrestricted, and a setting that never names it keeps the behaviour before (only the
 * CA's domains apply to a registered certificate).
 */
class RegisteredCaRestrictionsTest {

    private static final String DOMAIN = "localhost";
    private static final JID ALICE = new JID("alice@localhost/desk");
    private static TestPki.Issued staffCa;
    private static TestPki.Issued partnerCa;
    private static TestPki.Issued staffPhone;
    private static TestPki.Issued partnerPhone;

    @BeforeAll
    static void pki() {
        staffCa = TestPki.rootCa("Staff devices CA");
        partnerCa = TestPki.rootCa("Partner CA");
        staffPhone = TestPki.certificate("alice's phone").issuedBy(staffCa).build();
        partnerPhone = TestPki.certificate("alice's partner phone").issuedBy(partnerCa).build();
    }

    @Test
    void registeredParsesAsASourceOfACaEntry() {
        // Execute
        final IssuerRestrictions restrictions = IssuerRestrictions.parse(staffEntry("xmppAddr, registered") + "; * | xmppAddr | *");

        // Verify
        assertEquals(Set.of(IdentitySource.XMPP_ADDR, IdentitySource.REGISTERED), restrictions.rules().get(0).sources());
        assertTrue(restrictions.namesRegistered());
        assertFalse(IssuerRestrictions.parse("* | xmppAddr | *").namesRegistered());
        assertEquals(Set.of(IdentitySource.REGISTERED), IssuerRestrictions.parse(staffEntry("Registered")).rules().get(0).sources());
        final IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
            () -> IssuerRestrictions.parse(staffEntry("registered, registered")));
        assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
    }

    @Test
    void aCaWhoseEntryDoesNotAllowRegisteredCertificatesIsRefusedAtLoginAndAtRegistration() throws Exception {
        // Setup: staff devices may be registered; the partner CA only logs in by xmppAddr
        final Fixture fixture = new Fixture(staffEntry("registered") + "; " + partnerEntry("xmppAddr"));
        fixture.store.add(entry(partnerPhone.certificate())); // registered before the restriction
        fixture.registry.refresh();

        // Execute
        final Verdict login = fixture.verifier.authenticate(List.of(partnerPhone.certificate()), null);
        fixture.store.remove("alice", "partner phone");
        fixture.registry.refresh();
        final ManagementResponse appended = fixture.append(partnerPhone.certificate());

        // Verify
        assertEquals(FailureReason.CA_NOT_ALLOWED, login.reason(), login.toString());
        assertEquals(PacketError.Condition.not_acceptable, appended.error(), appended.text());
        assertTrue(appended.text().contains("CA_NOT_ALLOWED"), appended.text());
        assertEquals(List.of(), fixture.store.of("alice"));
    }

    @Test
    void aCaWhoseEntryAllowsRegisteredCertificatesRegistersAndLogsIn() throws Exception {
        // Setup
        final Fixture fixture = new Fixture(staffEntry("registered") + "; " + partnerEntry("xmppAddr"));

        // Execute
        final ManagementResponse appended = fixture.append(staffPhone.certificate());
        final Verdict login = fixture.verifier.authenticate(List.of(staffPhone.certificate()), null);

        // Verify
        assertFalse(appended.isError(), appended.text());
        assertTrue(login.isSuccess(), login.toString());
        assertEquals(new JID("alice@localhost"), login.jid());
    }

    @Test
    void aSettingThatNeverNamesRegisteredKeepsTheBehaviourBefore() throws Exception {
        // Setup: the partner CA is limited to xmppAddr, without a word about registered certificates
        final Fixture fixture = new Fixture(partnerEntry("xmppAddr"));

        // Execute
        final ManagementResponse appended = fixture.append(partnerPhone.certificate());
        final Verdict login = fixture.verifier.authenticate(List.of(partnerPhone.certificate()), null);

        // Verify: only the CA's domains apply, as before
        assertFalse(appended.isError(), appended.text());
        assertTrue(login.isSuccess(), login.toString());
    }

    @Test
    void aSelfSignedCertificateCopyingACasNameGetsOnlyTheDefaultEntry() throws Exception {
        // Setup: only the staff CA (by DN) may issue registered certificates; self-signed ones are allowed (review M3)
        final String staffDn = staffCa.certificate().getSubjectX500Principal().getName();
        final IssuerRestrictions restrictions = IssuerRestrictions.parse(staffDn + " | registered | *; * | xmppAddr | *");
        final RegistrationLimits limits = new RegistrationLimits(true, true, 5, Duration.ofDays(398));
        final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
        final RegisteredCertificates registry = new RegisteredCertificates(store, () -> limits, () -> DOMAIN);
        registry.refresh();
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(staffCa.certificate())).domains(Set.of(DOMAIN))
            .revocationMode(RevocationMode.OFF).issuerRestrictions(restrictions).build();
        final CertificateVerifier verifier = new CertificateVerifier(policy, new RevocationService(), Clock.systemUTC(), Optional.empty(), registry);
        final CertificateManagement management = new CertificateManagement(registry, () -> limits, () -> verifier, (sha256, reason, detail) -> 0,
            () -> DOMAIN, Clock.systemUTC());
        final X509Certificate control = TestPki.certificate("own").build().certificate();
        final X509Certificate spoof = TestPki.certificate("x").subject(staffDn).build().certificate(); // self-signed, issuer = staff CA's DN

        // Execute
        final ManagementResponse refused = append(management, control);
        final ManagementResponse spoofed = append(management, spoof);
        final Verdict login = verifier.authenticate(List.of(spoof), null);

        // Verify: the spoof is refused as the control is, by the * entry, not let in by the staff CA's
        assertTrue(refused.isError(), "control: " + refused.text());
        assertTrue(spoofed.isError(), spoofed.text());
        assertEquals(List.of(), store.of("alice"));
        assertFalse(login.isSuccess(), login.toString());
        assertEquals("* | xmppAddr | *", restrictions.ruleForLeaf(spoof, null).orElseThrow().text().strip());
        assertEquals(staffDn + " | registered | *", restrictions.ruleForLeaf(staffPhone.certificate(), staffCa.certificate()).orElseThrow().text().strip());
    }

    private static ManagementResponse append(CertificateManagement management, X509Certificate certificate) throws Exception {
        final Element append = DocumentHelper.createElement(org.dom4j.QName.get("append", CertificateManagement.NAMESPACE));
        append.addElement("name").setText("phone");
        append.addElement("x509cert").setText(Base64.getEncoder().encodeToString(certificate.getEncoded()));
        return management.handle(new ManagementRequest(ALICE, new JID(DOMAIN), false, append, ""));
    }

    private static String staffEntry(String sources) {
        return "sha256:" + CertificateSummary.sha256(staffCa.certificate()) + " | " + sources + " | *";
    }

    private static String partnerEntry(String sources) {
        return "sha256:" + CertificateSummary.sha256(partnerCa.certificate()) + " | " + sources + " | *";
    }

    private static RegisteredCertificate entry(X509Certificate certificate) throws Exception {
        return new RegisteredCertificate(CertificateSummary.sha256(certificate), "alice", "partner phone",
            Base64.getEncoder().encodeToString(certificate.getEncoded()), certificate.getNotAfter().getTime(), true, false,
            System.currentTimeMillis());
    }

    private static final class Fixture {
        final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
        final RegisteredCertificates registry;
        final CertificateVerifier verifier;
        final CertificateManagement management;

        Fixture(String caRestrictions) {
            final RegistrationLimits limits = new RegistrationLimits(true, false, 5, Duration.ofDays(398));
            registry = new RegisteredCertificates(store, () -> limits, () -> DOMAIN);
            registry.refresh();
            final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(staffCa.certificate(), partnerCa.certificate()))
                .domains(Set.of(DOMAIN)).revocationMode(RevocationMode.OFF).issuerRestrictions(IssuerRestrictions.parse(caRestrictions)).build();
            verifier = new CertificateVerifier(policy, new RevocationService(), Clock.systemUTC(), Optional.empty(), registry);
            management = new CertificateManagement(registry, () -> limits, () -> verifier, (sha256, reason, detail) -> 0, () -> DOMAIN,
                Clock.systemUTC());
        }

        ManagementResponse append(X509Certificate certificate) throws Exception {
            final Element append = DocumentHelper.createElement(org.dom4j.QName.get("append", CertificateManagement.NAMESPACE));
            append.addElement("name").setText("phone");
            append.addElement("x509cert").setText(Base64.getEncoder().encodeToString(certificate.getEncoded()));
            return management.handle(new ManagementRequest(ALICE, new JID(DOMAIN), false, append, ""));
        }
    }
}
