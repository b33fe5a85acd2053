package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestRuntimes;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one rule both transports use to offer EXTERNAL alone. */
class ExternalOnlyOfferTest {

    private static final TestPki.Issued ROOT = TestPki.rootCa("Offer Test Root");
    private static final TestPki.Issued ALICE = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(ROOT).build();
    private static final TestPki.Issued NOBODY = TestPki.certificate("nobody").email("nobody@example.org").issuedBy(ROOT).build();

    private static PluginRuntime runtime(MechanismOffer offer) {
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(ROOT.certificate())).domains(Set.of("localhost"))
            .revocationMode(RevocationMode.OFF).build();
        return TestRuntimes.runtime(TestRuntimes.configuration(policy, offer, MechanismEnforcement.CERTIFICATE_IDENTITY, true, null),
            new RevocationService(), Clock.systemUTC());
    }

    @Test
    void aCertificateNamingAUserIsOfferedExternalAlone() {
        // Execute / Verify
        assertTrue(ExternalOnlyOffer.applies(runtime(MechanismOffer.EXTERNAL_ONLY), List.of(ALICE.certificate())));
    }

    @Test
    void aCertificateNamingNobodyKeepsThePasswordMechanisms() {
        // Execute / Verify
        assertFalse(ExternalOnlyOffer.applies(runtime(MechanismOffer.EXTERNAL_ONLY), List.of(NOBODY.certificate())));
    }

    @Test
    void offerAllNeverNarrows() {
        // Execute / Verify
        assertFalse(ExternalOnlyOffer.applies(runtime(MechanismOffer.ALL), List.of(ALICE.certificate())));
        assertFalse(ExternalOnlyOffer.applies(runtime(MechanismOffer.EXTERNAL_ONLY), List.of()));
    }
}
