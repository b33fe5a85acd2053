package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.SaslCondition;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.ExtendedKeyUsageRule;
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

import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.igniterealtime.openfire.plugin.boshcertauth.identity.IdentitySource.COMMON_NAME;
import static org.igniterealtime.openfire.plugin.boshcertauth.identity.IdentitySource.EMAIL;
import static org.igniterealtime.openfire.plugin.boshcertauth.identity.IdentitySource.SUBJECT_DN;
import static org.igniterealtime.openfire.plugin.boshcertauth.identity.IdentitySource.UPN;
import static org.igniterealtime.openfire.plugin.boshcertauth.identity.IdentitySource.XMPP_ADDR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Identity sources other than xmppAddr (UPN, e-mail, subject DN, CN), their order, mapping by domain and aliases, and
 * the accepted extended key usages, through {@link CertificateVerifier#authenticate} with real certificates (issue 19).
 */
class IdentitySourcesTest {

    private static final String AD_DN = "CN=Alice Example,OU=Staff,DC=corp,DC=example,DC=com";
    private static final DomainAliases CORP = DomainAliases.parse("corp.example.com=example.com");

    private static TestPki.Issued root;
    private static RevocationService revocation;

    @BeforeAll
    static void createPki() {
        root = TestPki.rootCa("Enterprise Root");
        revocation = new RevocationService();
    }

    @AfterAll
    static void closeRevocation() {
        revocation.close();
    }

    private static Verdict authenticate(UnaryOperator<CertificatePolicy.Builder> settings, TestPki.Builder certificate, String authzid) {
        final CertificatePolicy policy = settings.apply(CertificatePolicy.builder().trust(Set.of(root.certificate()))
            .domains(Set.of("example.com")).revocationMode(RevocationMode.OFF)).build();
        return new CertificateVerifier(policy, revocation, MutableClock.now())
            .authenticate(certificate.issuedBy(root).build().chainWithoutRoot(), authzid);
    }

    private static UnaryOperator<CertificatePolicy.Builder> sources(IdentitySource... sources) {
        return b -> b.identitySources(List.of(sources));
    }

    /** What Active Directory Certificate Services issues from the Smartcard Logon template: UPN, no xmppAddr. */
    private static TestPki.Builder adSmartCard() {
        return TestPki.certificate("Alice Example").subject(AD_DN).upn("alice@corp.example.com")
            .extendedKeyUsage(TestPki.SMARTCARD_LOGON, KeyPurposeId.id_kp_clientAuth);
    }

    private static void assertLogsInAs(String bareJid, Verdict verdict) {
        assertTrue(verdict.isSuccess(), verdict::toString);
        assertEquals(new JID(bareJid), verdict.jid());
    }

    private static void assertFailure(FailureReason reason, Verdict verdict) {
        assertEquals(reason, verdict.reason(), verdict::toString);
    }

    // --- UPN and domain aliases

    @Test
    void adSmartCardCertificateLogsInByUpnWithAnAlias() {
        // Execute
        final Verdict verdict = authenticate(b -> b.identitySources(List.of(UPN)).domainAliases(CORP), adSmartCard(), null);

        // Verify: the UPN is the identity, not listed as a passed-over entry
        assertLogsInAs("alice@example.com", verdict);
        assertTrue(verdict.detail().contains("identity from upn"), verdict::toString);
        assertFalse(verdict.detail().contains("skipped"), verdict::toString);
    }

    @Test
    void adSmartCardCertificateIsRefusedByDefault() {
        // Execute: default policy, xmppAddr the only source
        final Verdict verdict = authenticate(b -> b.domainAliases(CORP), adSmartCard(), null);

        // Verify
        assertFailure(FailureReason.NO_IDENTITY, verdict);
    }

    @Test
    void upnSuffixThatIsNeitherServedNorAnAliasIsForeign() {
        // Execute: no alias configured
        final Verdict verdict = authenticate(sources(UPN), adSmartCard(), null);

        // Verify
        assertFailure(FailureReason.FOREIGN_DOMAIN, verdict);
    }

    @Test
    void upnInAServedDomainNeedsNoAlias() {
        assertLogsInAs("bob@example.com", authenticate(sources(UPN), TestPki.certificate("Bob").upn("Bob@EXAMPLE.com"), null));
    }

    @Test
    void upnWithAnInternationalizedSuffixIsComparedInAsciiForm() {
        // Setup: alias configured as U-label, UPN suffix in upper-case U-label
        final DomainAliases aliases = DomainAliases.parse("münchen.example=example.com");

        // Execute
        final Verdict verdict = authenticate(b -> b.identitySources(List.of(UPN)).domainAliases(aliases),
            TestPki.certificate("carl").upn("carl@MÜNCHEN.example"), null);

        // Verify
        assertLogsInAs("carl@example.com", verdict);
    }

    @Test
    void aliasesDoNotApplyToXmppAddr() {
        // Setup: an xmppAddr in the alias domain
        final TestPki.Builder certificate = TestPki.certificate("alice").xmppAddr("alice@corp.example.com");

        // Execute
        final Verdict verdict = authenticate(b -> b.domainAliases(CORP), certificate, null);

        // Verify: a JID is taken as written
        assertFailure(FailureReason.FOREIGN_DOMAIN, verdict);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "alice                  | not of the form user@domain",
        "@corp.example.com      | not of the form user@domain",
        "alice@                 | not of the form user@domain",
        "alice@corp..example.com| no valid domain",
        "alice@corp_example.com | no valid domain",
        "ali ce@corp.example.com| not a valid user name"})
    void malformedUpnIsSkippedWithAReason(String upn, String reason) {
        // Execute
        final Verdict verdict = authenticate(b -> b.identitySources(List.of(UPN)).domainAliases(CORP),
            TestPki.certificate("x").upn(upn), null);

        // Verify
        assertFailure(FailureReason.NO_IDENTITY, verdict);
        assertTrue(verdict.detail().contains(reason), verdict::toString);
    }

    @Test
    void malformedUpnIsSkippedAndAGoodOneStillUsed() {
        // Setup
        final TestPki.Builder certificate = TestPki.certificate("x").upn("no-domain").upn("alice@corp.example.com");

        // Execute
        final Verdict verdict = authenticate(b -> b.identitySources(List.of(UPN)).domainAliases(CORP), certificate, null);

        // Verify
        assertLogsInAs("alice@example.com", verdict);
        assertTrue(verdict.detail().contains("upn 'no-domain' is not of the form user@domain"), verdict::toString);
    }

    @Test
    void upnThatIsNotAUtf8StringIsSkipped() {
        // Setup
        final TestPki.Builder certificate = TestPki.certificate("x").otherName(TestPki.ID_MS_UPN, new DERIA5String("alice@example.com"));

        // Execute
        final Verdict verdict = authenticate(sources(UPN), certificate, null);

        // Verify
        assertFailure(FailureReason.NO_IDENTITY, verdict);
        assertTrue(verdict.detail().contains("upn value is not a UTF8String"), verdict::toString);
    }

    @Test
    void upnWithAControlCharacterIsSkipped() {
        final Verdict verdict = authenticate(sources(UPN), TestPki.certificate("x").upn("admin\n@example.com"), null);
        assertFailure(FailureReason.NO_IDENTITY, verdict);
        assertTrue(verdict.detail().contains("control characters"), verdict::toString);
    }

    // --- an xmppAddr wins over every other source

    @Test
    void certificateWithXmppAddrAndUpnUsesOnlyTheXmppAddr() {
        // Setup
        final TestPki.Builder certificate = TestPki.certificate("x").upn("alice@example.com").xmppAddr("bob@example.com");

        // Execute: UPN listed first
        final Verdict verdict = authenticate(sources(UPN, XMPP_ADDR), certificate, null);

        // Verify
        assertLogsInAs("bob@example.com", verdict);
    }

    @Test
    void unusableXmppAddrIsNotOverriddenByTheUpn() {
        // Setup
        final TestPki.Builder certificate = TestPki.certificate("x").upn("admin@example.com").xmppAddr("user01@example.com/res");

        // Execute
        final Verdict verdict = authenticate(sources(UPN, XMPP_ADDR), certificate, null);

        // Verify
        assertFailure(FailureReason.NO_IDENTITY, verdict);
        assertTrue(verdict.detail().contains("carries an xmppAddr that cannot be used"), verdict::toString);
    }

    @Test
    void xmppAddrIsNotOverriddenWhenXmppAddrIsNotASource() {
        // Setup
        final TestPki.Builder certificate = TestPki.certificate("x").upn("admin@example.com").xmppAddr("bob@example.com");

        // Execute
        final Verdict upnOnly = authenticate(sources(UPN), certificate, null);
        final Verdict upnOnlyWithAuthzid = authenticate(sources(UPN), certificate, "admin@example.com");

        // Verify
        assertFailure(FailureReason.NO_IDENTITY, upnOnly);
        assertTrue(upnOnly.detail().contains("xmppAddr is not among the identity sources"), upnOnly::toString);
        assertFailure(FailureReason.NO_IDENTITY, upnOnlyWithAuthzid);
    }

    // --- order of the sources

    @Test
    void theFirstSourceThatYieldsAnIdentityIsUsedInEitherOrder() {
        // Setup
        final TestPki.Builder certificate = TestPki.certificate("x").upn("alice@example.com").email("bob@example.com");

        // Execute
        final Verdict upnFirst = authenticate(sources(UPN, EMAIL), certificate, null);
        final Verdict emailFirst = authenticate(sources(EMAIL, UPN), certificate, null);

        // Verify
        assertLogsInAs("alice@example.com", upnFirst);
        assertLogsInAs("bob@example.com", emailFirst);
    }

    @Test
    void laterSourcesAreNotConsultedForAnAuthzid() {
        // Setup
        final TestPki.Builder certificate = TestPki.certificate("x").upn("alice@example.com").email("bob@example.com");

        // Execute: the client asks for the e-mail identity while the UPN comes first
        final Verdict verdict = authenticate(sources(UPN, EMAIL), certificate, "bob@example.com");

        // Verify
        assertFailure(FailureReason.AUTHZID_MISMATCH, verdict);
    }

    @Test
    void aSourceThatYieldsNothingPassesToTheNext() {
        // Setup: no UPN, an e-mail address
        final TestPki.Builder certificate = TestPki.certificate("x").email("bob@example.com");

        // Execute
        final Verdict verdict = authenticate(sources(UPN, EMAIL), certificate, null);

        // Verify
        assertLogsInAs("bob@example.com", verdict);
    }

    @Test
    void aForeignIdentityEndsTheSearch() {
        // Setup: a UPN in a foreign domain, an e-mail address in the served one
        final TestPki.Builder certificate = TestPki.certificate("x").upn("alice@partner.example").email("bob@example.com");

        // Execute
        final Verdict verdict = authenticate(sources(UPN, EMAIL), certificate, null);

        // Verify
        assertFailure(FailureReason.FOREIGN_DOMAIN, verdict);
    }

    @Test
    void severalIdentitiesFromTheSourceFollowXep0178() {
        // Setup
        final TestPki.Builder certificate = TestPki.certificate("x").upn("alice@corp.example.com").upn("bob@example.com");
        final UnaryOperator<CertificatePolicy.Builder> settings = b -> b.identitySources(List.of(UPN)).domainAliases(CORP);

        // Execute
        final Verdict noAuthzid = authenticate(settings, certificate, null);
        final Verdict bob = authenticate(settings, certificate, "bob@example.com");

        // Verify
        assertFailure(FailureReason.AMBIGUOUS_IDENTITY, noAuthzid);
        assertEquals(SaslCondition.INVALID_AUTHZID, noAuthzid.condition().orElseThrow());
        assertLogsInAs("bob@example.com", bob);
    }

    // --- e-mail

    @Test
    void subjectEmailAddressIsUsedWhenThereIsNoRfc822Name() {
        assertLogsInAs("dora@example.com", authenticate(sources(EMAIL),
            TestPki.certificate("Dora").subjectEmailAddress("Dora@Example.COM"), null));
    }

    @Test
    void rfc822NameWinsOverTheSubjectEmailAddress() {
        // Setup
        final TestPki.Builder certificate = TestPki.certificate("x").subjectEmailAddress("admin@example.com").email("dora@example.com");

        // Execute
        final Verdict verdict = authenticate(sources(EMAIL), certificate, null);

        // Verify: only the rfc822Name counts, so the result is not ambiguous
        assertLogsInAs("dora@example.com", verdict);
    }

    @Test
    void emailDomainMayBeAnAlias() {
        assertLogsInAs("erin@example.com", authenticate(b -> b.identitySources(List.of(EMAIL)).domainAliases(CORP),
            TestPki.certificate("x").email("erin@corp.example.com"), null));
    }

    @Test
    void legacyEmailFallbackAppendsTheEmailSource() {
        // Setup
        final CertificatePolicy policy = CertificatePolicy.builder().identitySources(List.of(XMPP_ADDR, UPN))
            .emailFallback(true).commonNameFallback(true).build();

        // Execute
        final List<IdentitySource> effective = IdentityExtractor.effectiveSources(policy);

        // Verify
        assertEquals(List.of(XMPP_ADDR, UPN, EMAIL, COMMON_NAME), effective);
    }

    // --- subject DN

    @Test
    void subjectDnPatternExtractsTheUserName() {
        // Setup
        final TestPki.Builder certificate = TestPki.certificate("frank").subject("CN=frank,OU=Staff,DC=example,DC=com");

        // Execute
        final Verdict verdict = authenticate(b -> b.identitySources(List.of(SUBJECT_DN))
            .subjectDnPattern(SubjectDnPattern.compile("^CN=(\\w+)")), certificate, null);

        // Verify
        assertLogsInAs("frank@example.com", verdict);
    }

    @Test
    void subjectDnPatternMaySelectAnyAttribute() {
        // Setup: uid attribute after the display name
        final TestPki.Builder certificate = TestPki.certificate("x").subject("UID=gina,CN=Gina Example,DC=corp,DC=example,DC=com");

        // Execute
        final Verdict verdict = authenticate(b -> b.identitySources(List.of(SUBJECT_DN))
            .subjectDnPattern(SubjectDnPattern.compile("UID=([^,+]+)")), certificate, null);

        // Verify
        assertLogsInAs("gina@example.com", verdict);
    }

    @Test
    void subjectDnCaptureWithAnAtIsMappedByDomain() {
        // Setup
        final TestPki.Builder certificate = TestPki.certificate("x").subject("CN=hugo@corp.example.com,O=Example");

        // Execute
        final Verdict verdict = authenticate(b -> b.identitySources(List.of(SUBJECT_DN)).domainAliases(CORP)
            .subjectDnPattern(SubjectDnPattern.compile("^CN=([^,+]+)")), certificate, null);

        // Verify
        assertLogsInAs("hugo@example.com", verdict);
    }

    @Test
    void subjectDnThatDoesNotMatchIsNoIdentity() {
        // Execute: the AD display name has a space, \w+ stops before it and ,OU does not follow
        final Verdict verdict = authenticate(b -> b.identitySources(List.of(SUBJECT_DN))
            .subjectDnPattern(SubjectDnPattern.compile("^CN=(\\w+),OU=")), adSmartCard(), null);

        // Verify
        assertFailure(FailureReason.NO_IDENTITY, verdict);
        assertTrue(verdict.detail().contains("does not match 'CN=Alice Example,OU=Staff,DC=corp,DC=example,DC=com'"), verdict::toString);
    }

    @Test
    void subjectDnPatternThatTakesTooLongIsNoIdentity() {
        // Setup: a badly backtracking pattern and a certificate whose CN triggers it
        final TestPki.Builder certificate = TestPki.certificate("x").subject("CN=" + "a".repeat(40) + ",O=Example");

        // Execute
        final Verdict verdict = authenticate(b -> b.identitySources(List.of(SUBJECT_DN))
            .subjectDnPattern(SubjectDnPattern.compile("^CN=(.*a.*a.*a.*a.*a.*a)!")), certificate, null);

        // Verify
        assertFailure(FailureReason.NO_IDENTITY, verdict);
        assertTrue(verdict.detail().contains("was stopped after"), verdict::toString);
    }

    @Test
    void subjectDnWithoutAPatternIsNoIdentity() {
        final Verdict verdict = authenticate(sources(SUBJECT_DN), TestPki.certificate("frank"), null);
        assertFailure(FailureReason.NO_IDENTITY, verdict);
        assertTrue(verdict.detail().contains("subject-dn needs a valid"), verdict::toString);
    }

    @Test
    void subjectDnValueIsUsedOnlyWithoutAnyXmppAddr() {
        // Setup
        final TestPki.Builder certificate = TestPki.certificate("admin").xmppAddr("user01@example.com/res");

        // Execute
        final Verdict verdict = authenticate(b -> b.identitySources(List.of(XMPP_ADDR, SUBJECT_DN))
            .subjectDnPattern(SubjectDnPattern.compile("^CN=(\\w+)")), certificate, null);

        // Verify
        assertFailure(FailureReason.NO_IDENTITY, verdict);
    }

    @ParameterizedTest
    @CsvSource({"subject-dn", "cn", "email"})
    void subjectWithInvalidUtf8IsSkippedNotAnInternalError(String source) throws Exception {
        // Setup: a UTF8String CN and emailAddress whose octets are no UTF-8 (found by SubjectAltNameFuzzTest#certificate)
        final org.bouncycastle.asn1.ASN1Encodable badUtf8 = org.bouncycastle.asn1.ASN1Primitive.fromByteArray(
            new byte[] { 0x0C, 0x03, 'a', (byte) 0xC3, '(' });
        final TestPki.Builder certificate = TestPki.certificate("x").subject(new org.bouncycastle.asn1.x500.X500NameBuilder()
            .addRDN(org.bouncycastle.asn1.x500.style.BCStyle.O, "Example").addRDN(org.bouncycastle.asn1.x500.style.BCStyle.CN, badUtf8)
            .addRDN(org.bouncycastle.asn1.x500.style.BCStyle.EmailAddress, badUtf8).build());

        // Execute
        final Verdict verdict = authenticate(b -> b.identitySources(IdentitySource.parseList(source))
            .subjectDnPattern(SubjectDnPattern.compile("^CN=([^,+]+)")), certificate, null);

        // Verify
        assertFailure(FailureReason.NO_IDENTITY, verdict);
        assertTrue(verdict.detail().contains("could not be decoded"), verdict::toString);
    }

    // --- cn as a source

    @Test
    void cnSourceBehavesAsTheCnFallback() {
        // Execute
        final Verdict source = authenticate(sources(COMMON_NAME), TestPki.certificate("Ivan"), null);
        final Verdict adDisplayName = authenticate(sources(COMMON_NAME), adSmartCard(), null);

        // Verify
        assertLogsInAs("ivan@example.com", source);
        assertFailure(FailureReason.NO_IDENTITY, adDisplayName);
        assertTrue(adDisplayName.detail().contains("'Alice Example' is not a valid user name"), adDisplayName::toString);
    }

    // --- accepted extended key usages

    @Test
    void smartcardOnlyCertificateIsRefusedByDefault() {
        // Setup
        final TestPki.Builder smartcardOnly = adSmartCard().extendedKeyUsage(TestPki.SMARTCARD_LOGON);

        // Execute
        final Verdict verdict = authenticate(b -> b.identitySources(List.of(UPN)).domainAliases(CORP), smartcardOnly, null);

        // Verify
        assertFailure(FailureReason.BAD_EKU, verdict);
    }

    @Test
    void smartcardOnlyCertificateIsAcceptedWhenSmartcardLogonIsListed() {
        // Setup
        final TestPki.Builder smartcardOnly = adSmartCard().extendedKeyUsage(TestPki.SMARTCARD_LOGON);

        // Execute
        final Verdict verdict = authenticate(b -> b.identitySources(List.of(UPN)).domainAliases(CORP)
            .acceptedExtendedKeyUsages(Set.of(ExtendedKeyUsageRule.CLIENT_AUTH, ExtendedKeyUsageRule.SMARTCARD_LOGON)), smartcardOnly, null);

        // Verify
        assertLogsInAs("alice@example.com", verdict);
    }

    @Test
    void anyExtendedKeyUsageIsRefusedWhenNotListed() {
        // Setup
        final TestPki.Builder any = TestPki.certificate("x").xmppAddr("alice@example.com").extendedKeyUsage(KeyPurposeId.anyExtendedKeyUsage);

        // Execute
        final Verdict byDefault = authenticate(b -> b, any, null);
        final Verdict clientAuthOnly = authenticate(b -> b.acceptedExtendedKeyUsages(Set.of(ExtendedKeyUsageRule.CLIENT_AUTH)), any, null);

        // Verify
        assertLogsInAs("alice@example.com", byDefault);
        assertFailure(FailureReason.BAD_EKU, clientAuthOnly);
    }
}
