package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.SaslCondition;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.CandidateExplanation;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.CertificateBinding;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.DirectoryLookups;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.DirectoryMapping;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IdentitySource;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IssuerNamePins;
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
 * Review M6 (issue 19): AD's issuer-name bindings ({@code X509:<I>issuer<SR>serial}, the opt-in weak
 * {@code X509:<I>issuer<S>subject}) name the issuing CA by its DN only. Any CA with that DN — an intermediate the client
 * itself presents, chaining to some trusted root (a public or partner root) — could issue a certificate with a bound
 * serial or subject. Such a binding counts only when the certificate's issuing CA on the validated path is pinned: a
 * truststore certificate, or listed by SHA-256 in {@code boshcertauth.identity.directory.issuer-name-cas}.
 * Real LDAP directory (UnboundID in-memory, AD-shaped entries) as in {@link LdapDirectoryMappingTest}.
 */
class IssuerNameBindingPinTest {

    private static final String ISSUER_DN = "CN=Corp Issuing CA,DC=corp,DC=example,DC=com";
    /** Erin's bound serial; its octets reversed are 1200000000AC11000000002B. */
    private static final BigInteger ERINS_SERIAL = new BigInteger("2B0000000011AC0000000012", 16);
    private static final String DAVES_SUBJECT = "CN=Dave,OU=Staff," + TestDirectory.BASE_DN;

    private static TestPki.Issued corpRoot;
    /** The real issuing CA, below the corp root. */
    private static TestPki.Issued corpIssuing;
    private static TestPki.Issued publicRoot;
    /** Named exactly like the corp issuing CA, issued by a trusted public root, sent by the client with its chain. */
    private static TestPki.Issued impostor;
    /** Another self-signed CA with the corp issuing CA's name, in the truststore (e.g. a partner's). */
    private static TestPki.Issued namesake;
    private static TestPki.Issued ginasKeyHolder;
    private static RevocationService revocation;
    private static TestDirectory directory;

    private MutableClock clock;
    private DirectoryLookups lookups;

    @BeforeAll
    static void startDirectory() throws Exception {
        corpRoot = TestPki.rootCa("Corp Root CA");
        corpIssuing = TestPki.certificate("Corp Issuing CA").subject(ISSUER_DN).ca().issuedBy(corpRoot).build();
        publicRoot = TestPki.rootCa("Public Root CA");
        impostor = TestPki.certificate("Corp Issuing CA").subject(ISSUER_DN).ca().issuedBy(publicRoot).build();
        namesake = TestPki.certificate("Corp Issuing CA").subject(ISSUER_DN).ca().build();
        ginasKeyHolder = TestPki.certificate("Gina").issuedBy(corpIssuing).build();
        revocation = new RevocationService();
        directory = TestDirectory.start();
        directory.addUser("Erin", "erin", "altSecurityIdentities",
            "X509:<I>DC=com,DC=example,DC=corp,CN=Corp Issuing CA<SR>1200000000AC11000000002B");
        directory.addUser("Dave", "dave", "altSecurityIdentities",
            "X509:<I>DC=com,DC=example,DC=corp,CN=Corp Issuing CA<S>DC=com,DC=example,DC=corp,OU=Staff,CN=Dave");
        directory.addUser("Gina", "gina", "altSecurityIdentities", "X509:<SKI>" + skiOf(ginasKeyHolder.certificate()));
    }

    private static String skiOf(X509Certificate certificate) throws Exception {
        return CertificateBinding.strongAltSecurityIdentities(certificate).stream().filter(f -> f.startsWith("X509:<SKI>"))
            .findFirst().orElseThrow().substring("X509:<SKI>".length());
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
        when(manager.isSubTreeSearch()).thenReturn(true);
        when(manager.getHosts()).thenReturn(List.of("127.0.0.1"));
        when(manager.getSearchFilter()).thenReturn("(&(sAMAccountName={0})(objectClass=user))");
        when(manager.getUsernameSuffix()).thenReturn("");
        when(manager.getContext(any())).thenAnswer(call -> directory.context(call.getArgument(0)));
        lookups = new DirectoryLookups(new LdapUserDirectory(() -> manager, 5000), clock);
    }

    @AfterEach
    void closeLookups() {
        lookups.close();
    }

    private CertificateVerifier verifier(Set<X509Certificate> trusted, boolean weakIssuerSubject, String issuerNameCas) {
        final CertificatePolicy policy = CertificatePolicy.builder().trust(trusted)
            .domains(Set.of("example.com")).revocationMode(RevocationMode.OFF).identitySources(List.of(IdentitySource.CERTIFICATE))
            .directoryMapping(DirectoryMapping.parse("certificate=altSecurityIdentities", Duration.ofSeconds(5), Duration.ofMinutes(5))
                .withWeakIssuerSubject(weakIssuerSubject).withIssuerNamePins(IssuerNamePins.parse(issuerNameCas)))
            .build();
        return new CertificateVerifier(policy, revocation, clock, Optional.of(lookups));
    }

    private Verdict login(Set<X509Certificate> trusted, boolean weakIssuerSubject, String issuerNameCas, TestPki.Issued certificate) {
        return verifier(trusted, weakIssuerSubject, issuerNameCas).authenticate(certificate.chainWithoutRoot(), null);
    }

    private static TestPki.Issued erinsSerialFrom(TestPki.Issued ca) {
        return TestPki.certificate("Whoever").serial(ERINS_SERIAL).issuedBy(ca).build();
    }

    private static TestPki.Issued davesSubjectFrom(TestPki.Issued ca) {
        return TestPki.certificate("Dave").subject(DAVES_SUBJECT).issuedBy(ca).build();
    }

    private static String pin(TestPki.Issued ca) throws Exception {
        return "sha256:" + CertificateBinding.sha256(ca.certificate());
    }

    private static void assertLogsInAs(String jid, Verdict verdict) {
        assertTrue(verdict.isSuccess(), verdict::toString);
        assertEquals(new JID(jid), verdict.jid());
    }

    private static void assertRefused(FailureReason reason, Verdict verdict) {
        assertEquals(reason, verdict.reason(), verdict::toString);
    }

    @Test
    void impostorIntermediateNamedLikeTheIssuingCaCannotUseASerialBinding() throws Exception {
        // Setup: the real issuing CA is in the truststore; the client sends a look-alike below a trusted public root
        final Set<X509Certificate> trusted = Set.of(corpIssuing.certificate(), publicRoot.certificate());
        final TestPki.Issued forged = erinsSerialFrom(impostor);

        // Execute
        final Verdict verdict = login(trusted, false, "", forged);

        // Verify: a reason of its own, naming the CA that really issued it
        assertRefused(FailureReason.ISSUER_NOT_PINNED, verdict);
        assertEquals(SaslCondition.NOT_AUTHORIZED, verdict.reason().condition());
        assertTrue(verdict.detail().contains(CertificateBinding.sha256(impostor.certificate())), verdict::toString);
    }

    @Test
    void theIssuingCaInTheTruststoreStillLogsInByASerialBinding() {
        // Setup
        final Set<X509Certificate> trusted = Set.of(corpIssuing.certificate(), publicRoot.certificate());

        // Execute
        final Verdict verdict = login(trusted, false, "", erinsSerialFrom(corpIssuing));

        // Verify
        assertLogsInAs("erin@example.com", verdict);
    }

    @Test
    void anIssuingCaBelowATrustedRootIsNotPinnedByDefault() {
        // Setup: only the roots are trusted; the client sends the real issuing CA, and the impostor is as valid
        final Set<X509Certificate> trusted = Set.of(corpRoot.certificate(), publicRoot.certificate());

        // Execute
        final Verdict verdict = login(trusted, false, "", erinsSerialFrom(corpIssuing));

        // Verify: the name alone cannot tell it from the impostor
        assertRefused(FailureReason.ISSUER_NOT_PINNED, verdict);
    }

    @Test
    void anIssuingCaPinnedBySha256LogsInAndTheImpostorStillDoesNot() throws Exception {
        // Setup
        final Set<X509Certificate> trusted = Set.of(corpRoot.certificate(), publicRoot.certificate());
        final String pins = pin(corpIssuing);

        // Execute
        final Verdict genuine = login(trusted, false, pins, erinsSerialFrom(corpIssuing));
        final Verdict forged = login(trusted, false, pins, erinsSerialFrom(impostor));

        // Verify
        assertLogsInAs("erin@example.com", genuine);
        assertRefused(FailureReason.ISSUER_NOT_PINNED, forged);
    }

    @Test
    void aPinListReplacesTheTruststoreSoATrustedNamesakeIsNotPinned() throws Exception {
        // Setup: a second truststore CA carries the issuing CA's name; the administrator pins the real one
        final Set<X509Certificate> trusted = Set.of(corpIssuing.certificate(), namesake.certificate());
        final String pins = pin(corpIssuing);

        // Execute
        final Verdict fromNamesake = login(trusted, false, pins, erinsSerialFrom(namesake));
        final Verdict fromCorp = login(trusted, false, pins, erinsSerialFrom(corpIssuing));

        // Verify
        assertRefused(FailureReason.ISSUER_NOT_PINNED, fromNamesake);
        assertLogsInAs("erin@example.com", fromCorp);
    }

    @Test
    void aTrustedNamesakeOfTheIssuingCaCannotUseASerialBindingByDefault() {
        // Setup (review M1): a partner CA in the truststore carries the issuing CA's name (another key) and picks
        // erin's serial; by default both are pinned by being trusted, so the name cannot say which one erin's binding means
        final Set<X509Certificate> trusted = Set.of(corpIssuing.certificate(), namesake.certificate());

        // Execute
        final Verdict fromNamesake = login(trusted, false, "", erinsSerialFrom(namesake));
        final Verdict fromNamesakeWeakOn = login(trusted, true, "", erinsSerialFrom(namesake));
        final Verdict fromCorp = login(trusted, false, "", erinsSerialFrom(corpIssuing));

        // Verify: refused, also for the real CA (the name is ambiguous until a pin list names the CA meant)
        assertRefused(FailureReason.ISSUER_NAME_AMBIGUOUS, fromNamesake);
        assertRefused(FailureReason.ISSUER_NAME_AMBIGUOUS, fromNamesakeWeakOn);
        assertRefused(FailureReason.ISSUER_NAME_AMBIGUOUS, fromCorp);
        assertTrue(fromNamesake.detail().contains("boshcertauth.identity.directory.issuer-name-cas"), fromNamesake::toString);
    }

    @Test
    void aTrustedNamesakeCannotUseAnIssuerAndSerialBindingInAnotherAttributeByDefault() throws Exception {
        // Setup (review M1): issuer-DN;serial in an attribute of its own, the namesake in the truststore
        final Set<X509Certificate> trusted = Set.of(corpIssuing.certificate(), namesake.certificate());
        final TestPki.Issued forged = TestPki.certificate("Whoever").serial(new BigInteger("4F0000000011AC0000000013", 16))
            .issuedBy(namesake).build();
        directory.addUser("Fred", "fred", "description", CertificateBinding.issuerAndSerial(forged.certificate()));
        final CertificatePolicy policy = CertificatePolicy.builder().trust(trusted)
            .domains(Set.of("example.com")).revocationMode(RevocationMode.OFF).identitySources(List.of(IdentitySource.CERTIFICATE))
            .directoryMapping(DirectoryMapping.parse("certificate=description", Duration.ofSeconds(5), Duration.ofMinutes(5)))
            .build();

        // Execute
        final Verdict verdict = new CertificateVerifier(policy, revocation, clock, Optional.of(lookups))
            .authenticate(forged.chainWithoutRoot(), null);

        // Verify
        assertRefused(FailureReason.ISSUER_NAME_AMBIGUOUS, verdict);
    }

    @Test
    void impostorIntermediateCannotUseTheWeakIssuerSubjectBinding() {
        // Setup: the weak form is opted in; the impostor issues dave's subject
        final Set<X509Certificate> trusted = Set.of(corpIssuing.certificate(), publicRoot.certificate());

        // Execute
        final Verdict forged = login(trusted, true, "", davesSubjectFrom(impostor));
        final Verdict genuine = login(trusted, true, "", davesSubjectFrom(corpIssuing));

        // Verify
        assertRefused(FailureReason.ISSUER_NOT_PINNED, forged);
        assertLogsInAs("dave@example.com", genuine);
    }

    @Test
    void weakIssuerSubjectBindingOfAPinnedIssuingCaBelowATrustedRoot() throws Exception {
        // Setup
        final Set<X509Certificate> trusted = Set.of(corpRoot.certificate(), publicRoot.certificate());
        final String pins = pin(corpIssuing);

        // Execute
        final Verdict genuine = login(trusted, true, pins, davesSubjectFrom(corpIssuing));
        final Verdict forged = login(trusted, true, pins, davesSubjectFrom(impostor));
        final Verdict unpinned = login(trusted, true, "", davesSubjectFrom(corpIssuing));

        // Verify
        assertLogsInAs("dave@example.com", genuine);
        assertRefused(FailureReason.ISSUER_NOT_PINNED, forged);
        assertRefused(FailureReason.ISSUER_NOT_PINNED, unpinned);
    }

    @Test
    void aPinListSettlesWhichOfTwoTrustedNamesakesTheWeakFormMeans() throws Exception {
        // Setup: two truststore CAs share the name; by default the weak form cannot tell them apart (ISSUER_NAME_AMBIGUOUS)
        final Set<X509Certificate> trusted = Set.of(corpIssuing.certificate(), namesake.certificate());
        final String pins = pin(corpIssuing);

        // Execute
        final Verdict byDefault = login(trusted, true, "", davesSubjectFrom(corpIssuing));
        final Verdict fromCorp = login(trusted, true, pins, davesSubjectFrom(corpIssuing));
        final Verdict fromNamesake = login(trusted, true, pins, davesSubjectFrom(namesake));

        // Verify
        assertRefused(FailureReason.ISSUER_NAME_AMBIGUOUS, byDefault);
        assertLogsInAs("dave@example.com", fromCorp);
        assertRefused(FailureReason.ISSUER_NOT_PINNED, fromNamesake);
    }

    @Test
    void aBindingOfTheCertifiedKeyDoesNotNeedAPinnedIssuer() {
        // Setup: <SKI> is computed from the key, which only its holder can use; the issuing CA is not pinned
        final Set<X509Certificate> trusted = Set.of(corpRoot.certificate(), publicRoot.certificate());

        // Execute
        final Verdict verdict = login(trusted, false, "", ginasKeyHolder);

        // Verify
        assertLogsInAs("gina@example.com", verdict);
    }

    @Test
    void anUnpinnedIssuersCertificateThatNoIssuerNameFormBindsIsNoIdentity() {
        // Setup
        final Set<X509Certificate> trusted = Set.of(corpIssuing.certificate(), publicRoot.certificate());
        final TestPki.Issued unbound = TestPki.certificate("Nobody").issuedBy(impostor).build();

        // Execute
        final Verdict verdict = login(trusted, true, "", unbound);

        // Verify: nobody is bound at all, so no pin is missing
        assertRefused(FailureReason.NO_IDENTITY, verdict);
    }

    @Test
    void testACertificateNamesTheMissingPin() {
        // Setup
        final CertificateVerifier verifier = verifier(Set.of(corpIssuing.certificate(), publicRoot.certificate()), false, "");

        // Execute
        final List<CandidateExplanation> rows = verifier.explainIdentities(erinsSerialFrom(impostor).chainWithoutRoot());

        // Verify: the row says who it would have been refused for, and why
        final CandidateExplanation row = rows.stream().filter(r -> r.source() == IdentitySource.CERTIFICATE).findFirst().orElseThrow();
        assertEquals(FailureReason.ISSUER_NOT_PINNED, row.undecided(), row::toString);
        assertTrue(row.users().isEmpty(), row::toString);
        assertTrue(row.notes().stream().anyMatch(n -> n.contains("boshcertauth.identity.directory.issuer-name-cas")), row::toString);
    }
}
