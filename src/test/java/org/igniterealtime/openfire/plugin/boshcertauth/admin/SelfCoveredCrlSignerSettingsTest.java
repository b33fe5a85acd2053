package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code boshcertauth.revocation.crl.self-covered-signer} on the settings form (issue 14): a typed boolean, off by
 * default, validated like every checkbox before anything is written.
 */
class SelfCoveredCrlSignerSettingsTest {

    private static final String KEY = Settings.SELF_COVERED_CRL_SIGNER.getKey();

    /** The form with only this field posted ({@code null}: an unchecked box, which browsers do not post). */
    private static SettingsValidator.Result submit(String value) {
        return new SettingsValidator(Set.of("localhost")).validate(name -> name.equals(KEY) ? value : null);
    }

    @Test
    void itIsABooleanOffByDefault() {
        // Verify
        assertEquals(Boolean.FALSE, Settings.SELF_COVERED_CRL_SIGNER.getDefaultValue());
        assertTrue(Settings.ALL.contains(Settings.SELF_COVERED_CRL_SIGNER));
        assertEquals(AdminField.Kind.BOOLEAN, AdminField.named(KEY).kind());
    }

    @Test
    void aCheckedBoxTurnsItOnAndAnUncheckedOneOff() {
        // Execute
        final SettingsValidator.Result checked = submit("true");
        final SettingsValidator.Result unchecked = submit(null);
        // Verify
        assertEquals("true", checked.values().get(KEY));
        assertEquals("false", unchecked.values().get(KEY));
        assertFalse(checked.errors().containsKey(KEY) || unchecked.errors().containsKey(KEY));
    }

    @Test
    void anythingElseIsRefused() {
        // Execute
        final SettingsValidator.Result result = submit("maybe");
        // Verify
        assertEquals(1, result.errors().get(KEY).size(), result.errors()::toString);
        assertEquals("error.boolean", result.errors().get(KEY).get(0).key());
    }
}
