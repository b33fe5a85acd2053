package org.igniterealtime.openfire.plugin.boshcertauth.certificate;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.MutableClock;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.DSAParameterSpec;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Certificates the validator cannot judge the usual way (issue 14 item 3) get a specific refusal or a real judgement,
 * never INTERNAL_ERROR (which tells the client "temporary" and logs a stack trace per attempt): a DSA key that
 * inherits its parameters from its issuer (RFC 5280 §6.1.4 (j)), and a CA that constrains otherName (the type of
 * xmppAddr), which the JDK's PKIX cannot evaluate.
 */
class CertificateVerifierUncheckableInputTest {

    /** Microsoft's User Principal Name, the otherName enterprise CAs constrain. */
    private static final ASN1ObjectIdentifier UPN = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");

    private static TestPki.Issued root;
    private static RevocationService revocation;

    @BeforeAll
    static void createPki() {
        root = TestPki.rootCa("Uncheckable Root");
        revocation = new RevocationService();
    }

    @AfterAll
    static void closeRevocation() {
        revocation.close();
    }

    private static CertificateVerifier verifier(Set<TestPki.Issued> trusted, UnaryOperator<CertificatePolicy.Builder> settings) {
        final CertificatePolicy policy = settings.apply(CertificatePolicy.builder()
            .trust(trusted.stream().map(TestPki.Issued::certificate).collect(java.util.stream.Collectors.toSet()))
            .domains(Set.of("localhost")).revocationMode(RevocationMode.OFF)).build();
        return new CertificateVerifier(policy, revocation, MutableClock.now());
    }

    private static KeyPair dsaKey(int bits) {
        try {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key in the issuer's DSA group, certified as a SubjectPublicKeyInfo whose algorithm has no parameters. */
    private static TestPki.Builder leafInheritingDsaParametersFrom(TestPki.Issued issuer, String name) {
        final DSAPublicKey issuerKey = (DSAPublicKey) issuer.keyPair().getPublic();
        final KeyPair own;
        final SubjectPublicKeyInfo withoutParameters;
        try {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
            generator.initialize(new DSAParameterSpec(issuerKey.getParams().getP(), issuerKey.getParams().getQ(),
                issuerKey.getParams().getG()));
            own = generator.generateKeyPair();
            withoutParameters = new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_dsa),
                new ASN1Integer(((DSAPublicKey) own.getPublic()).getY()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
        return TestPki.certificate(name).xmppAddr(name + "@localhost").issuedBy(issuer).key(own).publicKeyInfo(withoutParameters);
    }

    // --- DSA with inherited parameters

    @Test
    void theTestLeafReallyHasInheritedDsaParameters() {
        final TestPki.Issued dsaCa = TestPki.certificate("DSA Intermediate").ca().issuedBy(root).key(dsaKey(2048)).build();
        final TestPki.Issued alice = leafInheritingDsaParametersFrom(dsaCa, "alice").build();
        assertNull(((DSAPublicKey) alice.certificate().getPublicKey()).getParams());
    }

    @Test
    void dsaKeyInheritingStrongParametersFromItsIssuerIsAccepted() {
        // Setup
        final TestPki.Issued dsaCa = TestPki.certificate("DSA Intermediate").ca().issuedBy(root).key(dsaKey(2048)).build();
        final TestPki.Issued alice = leafInheritingDsaParametersFrom(dsaCa, "alice").build();
        // Execute
        final Verdict verdict = verifier(Set.of(root), b -> b).authenticate(alice.chainWithoutRoot(), null);
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
        assertEquals("alice@localhost", verdict.jid().toBareJID());
    }

    @Test
    void dsaKeyInheritingWeakParametersIsHeldToTheFloorAtItsOwnIndex() {
        // Setup: a 1024-bit DSA intermediate, below the floor (DSA follows the RSA floor, 2048); the leaf inherits its
        // parameters, so its key is 1024 bits too, and as the first certificate judged it fails at its own index
        final TestPki.Issued dsaCa = TestPki.certificate("Weak DSA Intermediate").ca().issuedBy(root).key(dsaKey(1024)).build();
        final TestPki.Issued bob = leafInheritingDsaParametersFrom(dsaCa, "bob").build();
        // Execute
        final Verdict verdict = verifier(Set.of(root), b -> b).verifyChain(bob.chainWithoutRoot());
        // Verify
        assertEquals(FailureReason.WEAK_ALGORITHM, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
        assertTrue(verdict.detail().contains("1024"), verdict::toString);
    }

    @Test
    void dsaKeyInheritingParametersFromATrustedRootTheClientDidNotSendIsJudgedByThem() {
        // Setup: a DSA root in the truststore signs the leaf directly; the client sends only its own certificate
        final TestPki.Issued dsaRoot = TestPki.certificate("DSA Root").ca().key(dsaKey(2048)).build();
        final TestPki.Issued carol = leafInheritingDsaParametersFrom(dsaRoot, "carol").build();
        // Execute
        final Verdict verdict = verifier(Set.of(dsaRoot), b -> b).verifyChain(List.of(carol.certificate()));
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void dsaKeyWithoutParametersAndNoDsaIssuerIsRefusedAsWeak() {
        // Setup: the leaf claims inherited DSA parameters, but its issuer has an EC key: there is nothing to inherit
        final TestPki.Issued dsaCa = TestPki.certificate("DSA Intermediate").ca().issuedBy(root).key(dsaKey(2048)).build();
        final TestPki.Issued dave = leafInheritingDsaParametersFrom(dsaCa, "dave").issuedBy(root).build();
        // Execute
        final Verdict verdict = verifier(Set.of(root), b -> b).verifyChain(dave.chainWithoutRoot());
        // Verify
        assertEquals(FailureReason.WEAK_ALGORITHM, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
    }

    // --- otherName name constraints

    private static TestPki.Issued caConstrainingUpn(boolean permitted) {
        final GeneralSubtree[] upnSubtree = {
            new GeneralSubtree(new GeneralName(GeneralName.otherName, new OtherName(UPN, new DERUTF8String("@example.com")))) };
        final NameConstraints constraints = permitted ? new NameConstraints(upnSubtree, null) : new NameConstraints(null, upnSubtree);
        return TestPki.certificate("UPN Constrained Intermediate").ca().issuedBy(root)
            .extension(Extension.nameConstraints, true, constraints).build();
    }

    @Test
    void permittedOtherNameConstraintOverAnXmppAddrIsASpecificRefusal() {
        // Setup
        final TestPki.Issued constrained = caConstrainingUpn(true);
        final TestPki.Issued erin = TestPki.certificate("erin").xmppAddr("erin@localhost").issuedBy(constrained).build();
        // Execute
        final Verdict verdict = verifier(Set.of(root), b -> b).authenticate(erin.chainWithoutRoot(), null);
        // Verify: the constraining CA is named, and the client is told "not authorized", not "try again"
        assertEquals(FailureReason.UNSUPPORTED_NAME_CONSTRAINT, verdict.reason(), verdict::toString);
        assertEquals(1, verdict.failingIndex(), verdict::toString);
        assertEquals(SaslCondition.NOT_AUTHORIZED, verdict.condition().orElseThrow());
    }

    @Test
    void excludedOtherNameConstraintOverAnXmppAddrIsASpecificRefusal() {
        final TestPki.Issued constrained = caConstrainingUpn(false);
        final TestPki.Issued frank = TestPki.certificate("frank").xmppAddr("frank@localhost").issuedBy(constrained).build();
        final Verdict verdict = verifier(Set.of(root), b -> b).verifyChain(frank.chain());
        assertEquals(FailureReason.UNSUPPORTED_NAME_CONSTRAINT, verdict.reason(), verdict::toString);
        assertEquals(1, verdict.failingIndex(), verdict::toString);
    }
}
