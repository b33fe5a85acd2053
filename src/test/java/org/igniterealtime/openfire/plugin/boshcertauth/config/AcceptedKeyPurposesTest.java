package org.igniterealtime.openfire.plugin.boshcertauth.config;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.ExtendedKeyUsageRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** boshcertauth.certificate.accepted-ekus: names and dotted OIDs. */
class AcceptedKeyPurposesTest {

    @Test
    void namesAndOidsAreAccepted() {
        assertEquals(Set.of(ExtendedKeyUsageRule.CLIENT_AUTH, ExtendedKeyUsageRule.SMARTCARD_LOGON, ExtendedKeyUsageRule.ANY_EXTENDED_KEY_USAGE,
                "1.3.6.1.5.5.7.3.4"),
            AcceptedKeyPurposes.parse(" clientAuth,SMARTCARDLOGON , anyExtendedKeyUsage, 1.3.6.1.5.5.7.3.4"));
    }

    @Test
    void theDefaultIsTodaysRule() {
        assertEquals(ExtendedKeyUsageRule.DEFAULT_ACCEPTED, AcceptedKeyPurposes.parse(Settings.ACCEPTED_EKUS.getDefaultValue()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " , ", "serverAuth", "clientAuth, smartcard", "1.3.6.1..2", "3.1.2", "1", "1.3.6.1.01", "clientAuth;smartcardLogon"})
    void anythingElseIsRejected(String setting) {
        assertThrows(IllegalArgumentException.class, () -> AcceptedKeyPurposes.parse(setting));
    }

    @Test
    void theErrorNamesTheEntry() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AcceptedKeyPurposes.parse("clientAuth, smartcard"));
        assertTrue(e.getMessage().contains("'smartcard'"), e::getMessage);
    }
}
