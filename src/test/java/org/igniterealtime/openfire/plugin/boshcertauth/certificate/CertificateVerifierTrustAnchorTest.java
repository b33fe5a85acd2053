package org.igniterealtime.openfire.plugin.boshcertauth.certificate;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.OtherName;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.MutableClock;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trusted certificate a path ends at is checked itself, and its name constraints apply to the path below it
 * (issue 14 item 1). The JDK's validator takes a truststore root as a bare name and key, so before this none of
 * these roots was refused unless the client happened to send it.
 */
class CertificateVerifierTrustAnchorTest {

    /** Microsoft's User Principal Name, the otherName enterprise CAs constrain. */
    private static final ASN1ObjectIdentifier UPN = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");

    private static RevocationService revocation;

    @BeforeAll
    static void createRevocation() {
        revocation = new RevocationService();
    }

    @AfterAll
    static void closeRevocation() {
        revocation.close();
    }

    private static CertificateVerifier verifier(Set<TestPki.Issued> trusted, UnaryOperator<CertificatePolicy.Builder> settings) {
        final CertificatePolicy policy = settings.apply(CertificatePolicy.builder()
            .trust(trusted.stream().map(TestPki.Issued::certificate).collect(Collectors.toSet()))
            .domains(Set.of("example.org", "localhost")).revocationMode(RevocationMode.OFF)).build();
        return new CertificateVerifier(policy, revocation, MutableClock.now());
    }

    private static Verdict verify(TestPki.Issued trustedRoot, List<X509Certificate> chain) {
        return verifier(Set.of(trustedRoot), b -> b).verifyChain(chain);
    }

    private static void assertFailure(FailureReason reason, int index, Verdict verdict) {
        assertEquals(reason, verdict.reason(), verdict::toString);
        assertEquals(index, verdict.failingIndex(), verdict::toString);
    }

    private static TestPki.Builder user(String jid, TestPki.Issued issuer) {
        return TestPki.certificate(jid.substring(0, jid.indexOf('@'))).xmppAddr(jid).issuedBy(issuer);
    }

    private static GeneralSubtree xmppAddrSubtree(String value) {
        return new GeneralSubtree(new GeneralName(GeneralName.otherName, new OtherName(TestPki.ID_ON_XMPPADDR, new DERUTF8String(value))));
    }

    /** A root permitting only dNSName, rfc822Name and xmppAddr of example.org (the partner-CA case). */
    private static TestPki.Issued rootPermittingExampleOrg() {
        final GeneralSubtree[] permitted = {
            new GeneralSubtree(new GeneralName(GeneralName.dNSName, "example.org")),
            new GeneralSubtree(new GeneralName(GeneralName.rfc822Name, "example.org")),
            xmppAddrSubtree("example.org") };
        return TestPki.certificate("Partner Root").ca()
            .extension(Extension.nameConstraints, true, new NameConstraints(permitted, null)).build();
    }

    // --- name constraints of the trust anchor

    @Test
    void leafWithinTheAnchorsNameConstraintsIsAccepted() {
        // Setup
        final TestPki.Issued root = rootPermittingExampleOrg();
        final TestPki.Issued intermediate = TestPki.certificate("Partner Intermediate").ca().issuedBy(root).build();
        final TestPki.Issued alice = user("alice@example.org", intermediate).email("alice@example.org")
            .dnsName("host.example.org").build();
        // Execute
        final Verdict verdict = verifier(Set.of(root), b -> b).authenticate(alice.chainWithoutRoot(), null);
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
        assertEquals("alice@example.org", verdict.jid().toBareJID());
    }

    @Test
    void xmppAddrOutsideTheAnchorsNameConstraintsIsRefused() {
        // Setup: the partner CA's intermediate issues a certificate for a JID of another domain
        final TestPki.Issued root = rootPermittingExampleOrg();
        final TestPki.Issued intermediate = TestPki.certificate("Partner Intermediate").ca().issuedBy(root).build();
        final TestPki.Issued mallory = user("mallory@localhost", intermediate).build();
        // Execute
        final Verdict verdict = verify(root, mallory.chainWithoutRoot());
        // Verify
        assertFailure(FailureReason.NAME_CONSTRAINT_VIOLATION, 0, verdict);
        assertTrue(verdict.detail().contains("mallory@localhost"), verdict::toString);
        assertEquals(SaslCondition.NOT_AUTHORIZED, verdict.condition().orElseThrow());
    }

    @Test
    void emailOutsideTheAnchorsNameConstraintsIsRefused() {
        final TestPki.Issued root = rootPermittingExampleOrg();
        final TestPki.Issued mallory = user("mallory@example.org", root).email("mallory@example.com").build();
        assertFailure(FailureReason.NAME_CONSTRAINT_VIOLATION, 0, verify(root, mallory.chainWithoutRoot()));
    }

    @Test
    void dnsNameOutsideTheAnchorsNameConstraintsIsRefused() {
        final TestPki.Issued root = rootPermittingExampleOrg();
        final TestPki.Issued mallory = user("mallory@example.org", root).dnsName("example.org.evil.test").build();
        assertFailure(FailureReason.NAME_CONSTRAINT_VIOLATION, 0, verify(root, mallory.chainWithoutRoot()));
    }

    @Test
    void xmppAddrOfASubdomainIsOutsideAPlainDomainConstraint() {
        // rfc822Name semantics: "example.org" is that domain only, ".example.org" its subdomains
        final TestPki.Issued root = rootPermittingExampleOrg();
        final TestPki.Issued sub = user("sub@chat.example.org", root).build();
        assertFailure(FailureReason.NAME_CONSTRAINT_VIOLATION, 0, verify(root, sub.chainWithoutRoot()));
    }

    @Test
    void excludedXmppAddrSubtreeRefusesThatJidOnly() {
        // Setup: a root that excludes one account
        final TestPki.Issued root = TestPki.certificate("Excluding Root").ca().extension(Extension.nameConstraints, true,
            new NameConstraints(null, new GeneralSubtree[] { xmppAddrSubtree("admin@example.org") })).build();
        final TestPki.Issued admin = user("Admin@Example.org", root).build();
        final TestPki.Issued bob = user("bob@example.org", root).build();
        // Execute / Verify
        assertFailure(FailureReason.NAME_CONSTRAINT_VIOLATION, 0, verify(root, admin.chainWithoutRoot()));
        assertTrue(verify(root, bob.chainWithoutRoot()).isSuccess());
    }

    @Test
    void intermediateOutsideTheAnchorsNameConstraintsIsRefusedAtItsIndex() {
        // Setup: the root excludes the intermediate's own distinguished name
        final TestPki.Issued placeholder = TestPki.certificate("Excluded Intermediate").ca().build();
        final X500Name excludedName = X500Name.getInstance(placeholder.certificate().getSubjectX500Principal().getEncoded());
        final TestPki.Issued root = TestPki.certificate("DN Constrained Root").ca().extension(Extension.nameConstraints, true,
            new NameConstraints(null, new GeneralSubtree[] { new GeneralSubtree(new GeneralName(excludedName)) })).build();
        final TestPki.Issued intermediate = TestPki.certificate("Excluded Intermediate").ca().issuedBy(root).build();
        final TestPki.Issued alice = user("alice@localhost", intermediate).build();
        // Execute
        final Verdict verdict = verify(root, alice.chainWithoutRoot());
        // Verify
        assertFailure(FailureReason.NAME_CONSTRAINT_VIOLATION, 1, verdict);
    }

    @Test
    void anchorConstraintOnAnOtherNameTypeThatCannotBeEvaluatedIsASpecificRefusal() {
        // Setup: a truststore root constraining UPNs; the user certificate carries an xmppAddr (an otherName too)
        final TestPki.Issued root = TestPki.certificate("UPN Root").ca().extension(Extension.nameConstraints, true,
            new NameConstraints(new GeneralSubtree[] { new GeneralSubtree(new GeneralName(GeneralName.otherName,
                new OtherName(UPN, new DERUTF8String("@example.com")))) }, null)).build();
        final TestPki.Issued erin = user("erin@localhost", root).build();
        final TestPki.Issued emailOnly = TestPki.certificate("frank").email("frank@localhost").issuedBy(root).build();
        // Execute
        final Verdict verdict = verify(root, erin.chainWithoutRoot());
        // Verify: not INTERNAL_ERROR, and the anchor (index 1 of the path built) is named
        assertFailure(FailureReason.UNSUPPORTED_NAME_CONSTRAINT, 1, verdict);
        assertTrue(verdict.detail().contains("UPN Root"), verdict::toString);
        // a certificate without any otherName is not concerned by the otherName constraint
        assertTrue(verify(root, emailOnly.chainWithoutRoot()).isSuccess());
    }

    @Test
    void undecodableXmppAddrUnderAnXmppAddrConstraintIsMalformedNotAnInternalError() {
        // Setup: the xmppAddr value is an IA5String instead of a UTF8String (RFC 6120 §13.7.1.4)
        final TestPki.Issued root = rootPermittingExampleOrg();
        final TestPki.Issued odd = TestPki.certificate("odd").issuedBy(root).rawSubjectAltName(
            TestPki.subjectAltNameWithOtherNameValue(TestPki.ID_ON_XMPPADDR, new DERIA5String("odd@example.org"))).build();
        final TestPki.Issued broken = TestPki.certificate("broken").issuedBy(root).rawSubjectAltName(
            TestPki.subjectAltNameWithOtherNameValue(TestPki.ID_ON_XMPPADDR, DERNull.INSTANCE)).build();
        // Execute / Verify
        assertFailure(FailureReason.MALFORMED, 0, verify(root, odd.chainWithoutRoot()));
        assertFailure(FailureReason.MALFORMED, 0, verify(root, broken.chainWithoutRoot()));
    }

    @Test
    void rootWithoutNameConstraintsStillAcceptsAnyName() {
        final TestPki.Issued root = TestPki.rootCa("Unconstrained Root");
        final TestPki.Issued alice = user("alice@localhost", root).email("alice@elsewhere.test").build();
        assertTrue(verify(root, alice.chainWithoutRoot()).isSuccess());
    }

    // --- the anchor itself

    @Test
    void expiredTrustedRootIsRefusedEvenWhenTheClientDoesNotSendIt() {
        // Setup: the root expired yesterday; the client sends only its own certificate
        final TestPki.Issued root = TestPki.certificate("Expired Root").ca()
            .validity(Instant.now().minus(Duration.ofDays(3650)), Instant.now().minus(Duration.ofDays(1))).build();
        final TestPki.Issued alice = user("alice@localhost", root)
            .validity(Instant.now().minus(Duration.ofDays(10)), Instant.now().plus(Duration.ofDays(10))).build();
        // Execute
        final Verdict notSent = verify(root, alice.chainWithoutRoot());
        final Verdict sent = verify(root, alice.chain());
        // Verify: the anchor is on the path built, sent or not (index 1)
        assertFailure(FailureReason.UNTRUSTED_ANCHOR_INVALID, 1, notSent);
        assertTrue(notSent.detail().contains("expired"), notSent::toString);
        assertFailure(FailureReason.UNTRUSTED_ANCHOR_INVALID, 1, sent);
    }

    @Test
    void expiredTrustedRootIsAcceptedWithVerifyValidityOff() {
        final TestPki.Issued root = TestPki.certificate("Expired Root").ca()
            .validity(Instant.now().minus(Duration.ofDays(3650)), Instant.now().minus(Duration.ofDays(1))).build();
        final TestPki.Issued alice = user("alice@localhost", root)
            .validity(Instant.now().minus(Duration.ofDays(10)), Instant.now().plus(Duration.ofDays(10))).build();
        final Verdict verdict = verifier(Set.of(root), b -> b.verifyValidity(false)).verifyChain(alice.chainWithoutRoot());
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void reissuedRootWithTheSameNameAndKeyIsUsedWhenTheOldOneExpired() {
        // Setup: both the expired and the renewed root (same name, same key) are in the truststore
        final KeyPair rootKey = TestPki.ecKey("secp256r1");
        final TestPki.Issued expired = TestPki.certificate("Renewed Root").ca().key(rootKey)
            .validity(Instant.now().minus(Duration.ofDays(3650)), Instant.now().minus(Duration.ofDays(1))).build();
        final TestPki.Issued renewed = TestPki.certificate("Renewed Root").ca().key(rootKey).build();
        final TestPki.Issued alice = user("alice@localhost", renewed).build();
        // Execute
        final Verdict verdict = verifier(Set.of(expired, renewed), b -> b).verifyChain(alice.chainWithoutRoot());
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void trustedRootWithCaFalseIsRefused() {
        final TestPki.Issued root = TestPki.certificate("Not A CA Root").noExtendedKeyUsage()
            .keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
            .extension(Extension.basicConstraints, true, new BasicConstraints(false)).build();
        final TestPki.Issued alice = user("alice@localhost", root).build();
        final Verdict verdict = verify(root, alice.chainWithoutRoot());
        assertFailure(FailureReason.UNTRUSTED_ANCHOR_INVALID, 1, verdict);
        assertTrue(verdict.detail().contains("CA:false"), verdict::toString);
    }

    @Test
    void trustedRootWithoutBasicConstraintsIsRefused() {
        final TestPki.Issued root = TestPki.certificate("No Basic Constraints Root").noExtendedKeyUsage()
            .keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign).build();
        final TestPki.Issued alice = user("alice@localhost", root).build();
        final Verdict verdict = verify(root, alice.chainWithoutRoot());
        assertFailure(FailureReason.UNTRUSTED_ANCHOR_INVALID, 1, verdict);
        assertTrue(verdict.detail().contains("no basicConstraints"), verdict::toString);
    }

    @Test
    void trustedRootWithNonCriticalBasicConstraintsCaTrueIsAccepted() {
        // RFC 5280 asks CAs to mark it critical; real roots exist that do not, and the default accepts what CAs issue
        final TestPki.Issued root = TestPki.certificate("Lenient Root").noExtendedKeyUsage()
            .keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
            .extension(Extension.basicConstraints, false, new BasicConstraints(true)).build();
        final TestPki.Issued alice = user("alice@localhost", root).build();
        assertTrue(verify(root, alice.chainWithoutRoot()).isSuccess());
    }

    @Test
    void trustedRootWhoseKeyUsageLacksKeyCertSignIsRefused() {
        final TestPki.Issued root = TestPki.certificate("CRL Only Root").ca()
            .keyUsage(KeyUsage.cRLSign | KeyUsage.digitalSignature).build();
        final TestPki.Issued alice = user("alice@localhost", root).build();
        final Verdict verdict = verify(root, alice.chainWithoutRoot());
        assertFailure(FailureReason.UNTRUSTED_ANCHOR_INVALID, 1, verdict);
        assertTrue(verdict.detail().contains("keyCertSign"), verdict::toString);
    }

    @Test
    void trustedRootWithAnUnknownCriticalExtensionIsRefused() {
        final TestPki.Issued root = TestPki.certificate("Odd Root").ca()
            .extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1"), true, DERNull.INSTANCE).build();
        final TestPki.Issued alice = user("alice@localhost", root).build();
        final Verdict verdict = verify(root, alice.chainWithoutRoot());
        assertFailure(FailureReason.UNTRUSTED_ANCHOR_INVALID, 1, verdict);
        assertTrue(verdict.detail().contains("1.3.6.1.4.1.55555.1"), verdict::toString);
    }

    @Test
    void trustedRootWithAnRsa1024KeyIsRefusedAsWeak() {
        final TestPki.Issued root = TestPki.certificate("RSA-1024 Root").ca().rsa(1024).build();
        final TestPki.Issued alice = user("alice@localhost", root).build();
        final Verdict verdict = verify(root, alice.chainWithoutRoot());
        assertFailure(FailureReason.WEAK_ALGORITHM, 1, verdict);
        assertTrue(verdict.detail().contains("RSA-1024 Root"), verdict::toString);
    }

    @Test
    void aTrustedIntermediateIsTheAnchorAndIsCheckedItself() {
        // Setup: the administrator trusts an intermediate (not its root), whose keyUsage lacks keyCertSign
        final TestPki.Issued root = TestPki.rootCa("Untrusted Root");
        final TestPki.Issued intermediate = TestPki.certificate("Trusted Intermediate").ca().issuedBy(root)
            .keyUsage(KeyUsage.cRLSign).build();
        final TestPki.Issued alice = user("alice@localhost", intermediate).build();
        // Execute
        final Verdict verdict = verify(intermediate, alice.chainWithoutRoot());
        // Verify: the intermediate was sent (index 1)
        assertFailure(FailureReason.UNTRUSTED_ANCHOR_INVALID, 1, verdict);
    }

    @Test
    void validRootsAreStillAccepted() {
        final TestPki.Issued ecRoot = TestPki.rootCa("Valid EC Root");
        final TestPki.Issued rsaRoot = TestPki.certificate("Valid RSA Root").ca().rsa(2048).build();
        final TestPki.Issued alice = user("alice@localhost", ecRoot).build();
        final TestPki.Issued bob = user("bob@localhost", rsaRoot).build();
        assertTrue(verify(ecRoot, alice.chainWithoutRoot()).isSuccess());
        assertTrue(verify(ecRoot, alice.chain()).isSuccess());
        assertTrue(verify(rsaRoot, bob.chainWithoutRoot()).isSuccess());
    }
}
