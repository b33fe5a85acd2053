package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.SaslCondition;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.DirectoryLookups;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.DirectoryMapping;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IdentitySource;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IssuerRestrictions;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.MutableClock;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestDirectory;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.jivesoftware.openfire.ldap.LdapManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

import javax.naming.ldap.LdapName;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Certificate login with identities looked up in a real LDAP directory (UnboundID in-memory server loaded with
 * AD-shaped entries) through {@link LdapUserDirectory}, the way Openfire's LdapManager is configured (only the
 * LdapManager singleton is mocked: it hands out real JNDI contexts to the test directory). Issue 19.
 */
class LdapDirectoryMappingTest {

    private static final String ISSUER_DN = "CN=Corp Issuing CA,DC=corp,DC=example,DC=com";
    /** The serial AD's documentation uses; its octets reversed are 1200000000AC11000000002B. */
    private static final BigInteger AD_SERIAL = new BigInteger("2B0000000011AC0000000012", 16);

    private static TestPki.Issued corpCa;
    private static TestPki.Issued partnerCa;
    private static TestPki.Issued userCertificateHolder;
    /** Another CA (another key) with exactly the corp issuing CA's name, e.g. a partner's or a test CA. */
    private static TestPki.Issued corpCaNamesake;
    private static TestPki.Issued skiHolder;
    private static RevocationService revocation;
    private static TestDirectory directory;

    private MutableClock clock;
    private LdapManager manager;
    private DirectoryLookups lookups;
    private TestDirectory answering;

    @BeforeAll
    static void startDirectory() throws Exception {
        corpCa = TestPki.certificate("Corp Issuing CA").subject(ISSUER_DN).ca().build();
        partnerCa = TestPki.rootCa("Partner CA");
        userCertificateHolder = TestPki.certificate("Frank").subject("CN=Frank,OU=Staff," + TestDirectory.BASE_DN).issuedBy(corpCa).build();
        corpCaNamesake = TestPki.certificate("Corp Issuing CA").subject(ISSUER_DN).ca().build();
        skiHolder = TestPki.certificate("Gina").issuedBy(corpCa).build();
        revocation = new RevocationService();
        directory = TestDirectory.start();
        // the UPN's local part differs from the account name: only the directory knows that a.example is alice
        directory.addUser("Alice Example", "alice", "userPrincipalName", "a.example@corp.example.com", "mail", "alice@example.com");
        directory.addUser("Bob", "bob", "userPrincipalName", "bob@corp.example.com", "mail", "shared@example.com");
        directory.addUser("Carol", "carol", "userPrincipalName", "carol@corp.example.com", "mail", "shared@example.com");
        // AD strong mappings, written by hand as AD's tools write them (most significant RDN first, serial reversed)
        directory.addUser("Dave", "dave", "altSecurityIdentities",
            "X509:<I>DC=com,DC=example,DC=corp,CN=Corp Issuing CA<S>DC=com,DC=example,DC=corp,OU=Staff,CN=Dave");
        directory.addUser("Erin", "erin", "altSecurityIdentities",
            "X509:<I>DC=com,DC=example,DC=corp,CN=Corp Issuing CA<SR>1200000000AC11000000002B");
        directory.addUser("Frank", "frank", "userCertificate", userCertificateHolder.certificate().getEncoded());
        // An AD contact (no user account) that happens to carry a sAMAccountName of a user and a mail of its own:
        // Openfire's ldap.searchFilter (objectClass=user) says it is no user
        directory.addEntry("Bob Contact", List.of("top", "person", "contact"), "sAMAccountName", "bob", "mail", "bob.contact@example.com");
        // ldap.usernameField=userPrincipalName with ldap.usernameSuffix=@corp.example.com: Openfire's user names are
        // the UPN without the suffix, JID-escaped (a space is \20)
        directory.addUser("Jean Luc", "jeanluc", "userPrincipalName", "jean luc@corp.example.com", "mail", "jean.luc@example.com");
        directory.addUser("Kim", "kim", "userPrincipalName", "kim@elsewhere.example.org", "mail", "kim@example.com");
        // AD's <SKI> form as ADUC writes it: the subjectKeyIdentifier's octets in hex (AD ignores the case)
        directory.addUser("Gina", "gina", "altSecurityIdentities", "X509:<SKI>" + java.util.HexFormat.of().formatHex(
            org.bouncycastle.asn1.x509.SubjectKeyIdentifier.getInstance(org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils.parseExtensionValue(
                skiHolder.certificate().getExtensionValue("2.5.29.14"))).getKeyIdentifier()));
    }

    @AfterAll
    static void stopDirectory() {
        directory.close();
        revocation.close();
    }

    @BeforeEach
    void createLookups() throws Exception {
        clock = MutableClock.now();
        final LdapManager manager = mock(LdapManager.class);
        when(manager.getUsernameField()).thenReturn("sAMAccountName");
        when(manager.getBaseDN()).thenReturn(new LdapName(TestDirectory.BASE_DN));
        when(manager.getAlternateBaseDN()).thenReturn(null);
        when(manager.isSubTreeSearch()).thenReturn(true);
        when(manager.getHosts()).thenReturn(List.of("127.0.0.1"));
        // as Openfire's LdapManager builds it from ldap.usernameField and ldap.searchFilter=(objectClass=user)
        when(manager.getSearchFilter()).thenReturn("(&(sAMAccountName={0})(objectClass=user))");
        when(manager.getUsernameSuffix()).thenReturn("");
        this.manager = manager;
        answering = directory;
        when(manager.getContext(any())).thenAnswer(call -> answering.context(call.getArgument(0)));
        lookups = new DirectoryLookups(new LdapUserDirectory(() -> manager, 5000), clock);
    }

    @AfterEach
    void closeLookups() {
        lookups.close();
    }

    private Verdict login(String mapping, List<IdentitySource> sources, TestPki.Builder certificate, String authzid) {
        return login(mapping, sources, certificate.issuedBy(corpCa).build(), authzid);
    }

    private Verdict login(String mapping, List<IdentitySource> sources, TestPki.Issued certificate, String authzid) {
        return login(mapping, sources, certificate, authzid, "");
    }

    private Verdict login(String mapping, List<IdentitySource> sources, TestPki.Issued certificate, String authzid, String caRestrictions) {
        return login(mapping, false, Set.of(corpCa.certificate(), partnerCa.certificate()), sources, certificate, authzid, caRestrictions);
    }

    /** With boshcertauth.identity.directory.weak-issuer-subject on (the weak altSecurityIdentities form). */
    private Verdict loginWithWeakForm(Set<X509Certificate> trusted, TestPki.Issued certificate) {
        return login("certificate=altSecurityIdentities", true, trusted, List.of(IdentitySource.CERTIFICATE), certificate, null, "");
    }

    private Verdict login(String mapping, boolean weakIssuerSubject, Set<X509Certificate> trusted, List<IdentitySource> sources,
                          TestPki.Issued certificate, String authzid, String caRestrictions) {
        final CertificatePolicy policy = CertificatePolicy.builder().trust(trusted)
            .domains(Set.of("example.com")).revocationMode(RevocationMode.OFF).identitySources(sources)
            .acceptedExtendedKeyUsages(Set.of(KeyPurposeId.id_kp_clientAuth.getId(), TestPki.SMARTCARD_LOGON.getId()))
            .directoryMapping(DirectoryMapping.parse(mapping, Duration.ofSeconds(5), Duration.ofMinutes(5)).withWeakIssuerSubject(weakIssuerSubject))
            .issuerRestrictions(IssuerRestrictions.parse(caRestrictions)).build();
        return new CertificateVerifier(policy, revocation, clock, Optional.of(lookups))
            .authenticate(certificate.chainWithoutRoot(), authzid);
    }

    /** What AD CS issues from the Smartcard Logon template: UPN, smartcardLogon + clientAuth, DC DN, no xmppAddr. */
    private static TestPki.Builder adSmartCard(String upn) {
        return TestPki.certificate("Alice Example").subject("CN=Alice Example,OU=Staff," + TestDirectory.BASE_DN).upn(upn)
            .extendedKeyUsage(TestPki.SMARTCARD_LOGON, KeyPurposeId.id_kp_clientAuth);
    }

    private static void assertLogsInAs(String jid, Verdict verdict) {
        assertTrue(verdict.isSuccess(), verdict::toString);
        assertEquals(new JID(jid), verdict.jid());
    }

    private static void assertRefused(FailureReason reason, Verdict verdict) {
        assertEquals(reason, verdict.reason(), verdict::toString);
    }

    @Test
    void adSmartCardLogsInAsTheAccountTheDirectoryNamesForTheUpn() {
        // Execute
        final Verdict verdict = login("upn=userPrincipalName", List.of(IdentitySource.UPN), adSmartCard("a.example@corp.example.com"), null);

        // Verify: sAMAccountName, not the UPN's local part
        assertLogsInAs("alice@example.com", verdict);
    }

    @Test
    void upnIsComparedAsTheDirectoryDoesWithoutRegardToCase() {
        // Execute
        final Verdict verdict = login("upn=userPrincipalName", List.of(IdentitySource.UPN), adSmartCard("A.Example@CORP.example.com"), null);

        // Verify
        assertLogsInAs("alice@example.com", verdict);
    }

    @Test
    void upnOfAnUnknownUserNamesNobody() {
        // Execute
        final Verdict verdict = login("upn=userPrincipalName", List.of(IdentitySource.UPN), adSmartCard("mallory@corp.example.com"), null);

        // Verify
        assertRefused(FailureReason.NO_IDENTITY, verdict);
        assertTrue(verdict.detail().contains("no user in LDAP"), verdict::toString);
    }

    @Test
    void malformedUpnIsSkippedWithoutAskingTheDirectory() {
        // Execute
        final Verdict verdict = login("upn=userPrincipalName", List.of(IdentitySource.UPN), adSmartCard("a.example-at-corp.example.com"), null);

        // Verify
        assertRefused(FailureReason.NO_IDENTITY, verdict);
        assertTrue(verdict.detail().contains("not of the form user@domain"), verdict::toString);
        assertEquals(0, lookups.stats().misses(), "the directory was asked");
    }

    @Test
    void wildcardInTheUpnIsALiteralNotAFilter() {
        // Setup: unescaped, (userPrincipalName=*@corp.example.com) would match every staff member
        final TestPki.Builder hostile = adSmartCard("*@corp.example.com");

        // Execute: with an authzid, a widened search would log the attacker in as alice
        final Verdict verdict = login("upn=userPrincipalName", List.of(IdentitySource.UPN), hostile, "alice@example.com");

        // Verify
        assertRefused(FailureReason.NO_IDENTITY, verdict);
    }

    @Test
    void filterSyntaxInTheUpnCannotAddATerm() {
        // Setup: unescaped, this would close the assertion and OR in "any sAMAccountName"
        final TestPki.Builder hostile = adSmartCard("x)(|(sAMAccountName=*)@corp.example.com");

        // Execute
        final Verdict verdict = login("upn=userPrincipalName", List.of(IdentitySource.UPN), hostile, "alice@example.com");

        // Verify
        assertRefused(FailureReason.NO_IDENTITY, verdict);
    }

    @Test
    void partnerCaCannotLogInAsAStaffUpnFoundInTheDirectory() {
        // Setup: the partner CA (same truststore) may vouch only for its own domain
        final String restrictions = partnerCa.certificate().getSubjectX500Principal().getName() + " | upn, email | partner.example.com";
        final TestPki.Issued forged = adSmartCard("a.example@corp.example.com").issuedBy(partnerCa).build();

        // Execute
        final Verdict verdict = login("upn=userPrincipalName", List.of(IdentitySource.UPN), forged, null, restrictions);
        final Verdict genuine = login("upn=userPrincipalName", List.of(IdentitySource.UPN),
            adSmartCard("a.example@corp.example.com").issuedBy(corpCa).build(), null, restrictions);

        // Verify: the directory names alice@example.com, which the partner CA may not vouch for
        assertRefused(FailureReason.CA_NOT_ALLOWED, verdict);
        assertLogsInAs("alice@example.com", genuine);
    }

    @Test
    void twoUsersWithTheSameMailAndNoAuthzidIsInvalidAuthzid() {
        // Execute
        final Verdict verdict = login("email=mail", List.of(IdentitySource.EMAIL), TestPki.certificate("Shared").email("shared@example.com"), null);

        // Verify: XEP-0178, several identities and no authzid
        assertRefused(FailureReason.AMBIGUOUS_IDENTITY, verdict);
        assertEquals(SaslCondition.INVALID_AUTHZID, verdict.reason().condition());
    }

    @Test
    void twoUsersWithTheSameMailAndAnAuthzidAmongThemIsThatOne() {
        // Execute
        final Verdict verdict = login("email=mail", List.of(IdentitySource.EMAIL), TestPki.certificate("Shared").email("shared@example.com"),
            "carol@example.com");

        // Verify
        assertLogsInAs("carol@example.com", verdict);
    }

    @Test
    void twoUsersWithTheSameMailAndAnotherAuthzidIsRefused() {
        // Execute
        final Verdict verdict = login("email=mail", List.of(IdentitySource.EMAIL), TestPki.certificate("Shared").email("shared@example.com"),
            "alice@example.com");

        // Verify
        assertRefused(FailureReason.AUTHZID_MISMATCH, verdict);
    }

    /** A certificate with dave's subject: only the weak X509:<I>issuer<S>subject form binds it. */
    private static TestPki.Issued davesSubjectFrom(TestPki.Issued ca) {
        return TestPki.certificate("Dave").subject("CN=Dave,OU=Staff," + TestDirectory.BASE_DN).issuedBy(ca).build();
    }

    @Test
    void issuerAndSubjectBindingIsWeakAndNotMatchedByDefault() {
        // Setup: review M2 — KB5014754's weak form: anyone who gets a certificate with dave's subject from a CA named
        // like dave's would be dave
        final TestPki.Issued certificate = davesSubjectFrom(corpCa);

        // Execute
        final Verdict verdict = login("certificate=altSecurityIdentities", List.of(IdentitySource.CERTIFICATE), certificate, null);

        // Verify
        assertRefused(FailureReason.NO_IDENTITY, verdict);
    }

    @Test
    void certificateBoundByIssuerAndSubjectInAltSecurityIdentitiesWhenTheWeakFormIsAllowed() {
        // Setup: no name in the certificate names dave; only the directory binds it
        final TestPki.Issued certificate = davesSubjectFrom(corpCa);

        // Execute
        final Verdict verdict = loginWithWeakForm(Set.of(corpCa.certificate(), partnerCa.certificate()), certificate);

        // Verify
        assertLogsInAs("dave@example.com", verdict);
    }

    @Test
    void weakFormIsRefusedWhenTwoTrustedCasShareTheIssuerName() {
        // Setup: a second trusted CA (another key) carries the corp CA's name; it issues dave's subject
        final Set<X509Certificate> trusted = Set.of(corpCa.certificate(), corpCaNamesake.certificate(), partnerCa.certificate());
        final TestPki.Issued fromNamesake = davesSubjectFrom(corpCaNamesake);
        final TestPki.Issued fromCorp = davesSubjectFrom(corpCa);

        // Execute
        final Verdict namesake = loginWithWeakForm(trusted, fromNamesake);
        final Verdict corp = loginWithWeakForm(trusted, fromCorp);

        // Verify: the name cannot say which CA vouched, so neither logs in, with the reason that says why
        assertRefused(FailureReason.ISSUER_NAME_AMBIGUOUS, namesake);
        assertRefused(FailureReason.ISSUER_NAME_AMBIGUOUS, corp);
        assertEquals(SaslCondition.NOT_AUTHORIZED, namesake.reason().condition());
        assertTrue(namesake.detail().contains("X509:<I>"), namesake::toString);
    }

    @Test
    void keyBindingsStillMapButSerialBindingsAreAmbiguousWhenTwoTrustedCasShareTheIssuerName() {
        // Setup: the same shared name; erin is bound by <I><SR>, gina by <SKI>. Review M1: the namesake could pick
        // erin's serial as freely as dave's subject, so <I><SR> names no CA either (a pin list settles it, see
        // IssuerNameBindingPinTest); <SKI> binds the key and still maps
        final Set<X509Certificate> trusted = Set.of(corpCa.certificate(), corpCaNamesake.certificate(), partnerCa.certificate());
        final TestPki.Issued erins = TestPki.certificate("Whoever").serial(AD_SERIAL).issuedBy(corpCa).build();

        // Execute
        final Verdict erin = loginWithWeakForm(trusted, erins);
        final Verdict gina = loginWithWeakForm(trusted, skiHolder);

        // Verify
        assertRefused(FailureReason.ISSUER_NAME_AMBIGUOUS, erin);
        assertLogsInAs("gina@example.com", gina);
    }

    @Test
    void weakFormThatBindsNobodyIsNoIdentityEvenWithASharedIssuerName() {
        // Setup: a subject no entry is bound to
        final Set<X509Certificate> trusted = Set.of(corpCa.certificate(), corpCaNamesake.certificate());
        final TestPki.Issued certificate = TestPki.certificate("Nobody").subject("CN=Nobody,OU=Staff," + TestDirectory.BASE_DN)
            .issuedBy(corpCa).build();

        // Execute
        final Verdict verdict = loginWithWeakForm(trusted, certificate);

        // Verify
        assertRefused(FailureReason.NO_IDENTITY, verdict);
    }

    @Test
    void certificateBoundBySubjectKeyIdentifierInAltSecurityIdentities() {
        // Execute: by default (strong form)
        final Verdict verdict = login("certificate=altSecurityIdentities", List.of(IdentitySource.CERTIFICATE), skiHolder, null);

        // Verify
        assertLogsInAs("gina@example.com", verdict);
    }

    @Test
    void certificateBoundByIssuerAndReversedSerialInAltSecurityIdentities() {
        // Setup
        final TestPki.Builder certificate = TestPki.certificate("Whoever").serial(AD_SERIAL);

        // Execute
        final Verdict verdict = login("certificate=altSecurityIdentities", List.of(IdentitySource.CERTIFICATE), certificate, null);

        // Verify
        assertLogsInAs("erin@example.com", verdict);
    }

    @Test
    void sameIssuerDnFromAPartnerCaDoesNotMatchASerialBinding() {
        // Setup: a partner CA with another name issues the same serial
        final TestPki.Issued certificate = TestPki.certificate("Whoever").serial(AD_SERIAL).issuedBy(partnerCa).build();

        // Execute
        final Verdict verdict = login("certificate=altSecurityIdentities", List.of(IdentitySource.CERTIFICATE), certificate, null);

        // Verify
        assertRefused(FailureReason.NO_IDENTITY, verdict);
    }

    @Test
    void certificateBoundByItsDerInUserCertificate() {
        // Execute
        final Verdict verdict = login("certificate=userCertificate", List.of(IdentitySource.CERTIFICATE), userCertificateHolder, null);

        // Verify
        assertLogsInAs("frank@example.com", verdict);
    }

    @Test
    void anotherCertificateWithTheSameNamesIsNotBoundByUserCertificate() {
        // Setup: same subject and issuer as frank's, another key
        final TestPki.Builder twin = TestPki.certificate("Frank").subject("CN=Frank,OU=Staff," + TestDirectory.BASE_DN);

        // Execute
        final Verdict verdict = login("certificate=userCertificate", List.of(IdentitySource.CERTIFICATE), twin, null);

        // Verify
        assertRefused(FailureReason.NO_IDENTITY, verdict);
    }

    @Test
    void anEntryOpenfireDoesNotTreatAsAUserIsNeverFound() {
        // Setup: item 3 of the review's search-filter finding — the contact's mail; its sAMAccountName is bob's
        final TestPki.Builder certificate = TestPki.certificate("Bob Contact").email("bob.contact@example.com");

        // Execute
        final Verdict verdict = login("email=mail", List.of(IdentitySource.EMAIL), certificate, null);

        // Verify: not bob (Openfire's filter admits users only)
        assertRefused(FailureReason.NO_IDENTITY, verdict);
    }

    @Test
    void openfiresSearchFilterWithoutParenthesesStillRestrictsTheSearch() {
        // Setup: ldap.searchFilter=objectClass=user, as an administrator may type it
        when(manager.getSearchFilter()).thenReturn("(&(sAMAccountName={0})objectClass=user)");

        // Execute
        final Verdict contact = login("email=mail", List.of(IdentitySource.EMAIL), TestPki.certificate("c").email("bob.contact@example.com"), null);
        final Verdict alice = login("email=mail", List.of(IdentitySource.EMAIL), TestPki.certificate("a").email("alice@example.com"), null);

        // Verify
        assertRefused(FailureReason.NO_IDENTITY, contact);
        assertLogsInAs("alice@example.com", alice);
    }

    @Test
    void withoutAnOpenfireSearchFilterEveryEntryWithTheAttributeCounts() {
        // Setup: no ldap.searchFilter: Openfire's user filter is the username term alone, and so is every entry a user
        when(manager.getSearchFilter()).thenReturn("(sAMAccountName={0})");

        // Execute
        final Verdict verdict = login("email=mail", List.of(IdentitySource.EMAIL), TestPki.certificate("c").email("bob.contact@example.com"), null);

        // Verify
        assertLogsInAs("bob@example.com", verdict);
    }

    /** Openfire configured with ldap.usernameField=userPrincipalName and ldap.usernameSuffix=@corp.example.com. */
    private void usernamesAreUpnsWithoutTheCorpSuffix() {
        when(manager.getUsernameField()).thenReturn("userPrincipalName");
        when(manager.getUsernameSuffix()).thenReturn("@corp.example.com");
        when(manager.getSearchFilter()).thenReturn("(&(userPrincipalName={0})(objectClass=user))");
    }

    @Test
    void theUsernameSuffixIsRemovedAsOpenfireRemovesIt() {
        // Setup: item 4 — Openfire's user for a.example@corp.example.com is a.example
        usernamesAreUpnsWithoutTheCorpSuffix();

        // Execute
        final Verdict verdict = login("email=mail", List.of(IdentitySource.EMAIL), TestPki.certificate("a").email("alice@example.com"), null);

        // Verify
        assertLogsInAs("a.example@example.com", verdict);
    }

    @Test
    void theUsernameIsJidEscapedAsOpenfireEscapesIt() {
        // Setup
        usernamesAreUpnsWithoutTheCorpSuffix();

        // Execute
        final Verdict verdict = login("email=mail", List.of(IdentitySource.EMAIL), TestPki.certificate("j").email("jean.luc@example.com"), null);

        // Verify: "jean luc" is the JID node jean\20luc, as Openfire's LdapUserProvider names that user
        assertLogsInAs("jean\\20luc@example.com", verdict);
    }

    @Test
    void anEntryWhoseUsernameLacksTheSuffixNamesNobody() {
        // Setup: Openfire would load kim@elsewhere.example.org + suffix: no such entry, so no such user
        usernamesAreUpnsWithoutTheCorpSuffix();

        // Execute
        final Verdict verdict = login("email=mail", List.of(IdentitySource.EMAIL), TestPki.certificate("k").email("kim@example.com"), null);

        // Verify
        assertRefused(FailureReason.NO_IDENTITY, verdict);
    }

    @Test
    void unreachableDirectoryIsATemporaryFailureNotUnknownUser() throws Exception {
        // Setup: a directory that has gone away (its port refuses connections)
        answering = TestDirectory.start();
        answering.stop();

        // Execute
        final Verdict verdict = login("upn=userPrincipalName", List.of(IdentitySource.UPN, IdentitySource.EMAIL),
            adSmartCard("a.example@corp.example.com").email("alice@example.com"), null);

        // Verify: neither "no such user" nor a fall-through to the next source
        assertRefused(FailureReason.DIRECTORY_UNAVAILABLE, verdict);
        assertEquals(SaslCondition.TEMPORARY_AUTH_FAILURE, verdict.reason().condition());
    }

    @Test
    void directoryMappedLoginIsReusedNoLongerThanTheDirectoryAnswer() {
        // Execute
        final Verdict verdict = login("upn=userPrincipalName", List.of(IdentitySource.UPN), adSmartCard("a.example@corp.example.com"), null);

        // Verify: 5 minutes, not until the certificate expires
        assertLogsInAs("alice@example.com", verdict);
        assertEquals(clock.instant().plus(Duration.ofMinutes(5)), verdict.validUntil());
    }
}
