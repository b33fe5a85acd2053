package org.igniterealtime.openfire.plugin.boshcertauth.certificate;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.igniterealtime.openfire.plugin.boshcertauth.config.RequiredPolicies;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code boshcertauth.certificate.required-policies}: only certificates issued under a required policy log in. */
class CertificateVerifierPolicyTest {

    private static final String SMART_CARD = "2.16.840.1.101.3.2.1.3.13"; // PIV id-fpki-common-authentication
    private static final String SOFTWARE = "1.3.6.1.4.1.99999.7.1";

    private static CertificatePolicies policies(String... oids) {
        final PolicyInformation[] information = new PolicyInformation[oids.length];
        for (int i = 0; i < oids.length; i++) {
            information[i] = new PolicyInformation(new ASN1ObjectIdentifier(oids[i]));
        }
        return new CertificatePolicies(information);
    }

    private final TestPki.Issued root = TestPki.rootCa("Policy Root");
    private final TestPki.Issued ca = TestPki.certificate("Policy CA").ca().issuedBy(root)
        .extension(Extension.certificatePolicies, false, policies(SMART_CARD, SOFTWARE)).build();

    private TestPki.Issued user(String name, String... oids) {
        final TestPki.Builder builder = TestPki.certificate(name).xmppAddr(name + "@localhost").issuedBy(ca);
        return (oids.length == 0 ? builder : builder.extension(Extension.certificatePolicies, false, policies(oids))).build();
    }

    private static Verdict verify(PathPolicies policies, TestPki.Issued user, TestPki.Issued root) {
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(root.certificate())).domains(Set.of("localhost"))
            .revocationMode(RevocationMode.OFF).pathPolicies(policies).build();
        try (RevocationService revocation = new RevocationService()) {
            return new CertificateVerifier(policy, revocation, Clock.systemUTC()).verifyChain(user.chainWithoutRoot());
        }
    }

    private static PathPolicies requiring(String setting) {
        return new PathPolicies(RequiredPolicies.parse(setting), false, false);
    }

    @Test
    void aCertificateUnderTheRequiredPolicyIsAccepted() {
        // Execute
        final Verdict verdict = verify(requiring(SMART_CARD), user("alice", SMART_CARD), root);
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void aCertificateUnderAnotherPolicyIsRefused() {
        // Execute
        final Verdict verdict = verify(requiring(SMART_CARD), user("bob", SOFTWARE), root);
        // Verify
        assertEquals(FailureReason.POLICY_NOT_ACCEPTED, verdict.reason(), verdict::toString);
    }

    @Test
    void aCertificateWithoutPoliciesIsRefusedWhenOneIsRequiredAndAcceptedOtherwise() {
        // Setup
        final TestPki.Issued carol = user("carol");
        // Execute
        final Verdict required = verify(requiring("anyPolicy"), carol, root);
        final Verdict byDefault = verify(PathPolicies.DEFAULTS, carol, root);
        // Verify
        assertEquals(FailureReason.POLICY_NOT_ACCEPTED, required.reason(), required::toString);
        assertTrue(byDefault.isSuccess(), byDefault::toString);
    }

    @Test
    void theSettingAcceptsOidsAndAnyPolicyAndNamesWhatItRefuses() {
        // Execute
        final Set<String> parsed = RequiredPolicies.parse(" " + SMART_CARD + ", anyPolicy ,");
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> RequiredPolicies.parse("piv, 1.2.x"));
        // Verify
        assertEquals(Set.of(SMART_CARD, PathPolicies.ANY_POLICY), parsed);
        assertTrue(refused.getMessage().contains("'piv'") && refused.getMessage().contains("'1.2.x'"), refused.getMessage());
        assertEquals(Set.of(), RequiredPolicies.parse(""));
    }
}
