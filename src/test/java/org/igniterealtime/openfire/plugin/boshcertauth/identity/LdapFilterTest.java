package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** RFC 4515 escaping of hostile certificate values in LDAP filters (issue 19). */
class LdapFilterTest {

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
        "alice@corp.example.com#alice@corp.example.com",
        "*#\\2a",
        "*)(uid=*#\\2a\\29\\28uid=\\2a",
        "a\\b#a\\5cb",
        "x)(|(sAMAccountName=*)#x\\29\\28|\\28sAMAccountName=\\2a\\29",
        "jürgen#j\\c3\\bcrgen"})
    void specialAndNonAsciiOctetsAreEscaped(String value, String expected) {
        // Execute
        final String escaped = LdapFilter.escape(value);

        // Verify
        assertEquals(expected, escaped);
    }

    @Test
    void nulAndControlCharactersAreEscaped() {
        // Execute
        final String escaped = LdapFilter.escape("a\u0000b\nc");

        // Verify
        assertEquals("a\\00b\\0ac", escaped);
    }

    @Test
    void binaryValuesAreEscapedOctetByOctet() {
        // Execute
        final String filter = LdapFilter.equality("userCertificate", new byte[] {0x30, (byte) 0x82, 0x2a, 0x00});

        // Verify
        assertEquals("(userCertificate=\\30\\82\\2a\\00)", filter);
    }

    @Test
    void assertionsAreOredAndEachValueEscaped() {
        // Setup
        final DirectoryQuery query = new DirectoryQuery(java.util.List.of(
            DirectoryQuery.Assertion.text("altSecurityIdentities", "X509:<I>DC=com,CN=CA<S>CN=a\\2a"),
            DirectoryQuery.Assertion.text("mail", "*")));

        // Execute
        final String filter = query.ldapFilter();

        // Verify
        assertEquals("(|(altSecurityIdentities=X509:<I>DC=com,CN=CA<S>CN=a\\5c2a)(mail=\\2a))", filter);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mail)(uid", "", "1mail", "mail=x", "user Principal", "a;", "*"})
    void attributeNamesOutsideRfc4512AreRefused(String attribute) {
        // Verify
        assertFalse(LdapFilter.isAttributeDescription(attribute));
        assertThrows(IllegalArgumentException.class, () -> LdapFilter.equality(attribute, "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"userPrincipalName", "mail", "userCertificate;binary", "2.5.4.3", "x-custom-attr"})
    void attributeNamesAndOidsAreAccepted(String attribute) {
        // Verify
        assertEquals("(" + attribute + "=v)", LdapFilter.equality(attribute, "v"));
    }
}
