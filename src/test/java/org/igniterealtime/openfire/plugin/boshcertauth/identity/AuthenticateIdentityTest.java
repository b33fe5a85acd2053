package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.bouncycastle.asn1.DERIA5String;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.SaslCondition;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.MutableClock;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xmpp.packet.JID;

import java.util.Set;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** XEP-0178 identity decisions of {@link CertificateVerifier#authenticate}, with real certificates. */
class AuthenticateIdentityTest {

    private static TestPki.Issued root;
    private static RevocationService revocation;

    @BeforeAll
    static void createPki() {
        root = TestPki.rootCa("Identity Root");
        revocation = new RevocationService();
    }

    @AfterAll
    static void closeRevocation() {
        revocation.close();
    }

    private static CertificateVerifier verifier(UnaryOperator<CertificatePolicy.Builder> settings) {
        return new CertificateVerifier(settings.apply(CertificatePolicy.builder().trust(Set.of(root.certificate()))
            .domains(Set.of("localhost")).revocationMode(RevocationMode.OFF)).build(), revocation, MutableClock.now());
    }

    private static Verdict authenticate(TestPki.Builder certificate, String authzid) {
        return authenticate(b -> b, certificate, authzid);
    }

    private static Verdict authenticate(UnaryOperator<CertificatePolicy.Builder> settings, TestPki.Builder certificate, String authzid) {
        return verifier(settings).authenticate(certificate.issuedBy(root).build().chainWithoutRoot(), authzid);
    }

    private static void assertLogsInAs(String bareJid, Verdict verdict) {
        assertTrue(verdict.isSuccess(), verdict::toString);
        assertEquals(new JID(bareJid), verdict.jid());
    }

    private static void assertFailure(FailureReason reason, Verdict verdict) {
        assertEquals(reason, verdict.reason(), verdict::toString);
    }

    private static TestPki.Builder none() { return TestPki.certificate("nobody"); }
    private static TestPki.Builder one() { return TestPki.certificate("alice").xmppAddr("alice@localhost"); }
    private static TestPki.Builder two() { return TestPki.certificate("shared").xmppAddr("alice@localhost").xmppAddr("bob@localhost"); }

    // --- the XEP-0178 matrix: identities (0, 1, many) x authzid (none, matching, other)

    @Test
    void noIdentityAndNoAuthzidIsNoIdentity() {
        assertFailure(FailureReason.NO_IDENTITY, authenticate(none(), null));
    }

    @Test
    void noIdentityAndAnAuthzidIsNoIdentity() {
        assertFailure(FailureReason.NO_IDENTITY, authenticate(none(), "alice@localhost"));
    }

    @Test
    void oneIdentityAndNoAuthzidLogsInAsThatIdentity() {
        assertLogsInAs("alice@localhost", authenticate(one(), null));
    }

    @Test
    void oneIdentityAndEmptyAuthzidLogsInAsThatIdentity() {
        assertLogsInAs("alice@localhost", authenticate(one(), ""));
    }

    @Test
    void oneIdentityAndMatchingAuthzidLogsInAsThatIdentity() {
        assertLogsInAs("alice@localhost", authenticate(one(), "alice@localhost"));
    }

    @Test
    void oneIdentityAndOtherAuthzidIsAMismatch() {
        final Verdict verdict = authenticate(one(), "bob@localhost");
        assertFailure(FailureReason.AUTHZID_MISMATCH, verdict);
        assertEquals(SaslCondition.INVALID_AUTHZID, verdict.condition().orElseThrow());
    }

    @Test
    void severalIdentitiesAndNoAuthzidAreAmbiguous() {
        final Verdict verdict = authenticate(two(), null);
        assertFailure(FailureReason.AMBIGUOUS_IDENTITY, verdict);
        assertEquals(SaslCondition.INVALID_AUTHZID, verdict.condition().orElseThrow());
    }

    @Test
    void severalIdentitiesAndMatchingAuthzidLogInAsTheRequestedOne() {
        assertLogsInAs("bob@localhost", authenticate(two(), "bob@localhost"));
    }

    @Test
    void severalIdentitiesAndOtherAuthzidAreAMismatch() {
        assertFailure(FailureReason.AUTHZID_MISMATCH, authenticate(two(), "carol@localhost"));
    }

    // --- the authzid

    @ParameterizedTest
    @CsvSource({"a b@localhost", "@localhost", "alice@", "alice@local host"})
    void authzidThatIsNoJidIsInvalidFormat(String authzid) {
        final Verdict verdict = authenticate(one(), authzid);
        assertFailure(FailureReason.INVALID_AUTHZID_FORMAT, verdict);
        assertEquals(SaslCondition.INVALID_AUTHZID, verdict.condition().orElseThrow());
    }

    @Test
    void authzidWithResourceIsComparedBare() {
        assertLogsInAs("alice@localhost", authenticate(one(), "alice@localhost/converse.js-123"));
    }

    @Test
    void authzidIsNormalizedBeforeComparing() {
        assertLogsInAs("alice@localhost", authenticate(one(), "ALICE@LocalHost"));
    }

    @Test
    void domainAsAuthzidMeansNoAuthzid() {
        assertLogsInAs("alice@localhost", authenticate(one(), "localhost"));
    }

    @Test
    void domainAsAuthzidWithSeveralIdentitiesIsStillAmbiguous() {
        assertFailure(FailureReason.AMBIGUOUS_IDENTITY, authenticate(two(), "localhost"));
    }

    @Test
    void domainAsAuthzidIsAMismatchWhenTheSettingIsOff() {
        assertFailure(FailureReason.AUTHZID_MISMATCH, authenticate(b -> b.domainAuthzidMeansNone(false), one(), "localhost"));
    }

    @Test
    void authzidInAForeignDomainIsForeignDomain() {
        assertFailure(FailureReason.FOREIGN_DOMAIN, authenticate(one(), "alice@example.org"));
    }

    // --- the certificate's identities

    @Test
    void identityIsNormalized() {
        assertLogsInAs("alice@localhost", authenticate(TestPki.certificate("Alice").xmppAddr("Alice@LOCALHOST"), null));
    }

    @Test
    void internationalizedDomainMatchesInEitherForm() {
        // Setup: configured as U-label, certificate in A-label; and the other way round, with upper case
        final Verdict aLabelInCertificate = authenticate(b -> b.domains(Set.of("münchen.example")),
            TestPki.certificate("alice").xmppAddr("alice@xn--mnchen-3ya.example"), null);
        final Verdict uLabelInCertificate = authenticate(b -> b.domains(Set.of("xn--mnchen-3ya.example")),
            TestPki.certificate("alice").xmppAddr("Alice@MÜNCHEN.example"), null);
        // Verify
        assertLogsInAs("alice@xn--mnchen-3ya.example", aLabelInCertificate);
        assertLogsInAs("alice@xn--mnchen-3ya.example", uLabelInCertificate);
    }

    @Test
    void identityInAForeignDomainIsForeignDomain() {
        assertFailure(FailureReason.FOREIGN_DOMAIN, authenticate(TestPki.certificate("alice").xmppAddr("alice@example.org"), null));
    }

    @Test
    void foreignIdentitiesDoNotMakeALocalOneAmbiguous() {
        assertLogsInAs("alice@localhost", authenticate(
            TestPki.certificate("alice").xmppAddr("alice@example.org").xmppAddr("alice@localhost"), null));
    }

    @Test
    void fullJidInTheCertificateIsNoIdentity() {
        final Verdict verdict = authenticate(TestPki.certificate("alice").xmppAddr("alice@localhost/laptop"), null);
        assertFailure(FailureReason.NO_IDENTITY, verdict);
        assertTrue(verdict.detail().contains("full JID"), verdict::toString);
    }

    @Test
    void domainOnlyXmppAddrNeverAuthorizesAUser() {
        final Verdict verdict = authenticate(TestPki.certificate("server").xmppAddr("localhost"), "localhost");
        assertFailure(FailureReason.NO_IDENTITY, verdict);
        assertTrue(verdict.detail().contains("only a domain"), verdict::toString);
    }

    @Test
    void invalidJidInTheCertificateIsSkipped() {
        final Verdict verdict = authenticate(TestPki.certificate("bad").xmppAddr("a b@localhost").xmppAddr("alice@localhost"), null);
        assertLogsInAs("alice@localhost", verdict);
        assertTrue(verdict.detail().contains("not a valid JID"), verdict::toString);
    }

    @Test
    void xmppAddrThatIsNotAUtf8StringIsNoIdentity() {
        assertFailure(FailureReason.NO_IDENTITY, authenticate(TestPki.certificate("ia5")
            .otherName(SubjectAltNameReader.ID_ON_XMPPADDR, new DERIA5String("alice@localhost")), null));
    }

    @Test
    void embeddedNulIsNoIdentity() {
        assertFailure(FailureReason.NO_IDENTITY, authenticate(TestPki.certificate("nul").xmppAddr("alice@localhost\u0000x"), null));
    }

    @Test
    void malformedSubjectAltNameIsMalformed() {
        final Verdict verdict = authenticate(TestPki.certificate("broken").rawSubjectAltName(new byte[] { 0x30, 0x03, 0x01, 0x01 }), null);
        assertFailure(FailureReason.MALFORMED, verdict);
        assertEquals(0, verdict.failingIndex());
    }

    @Test
    void openSslEncodedXmppAddrLogsIn() {
        final byte[] openSsl = SubjectAltNameReaderTest.xmppAddrSan(SubjectAltNameReaderTest.tlv(0x0C, "alice@localhost".getBytes()));
        assertLogsInAs("alice@localhost", authenticate(TestPki.certificate("alice").rawSubjectAltName(openSsl), null));
    }

    @Test
    void chainFailureWinsOverIdentity() {
        assertFailure(FailureReason.EXPIRED, authenticate(one().expired(), null));
    }

    // --- fallbacks

    @Test
    void emailIsIgnoredByDefault() {
        assertFailure(FailureReason.NO_IDENTITY, authenticate(TestPki.certificate("alice").email("alice@localhost"), null));
    }

    @Test
    void emailIsUsedWhenEnabled() {
        assertLogsInAs("alice@localhost", authenticate(b -> b.emailFallback(true), TestPki.certificate("alice").email("Alice@localhost"), null));
    }

    @Test
    void emailInAForeignDomainIsForeignDomain() {
        assertFailure(FailureReason.FOREIGN_DOMAIN,
            authenticate(b -> b.emailFallback(true), TestPki.certificate("alice").email("alice@example.org"), null));
    }

    @Test
    void emailIsNotConsultedWhenThereIsAnXmppAddr() {
        assertLogsInAs("bob@localhost", authenticate(b -> b.emailFallback(true),
            TestPki.certificate("bob").xmppAddr("bob@localhost").email("alice@localhost"), null));
    }

    @Test
    void commonNameIsIgnoredByDefault() {
        assertFailure(FailureReason.NO_IDENTITY, authenticate(TestPki.certificate("carol"), null));
    }

    @Test
    void commonNameIsUsedInTheFallbackDomainWhenEnabled() {
        assertLogsInAs("carol@localhost", authenticate(b -> b.commonNameFallback(true).fallbackDomain("localhost"),
            TestPki.certificate("Carol"), null));
    }

    @Test
    void commonNameUsesTheOnlyServedDomainWithoutAFallbackDomain() {
        assertLogsInAs("carol@localhost", authenticate(b -> b.commonNameFallback(true), TestPki.certificate("carol"), null));
    }

    // --- fallbacks only for certificates without any xmppAddr (issue 13, finding 6)

    @Test
    void commonNameIsNotUsedWhenTheXmppAddrIsAFullJid() {
        // Setup: the review's certificate: an xmppAddr the plugin skips, and a CN naming another, privileged user
        final TestPki.Builder certificate = TestPki.certificate("admin").xmppAddr("user01@localhost/res");

        // Execute
        final Verdict verdict = authenticate(b -> b.commonNameFallback(true).emailFallback(true), certificate, null);

        // Verify: no login as admin, and the refusal says why
        assertFailure(FailureReason.NO_IDENTITY, verdict);
        assertTrue(verdict.detail().contains("full JID"), verdict::toString);
        assertTrue(verdict.detail().contains("carries an xmppAddr that cannot be used"), verdict::toString);
    }

    @Test
    void commonNameIsNotUsedForAnAuthzidWhenTheXmppAddrIsAFullJid() {
        // Setup
        final TestPki.Builder certificate = TestPki.certificate("admin").xmppAddr("user01@localhost/res");

        // Execute
        final Verdict verdict = authenticate(b -> b.commonNameFallback(true), certificate, "admin@localhost");

        // Verify
        assertFailure(FailureReason.NO_IDENTITY, verdict);
    }

    @ParameterizedTest
    @CsvSource({"localhost", "a b@localhost", "user01@localhost/res"})
    void emailIsNotUsedWhenTheXmppAddrIsSkipped(String xmppAddr) {
        // Setup
        final TestPki.Builder certificate = TestPki.certificate("user01").xmppAddr(xmppAddr).email("admin@localhost");

        // Execute
        final Verdict verdict = authenticate(b -> b.emailFallback(true), certificate, null);

        // Verify
        assertFailure(FailureReason.NO_IDENTITY, verdict);
        assertTrue(verdict.detail().contains("carries an xmppAddr that cannot be used"), verdict::toString);
    }

    @Test
    void commonNameIsNotUsedWhenTheXmppAddrIsNotAUtf8String() {
        // Setup
        final TestPki.Builder certificate = TestPki.certificate("admin")
            .otherName(SubjectAltNameReader.ID_ON_XMPPADDR, new DERIA5String("user01@localhost"));

        // Execute
        final Verdict verdict = authenticate(b -> b.commonNameFallback(true), certificate, null);

        // Verify
        assertFailure(FailureReason.NO_IDENTITY, verdict);
        assertTrue(verdict.detail().contains("not a UTF8String"), verdict::toString);
    }

    @Test
    void commonNameIsNotUsedWhenTheXmppAddrIsNotUtf8() {
        // Setup: an xmppAddr UTF8String whose octets are no UTF-8
        final byte[] badUtf8 = SubjectAltNameReaderTest.xmppAddrSan(SubjectAltNameReaderTest.tlv(0x0C, new byte[] { 'u', (byte) 0xC3, '@' }));
        final TestPki.Builder certificate = TestPki.certificate("admin").rawSubjectAltName(badUtf8);

        // Execute
        final Verdict verdict = authenticate(b -> b.commonNameFallback(true), certificate, null);

        // Verify
        assertFailure(FailureReason.NO_IDENTITY, verdict);
        assertTrue(verdict.detail().contains("not valid UTF-8"), verdict::toString);
    }

    @Test
    void commonNameIsStillUsedBesideOtherNamesThatAreNoXmppAddr() {
        // Setup: a Microsoft UPN otherName and a dNSName are no xmppAddr; the fallback applies
        final TestPki.Builder certificate = TestPki.certificate("carol")
            .otherName(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3"), new org.bouncycastle.asn1.DERUTF8String("x@corp"))
            .dnsName("carol.example");

        // Execute
        final Verdict verdict = authenticate(b -> b.commonNameFallback(true), certificate, null);

        // Verify
        assertLogsInAs("carol@localhost", verdict);
    }

    @Test
    void commonNameNeedsAFallbackDomainWhenSeveralDomainsAreServed() {
        assertFailure(FailureReason.NO_IDENTITY, authenticate(b -> b.commonNameFallback(true).domains(Set.of("localhost", "example.org")),
            TestPki.certificate("carol"), null));
    }
}
