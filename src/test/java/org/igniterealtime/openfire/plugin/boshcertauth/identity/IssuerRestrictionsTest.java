package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.MutableClock;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmpp.packet.JID;

import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** boshcertauth.identity.ca-restrictions: a partner CA in the same truststore cannot log in as staff (issue 19). */
class IssuerRestrictionsTest {

    private static TestPki.Issued staffCa;
    private static TestPki.Issued partnerCa;
    /** Another CA that copies the partner CA's name. */
    private static TestPki.Issued impostorCa;
    private static RevocationService revocation;

    @BeforeAll
    static void createPki() {
        staffCa = TestPki.rootCa("Staff CA");
        partnerCa = TestPki.certificate("Partner CA").subject("CN=Partner CA,O=Partner").ca().build();
        impostorCa = TestPki.certificate("Partner CA").subject("CN=Partner CA,O=Partner").ca().build();
        revocation = new RevocationService();
    }

    @AfterAll
    static void close() {
        revocation.close();
    }

    private static String fingerprint(TestPki.Issued ca) throws Exception {
        return "sha256:" + CertificateBinding.sha256(ca.certificate());
    }

    private static Verdict login(String restrictions, TestPki.Builder certificate, TestPki.Issued issuer, String authzid) {
        final CertificatePolicy policy = CertificatePolicy.builder()
            .trust(Set.of(staffCa.certificate(), partnerCa.certificate(), impostorCa.certificate()))
            .domains(Set.of("example.com", "partner.example.com")).revocationMode(RevocationMode.OFF)
            .identitySources(List.of(IdentitySource.XMPP_ADDR, IdentitySource.UPN, IdentitySource.EMAIL))
            .domainAliases(DomainAliases.parse("corp.example.com=example.com"))
            .acceptedExtendedKeyUsages(Set.of(KeyPurposeId.id_kp_clientAuth.getId(), TestPki.SMARTCARD_LOGON.getId()))
            .issuerRestrictions(IssuerRestrictions.parse(restrictions)).build();
        return new CertificateVerifier(policy, revocation, MutableClock.now()).authenticate(certificate.issuedBy(issuer).build().chainWithoutRoot(), authzid);
    }

    private static String staffOnly() throws Exception {
        return fingerprint(staffCa) + " | xmppAddr, upn | example.com; CN=Partner CA,O=Partner | email | partner.example.com";
    }

    @Test
    void partnerCaCannotLogInAsStaffByUpn() throws Exception {
        // Execute: the partner CA issues a staff UPN
        final Verdict verdict = login(staffOnly(), TestPki.certificate("Mallory").upn("alice@corp.example.com"), partnerCa, null);

        // Verify: upn is not a source the partner may use
        assertEquals(FailureReason.NO_IDENTITY, verdict.reason(), verdict::toString);
        assertTrue(verdict.detail().contains("may use only the identity sources email"), verdict::toString);
    }

    @Test
    void partnerCaCannotLogInAsStaffByEmailEither() throws Exception {
        // Execute
        final Verdict verdict = login(staffOnly(), TestPki.certificate("Mallory").email("alice@example.com"), partnerCa, null);

        // Verify
        assertEquals(FailureReason.CA_NOT_ALLOWED, verdict.reason(), verdict::toString);
    }

    @Test
    void partnerCaLogsInItsOwnUsers() throws Exception {
        // Execute
        final Verdict verdict = login(staffOnly(), TestPki.certificate("Pat").email("pat@partner.example.com"), partnerCa, null);

        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
        assertEquals(new JID("pat@partner.example.com"), verdict.jid());
    }

    @Test
    void staffCaLogsInStaffByUpn() throws Exception {
        // Execute
        final Verdict verdict = login(staffOnly(), TestPki.certificate("Alice").upn("alice@corp.example.com"), staffCa, null);

        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
        assertEquals(new JID("alice@example.com"), verdict.jid());
    }

    @Test
    void aCaWithTheSameNameButAnotherKeyIsNotTheListedCa() throws Exception {
        // Setup: only the genuine partner CA, by fingerprint, may speak for partner.example.com; everyone else for nobody
        final String restrictions = fingerprint(partnerCa) + " | email | partner.example.com; * | xmppAddr | example.com";

        // Execute: the impostor copies the partner CA's DN
        final Verdict verdict = login(restrictions, TestPki.certificate("Pat").email("pat@partner.example.com"), impostorCa, null);

        // Verify
        assertEquals(FailureReason.NO_IDENTITY, verdict.reason(), verdict::toString);
    }

    @Test
    void aDoctoredCopyOfTheCaSentBesideThePathDoesNotEscapeTheCasRestriction() throws Exception {
        // Setup: the partner CA may vouch only for partner.example.com; its user sends, after its certificate, a copy
        // of the partner CA's certificate with one signature byte changed: same name and key (so it "issued" the leaf),
        // another fingerprint, and a signature nobody made, so no path goes through it
        final String restrictions = fingerprint(partnerCa) + " | xmppAddr, email | partner.example.com";
        final X509Certificate leaf = TestPki.certificate("Mallory").xmppAddr("boss@example.com").issuedBy(partnerCa).build().certificate();
        final byte[] der = partnerCa.certificate().getEncoded();
        der[der.length - 5] ^= 0x01;
        final X509Certificate doctored = (X509Certificate) CertificateFactory.getInstance("X.509")
            .generateCertificate(new java.io.ByteArrayInputStream(der));
        final CertificatePolicy policy = CertificatePolicy.builder()
            .trust(Set.of(staffCa.certificate(), partnerCa.certificate()))
            .domains(Set.of("example.com", "partner.example.com")).revocationMode(RevocationMode.OFF)
            .issuerRestrictions(IssuerRestrictions.parse(restrictions)).build();
        final CertificateVerifier verifier = new CertificateVerifier(policy, revocation, MutableClock.now());

        // Execute
        final Verdict alone = verifier.authenticate(List.of(leaf), null);
        final Verdict withCopy = verifier.authenticate(List.of(leaf, doctored), null);

        // Verify: before, the copy was taken as the issuing CA, matched no fingerprint and the login succeeded as boss
        assertEquals(FailureReason.CA_NOT_ALLOWED, alone.reason(), alone::toString);
        assertEquals(FailureReason.CA_NOT_ALLOWED, withCopy.reason(), withCopy::toString);
    }

    @Test
    void authzidOutsideTheCasDomainsIsCaNotAllowed() throws Exception {
        // Execute: two e-mail identities, the client picks the staff one
        final Verdict verdict = login(staffOnly(), TestPki.certificate("Pat").email("pat@partner.example.com").email("alice@example.com"),
            partnerCa, "alice@example.com");

        // Verify
        assertEquals(FailureReason.CA_NOT_ALLOWED, verdict.reason(), verdict::toString);
    }

    @Test
    void unlistedCasAreUnrestricted() {
        // Execute
        final Verdict verdict = login("CN=Someone Else | email | partner.example.com", TestPki.certificate("Alice").upn("alice@corp.example.com"),
            staffCa, null);

        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void invalidSettingRefusesEveryLogin() {
        // Setup: what the configuration loader uses for an invalid value
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(staffCa.certificate())).domains(Set.of("example.com"))
            .revocationMode(RevocationMode.OFF).issuerRestrictions(IssuerRestrictions.DENY_ALL).build();

        // Execute
        final Verdict verdict = new CertificateVerifier(policy, revocation, MutableClock.now())
            .authenticate(TestPki.certificate("alice").xmppAddr("alice@example.com").issuedBy(staffCa).build().chainWithoutRoot(), null);

        // Verify
        assertEquals(FailureReason.NO_IDENTITY, verdict.reason(), verdict::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CN=x | upn", "sha256:abcd | upn | example.com", "CN=x | nosuch | example.com", "CN=x |  | example.com",
        "CN=x | upn | bad..domain", "not a dn = = | upn | example.com", "* | upn | example.com; * | email | example.com"})
    void badEntriesAreRefused(String setting) {
        // Verify
        assertThrows(IllegalArgumentException.class, () -> IssuerRestrictions.parse(setting));
    }
}
