package org.igniterealtime.openfire.plugin.boshcertauth.config;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.SettingsValidator;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.CertificateBinding;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IssuerNamePins;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.jivesoftware.util.JiveGlobals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** boshcertauth.identity.directory.issuer-name-cas from the settings to the policy, and on the admin page (review M6). */
class IssuerNameCasSettingTest {

    private static final X509Certificate CA = TestPki.rootCa("Pin Setting CA").certificate();
    private static final String KEY = Settings.DIRECTORY_ISSUER_NAME_CAS.getKey();

    @AfterEach
    void clean() {
        JiveGlobals.deleteProperty(KEY);
        JiveGlobals.deleteProperty(Settings.DIRECTORY_ATTRIBUTES.getKey());
    }

    private static PluginConfiguration load() {
        JiveGlobals.setProperty(Settings.DIRECTORY_ATTRIBUTES.getKey(), "certificate=altSecurityIdentities");
        return new ConfigurationLoader(() -> Set.of(CA), () -> Set.of("localhost")).load();
    }

    @Test
    void byDefaultTheTruststoreIsPinned() {
        // Execute
        final PluginConfiguration config = load();

        // Verify
        assertEquals(IssuerNamePins.TRUSTSTORE, config.policy().directoryMapping().issuerNamePins());
    }

    @Test
    void listedFingerprintsAreTheOnlyPins() throws Exception {
        // Setup
        JiveGlobals.setProperty(KEY, "sha256:" + CertificateBinding.sha256(CA));

        // Execute
        final IssuerNamePins pins = load().policy().directoryMapping().issuerNamePins();

        // Verify
        assertEquals(Set.of(CertificateBinding.sha256(CA)), pins.sha256());
        assertFalse(pins.truststore());
    }

    @Test
    void anInvalidListPinsNothingAndSaysSo() {
        // Setup: falling back to the truststore could widen what the list was meant to narrow
        JiveGlobals.setProperty(KEY, "CN=Corp Issuing CA");

        // Execute
        final PluginConfiguration config = load();

        // Verify
        assertEquals(IssuerNamePins.NONE, config.policy().directoryMapping().issuerNamePins());
        assertTrue(config.warnings().stream().anyMatch(w -> w.startsWith(KEY + " is invalid")), config.warnings()::toString);
    }

    @Test
    void thePageRefusesAnInvalidListAndAcceptsAValidOne() throws Exception {
        // Setup
        final SettingsValidator validator = new SettingsValidator(Set.of("localhost"));
        final String valid = "sha256:" + CertificateBinding.sha256(CA);

        // Execute
        final SettingsValidator.Result bad = validator.validate(key -> key.equals(KEY) ? "sha256:12" : null);
        final SettingsValidator.Result good = validator.validate(key -> key.equals(KEY) ? valid : null);

        // Verify
        assertTrue(bad.errors().containsKey(KEY), bad.errors()::toString);
        assertFalse(good.errors().containsKey(KEY), good.errors()::toString);
    }
}
