package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.DSAParameterSpec;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A CRL signed with a DSA key whose certificate inherits the DSA parameters from its issuer (RFC 3279 §2.3.2, NIST
 * PKITS 4.1.5): its signature is checked with the key completed by the parameters of the nearest DSA key above it
 * on the path, as the path validator does for certificate signatures. Before, the CRL's signature did not verify
 * (a key without parameters), so the status of every certificate of that CA was unknown.
 */
class DsaInheritedCrlKeyTest {

    private static final TestPki.Issued ROOT = TestPki.rootCa("DSA CRL Root");
    private static final KeyPair DSA_CA_KEY = dsaKey();
    private static final TestPki.Issued DSA_CA = TestPki.certificate("DSA CA").ca().issuedBy(ROOT).key(DSA_CA_KEY).build();
    /** A CA whose DSA key is certified without parameters: it inherits DSA_CA's. */
    private static final TestPki.Issued INHERITING_CA = inheriting(DSA_CA);

    private final TestPki.Issued alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(INHERITING_CA).build();
    private final List<X509Certificate> presented = List.of(alice.certificate(), INHERITING_CA.certificate(), DSA_CA.certificate());
    @TempDir
    Path directory;

    private static KeyPair dsaKey() {
        try {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestPki.Issued inheriting(TestPki.Issued issuer) {
        try {
            final DSAPublicKey issuerKey = (DSAPublicKey) issuer.keyPair().getPublic();
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
            generator.initialize(new DSAParameterSpec(issuerKey.getParams().getP(), issuerKey.getParams().getQ(),
                issuerKey.getParams().getG()));
            final KeyPair own = generator.generateKeyPair();
            final SubjectPublicKeyInfo withoutParameters = new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_dsa),
                new ASN1Integer(((DSAPublicKey) own.getPublic()).getY()));
            return TestPki.certificate("Inheriting DSA CA").ca().issuedBy(issuer).key(own).publicKeyInfo(withoutParameters).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theCrlSignersKeyReallyHasNoParameters() {
        assertNull(((DSAPublicKey) INHERITING_CA.certificate().getPublicKey()).getParams());
    }

    @Test
    void aCrlSignedWithAnInheritingDsaKeyCounts() throws Exception {
        // Execute
        final Verdict verdict = new CrlTestBed(directory).verify(ROOT, presented,
            CrlTestBed.clean(ROOT), CrlTestBed.clean(DSA_CA), CrlTestBed.clean(INHERITING_CA));
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void aRevocationOnThatCrlRevokes() throws Exception {
        // Execute
        final Verdict verdict = new CrlTestBed(directory).verify(ROOT, presented, CrlTestBed.clean(ROOT), CrlTestBed.clean(DSA_CA),
            CrlTestBed.Crl.by(INHERITING_CA).revoking(alice.certificate()).build());
        // Verify
        assertEquals(FailureReason.REVOKED, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
    }

    @Test
    void aCrlSignedWithAnotherKeyOfTheSameDsaGroupIsNotBelieved() throws Exception {
        // Setup: the attacker has a key in the same (public) DSA group and the CA's name, nothing more
        final TestPki.Issued forger = inheriting(DSA_CA);
        // Execute: the forger's certificate is not presented; its CRL claims the CA's name
        final Verdict verdict = new CrlTestBed(directory).verify(ROOT, presented, CrlTestBed.clean(ROOT), CrlTestBed.clean(DSA_CA),
            CrlTestBed.Crl.by(INHERITING_CA, forger).build());
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
    }
}
