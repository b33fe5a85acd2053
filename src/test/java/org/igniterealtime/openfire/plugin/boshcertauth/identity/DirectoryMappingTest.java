package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The boshcertauth.identity.directory.attributes setting (issue 19). */
class DirectoryMappingTest {

    private static DirectoryMapping parse(String setting) {
        return DirectoryMapping.parse(setting, Duration.ofSeconds(3), Duration.ofMinutes(5));
    }

    @Test
    void sourcesMapToTheirAttributesInOrder() {
        // Execute
        final DirectoryMapping mapping = parse("upn=userPrincipalName, email=mail, certificate=altSecurityIdentities, certificate=userCertificate");

        // Verify
        assertEquals(List.of("userPrincipalName"), mapping.attributesFor(IdentitySource.UPN));
        assertEquals(List.of("altSecurityIdentities", "userCertificate"), mapping.attributesFor(IdentitySource.CERTIFICATE));
        assertEquals(List.of(), mapping.attributesFor(IdentitySource.COMMON_NAME));
        assertEquals("upn=userPrincipalName, email=mail, certificate=altSecurityIdentities, certificate=userCertificate", mapping.format());
    }

    @Test
    void emptyMeansNoLookups() {
        // Verify
        assertTrue(parse("  ").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"xmppAddr=jid", "upn", "upn=", "=mail", "nosuch=mail", "email=ma(il", "email=mail, email=MAIL"})
    void badEntriesAreRefused(String setting) {
        // Verify
        assertThrows(IllegalArgumentException.class, () -> parse(setting));
    }
}
