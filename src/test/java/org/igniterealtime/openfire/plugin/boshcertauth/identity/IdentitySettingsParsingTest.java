package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The identity settings' parsers: sources, subject-dn pattern, domain aliases; and the DN's canonical form. */
class IdentitySettingsParsingTest {

    // --- boshcertauth.identity.sources

    @Test
    void sourcesKeepTheAdministratorsOrder() {
        assertEquals(List.of(IdentitySource.UPN, IdentitySource.XMPP_ADDR, IdentitySource.SUBJECT_DN, IdentitySource.EMAIL, IdentitySource.COMMON_NAME),
            IdentitySource.parseList(" upn, XMPPADDR ,subject-dn,Email,cn "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "xmppAddr, upnn      | unknown identity source 'upnn'",
        "upn, email, upn     | listed twice",
        "' , '               | no identity source",
        "xmppAddr;upn        | unknown identity source 'xmppAddr;upn'"})
    void invalidSourcesAreRejectedWithTheReason(String setting, String reason) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdentitySource.parseList(setting));
        assertTrue(e.getMessage().contains(reason), e::getMessage);
    }

    // --- boshcertauth.identity.subject-dn.pattern

    @Test
    void patternWithOneGroupExtractsIt() {
        // Setup
        final SubjectDnPattern pattern = SubjectDnPattern.compile("^CN=(\\w+)");

        // Execute + Verify
        assertEquals(Optional.of("alice"), pattern.extract("CN=alice,OU=Staff,DC=example,DC=com"));
        assertEquals(Optional.empty(), pattern.extract("OU=Staff,CN=alice"));
    }

    @Test
    void nonCapturingGroupsDoNotCount() {
        assertEquals(Optional.of("bob"), SubjectDnPattern.compile("(?:CN|UID)=(\\w+)").extract("UID=bob,DC=example"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CN=\\w+                  | exactly one capture group, it has 0",
        "CN=(\\w+),OU=(\\w+)      | exactly one capture group, it has 2",
        "CN=(\\w+                 | does not compile",
        "'   '                    | empty"})
    void invalidPatternsAreRejectedWithTheReason(String regex, String reason) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SubjectDnPattern.compile(regex));
        assertTrue(e.getMessage().contains(reason), e::getMessage);
    }

    @Test
    void overlongPatternIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> SubjectDnPattern.compile("(" + "a".repeat(600) + ")"));
    }

    @Test
    void catastrophicBacktrackingIsStopped() {
        // Setup: an admin's pattern that backtracks polynomially (n^6), and a DN (from a certificate) that triggers it
        final SubjectDnPattern pattern = SubjectDnPattern.compile("^CN=(.*a.*a.*a.*a.*a.*a)!");
        final String dn = "CN=" + "a".repeat(40) + ",O=x";

        // Execute + Verify
        assertThrows(SubjectDnPattern.PatternTooCostlyException.class, () -> pattern.extract(dn));
    }

    @Test
    void ordinaryPatternsStayWithinTheBudgetOnLongDns() {
        // Setup: an unanchored pattern over a long DN, the match at the end
        final String dn = "OU=" + "x".repeat(4000) + ",UID=jane";

        // Execute + Verify
        assertEquals(Optional.of("jane"), SubjectDnPattern.compile("UID=([^,+]+)").extract(dn));
    }

    @Test
    void emptyCaptureIsNoValue() {
        assertEquals(Optional.empty(), SubjectDnPattern.compile("CN=(\\w*)").extract("CN=,O=x"));
    }

    // --- the DN's canonical form

    @Test
    void dnIsRfc4514MostSpecificFirstWithUpperCaseNames() {
        // Setup: the JDK encodes DC=com first, as AD CS does
        final TestPki.Issued certificate = TestPki.certificate("x").subject("CN=Alice Example,OU=Staff,DC=corp,DC=example,DC=com").build();

        // Execute + Verify
        assertEquals("CN=Alice Example,OU=Staff,DC=corp,DC=example,DC=com", SubjectDn.rfc4514(certificate.certificate()));
    }

    @Test
    void dnIsTheSameForEveryStringEncoding() {
        assertEquals(SubjectDn.rfc4514(name(new DERPrintableString("alice"))), SubjectDn.rfc4514(name(new DERUTF8String("alice"))));
    }

    @Test
    void specialCharactersInValuesAreEscaped() {
        // Execute: a CN crafted to look like two attributes
        final String dn = SubjectDn.rfc4514(name(new DERUTF8String("eve,CN=admin")));

        // Verify: a pattern anchored on an attribute boundary cannot be fooled
        assertEquals("CN=eve\\,CN\\=admin,O=Test", dn);
        assertEquals(Optional.of("eve\\"), SubjectDnPattern.compile("^CN=([^,+]+)").extract(dn));
    }

    private static org.bouncycastle.asn1.x500.X500Name name(ASN1Encodable commonName) {
        // X500NameBuilder order is DER order: O first, so that RFC 4514 puts CN first
        return new X500NameBuilder().addRDN(BCStyle.O, new DERUTF8String("Test")).addRDN(BCStyle.CN, commonName).build();
    }

    // --- boshcertauth.identity.domain-aliases

    @Test
    void aliasesAreParsedInAsciiLowerCase() {
        // Execute
        final DomainAliases aliases = DomainAliases.parse("Corp.Example.com=example.com, ad.example.com = EXAMPLE.com, münchen.example=example.com");

        // Verify
        assertEquals(Map.of("corp.example.com", "example.com", "ad.example.com", "example.com", "xn--mnchen-3ya.example", "example.com"),
            aliases.asMap());
        assertEquals(Optional.of("example.com"), aliases.target("CORP.example.COM"));
        assertEquals(Optional.empty(), aliases.target("example.com"));
    }

    @Test
    void emptyAliasesAreNone() {
        assertTrue(DomainAliases.parse("  ").isEmpty());
        assertTrue(DomainAliases.parse(null).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"corp.example.com", "corp.example.com=", "=example.com", "a=b=c", "corp example.com=example.com",
        "corp.example.com=example.com/x", "example.com=example.com", "a.example=b.example, a.example=c.example",
        "corp.example.com=example.com, *.example.org=example.com"})
    void invalidAliasesAreRejectedAsAWhole(String setting) {
        assertThrows(IllegalArgumentException.class, () -> DomainAliases.parse(setting));
    }

    @Test
    void aliasErrorsNameTheEntry() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> DomainAliases.parse("corp.example.com=example.com, ad.example.com"));
        assertTrue(e.getMessage().contains("'ad.example.com' is not alias=domain"), e::getMessage);
    }
}
