package org.igniterealtime.openfire.plugin.boshcertauth.certificate;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.AlgorithmFloorRule;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.CertificateRule;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.ChainLengthRule;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.ExtendedKeyUsageRule;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.KeyUsageRule;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.LeafNotCaRule;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.PkixPathRule;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.SelfSignedLeafRule;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.StrictProfileRule;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.TrustAnchorRule;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.ValidityRule;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.WellFormedRule;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which chain rules a policy composes, and in which order (Bouncy Castle's cert.path style: the caller composes). */
class CertificatePolicyChainRulesTest {

    private static RevocationService revocation;

    @BeforeAll
    static void createRevocation() {
        revocation = new RevocationService();
    }

    @AfterAll
    static void closeRevocation() {
        revocation.close();
    }

    private static List<Class<?>> rulesOf(UnaryOperator<CertificatePolicy.Builder> settings) {
        return settings.apply(CertificatePolicy.builder()).build().chainRules(revocation).stream()
            .<Class<?>>map(CertificateRule::getClass).toList();
    }

    @Test
    void strictDefaultsRunEveryRuleInOrder() {
        // Execute
        final List<Class<?>> rules = rulesOf(b -> b);
        // Verify
        assertEquals(List.of(ChainLengthRule.class, WellFormedRule.class, ValidityRule.class, TrustAnchorRule.class, LeafNotCaRule.class,
            KeyUsageRule.class, ExtendedKeyUsageRule.class, AlgorithmFloorRule.class, SelfSignedLeafRule.class,
            PkixPathRule.class), rules);
    }

    @Test
    void everyLooseningLeavesItsRuleOut() {
        // Execute
        final List<Class<?>> rules = rulesOf(b -> b.verifyValidity(false).requireDigitalSignature(false)
            .requireClientAuthEku(false).acceptSelfSigned(true).verifyChain(false));
        // Verify: what stays applies to every chain
        assertEquals(List.of(ChainLengthRule.class, WellFormedRule.class, LeafNotCaRule.class, AlgorithmFloorRule.class), rules);
    }

    @Test
    void eachLooseningRemovesOnlyItsOwnRule() {
        assertEquals(without(ValidityRule.class), rulesOf(b -> b.verifyValidity(false)));
        assertEquals(without(KeyUsageRule.class), rulesOf(b -> b.requireDigitalSignature(false)));
        assertEquals(without(ExtendedKeyUsageRule.class), rulesOf(b -> b.requireClientAuthEku(false)));
        assertEquals(without(SelfSignedLeafRule.class), rulesOf(b -> b.acceptSelfSigned(true)));
        // verifyChain off: neither the path nor the anchor it would end at is checked
        assertEquals(without(TrustAnchorRule.class, PkixPathRule.class), rulesOf(b -> b.verifyChain(false)));
    }

    @Test
    void strictProfileAddsItsRuleAfterTheTrustAnchor() {
        // Execute
        final List<Class<?>> rules = new ArrayList<>(rulesOf(b -> b.strictProfile(true)));
        // Verify
        assertEquals(rulesOf(b -> b).indexOf(TrustAnchorRule.class) + 1, rules.indexOf(StrictProfileRule.class));
        assertTrue(rules.remove(StrictProfileRule.class));
        assertEquals(rulesOf(b -> b), rules);
    }

    @Test
    void settingsThatTuneARuleKeepIt() {
        assertEquals(rulesOf(b -> b), rulesOf(b -> b.verifyRoot(false).allowSha1Signatures(true).minRsaKeyBits(1024)
            .maxChainLength(2).revocationMode(RevocationMode.OFF)));
    }

    private static List<Class<?>> without(Class<?>... left) {
        final List<Class<?>> rules = new ArrayList<>(rulesOf(b -> b));
        for (Class<?> rule : left) {
            assertTrue(rules.remove(rule));
        }
        return rules;
    }
}
