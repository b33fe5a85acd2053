package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.MutableClock;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Test a certificate": every candidate of every source with its mapping and account (issue 19). */
class CandidateExplanationTest {

    private static TestPki.Issued root;
    private static RevocationService revocation;

    @BeforeAll
    static void createPki() {
        root = TestPki.rootCa("Explain Root");
        revocation = new RevocationService();
    }

    @AfterAll
    static void close() {
        revocation.close();
    }

    @Test
    void everySourceIsShownWithItsMappingAndAccount() {
        // Setup: UPN looked up in a directory that knows it as alice; e-mail mapped by domain; no CN source value
        final UserDirectory directory = new UserDirectory() {
            @Override
            public List<String> usernames(DirectoryQuery query, int limit) {
                return query.ldapFilter().equals("(userPrincipalName=a.example@corp.example.com)") ? List.of("alice") : List.of();
            }

            @Override
            public String describe() {
                return "test directory";
            }
        };
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(root.certificate())).domains(Set.of("example.com"))
            .revocationMode(RevocationMode.OFF)
            .identitySources(List.of(IdentitySource.XMPP_ADDR, IdentitySource.UPN, IdentitySource.EMAIL))
            .directoryMapping(DirectoryMapping.parse("upn=userPrincipalName", Duration.ofSeconds(1), Duration.ofMinutes(1))).build();
        final TestPki.Issued certificate = TestPki.certificate("Alice").upn("a.example@corp.example.com").email("al@example.com")
            .issuedBy(root).build();

        try (DirectoryLookups lookups = new DirectoryLookups(directory, MutableClock.now())) {
            // Execute
            final List<CandidateExplanation> rows = new CertificateVerifier(policy, revocation, MutableClock.now(), Optional.of(lookups))
                .explainIdentities(certificate.chainWithoutRoot());

            // Verify: xmppAddr (none), upn via the directory, email by domain
            assertEquals(List.of(IdentitySource.XMPP_ADDR, IdentitySource.UPN, IdentitySource.EMAIL), rows.stream().map(CandidateExplanation::source).toList());
            assertEquals("", rows.get(0).value());
            assertEquals("directory: userPrincipalName", rows.get(1).mapping());
            assertEquals(List.of(new JID("alice@example.com")), rows.get(1).users());
            assertEquals("by domain", rows.get(2).mapping());
            assertEquals(List.of(new JID("al@example.com")), rows.get(2).users());
        }
    }

    @Test
    void anUnavailableDirectoryIsANoteNotAnError() {
        // Setup: directory mapping configured, no directory at all
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(root.certificate())).domains(Set.of("example.com"))
            .revocationMode(RevocationMode.OFF).identitySources(List.of(IdentitySource.UPN))
            .directoryMapping(DirectoryMapping.parse("upn=userPrincipalName", Duration.ofSeconds(1), Duration.ofMinutes(1))).build();

        // Execute
        final List<CandidateExplanation> rows = new CertificateVerifier(policy, revocation, MutableClock.now())
            .explainIdentities(TestPki.certificate("Alice").upn("alice@example.com").issuedBy(root).build().chainWithoutRoot());

        // Verify
        assertEquals(1, rows.size());
        assertTrue(rows.get(0).notes().get(0).startsWith("DIRECTORY_UNAVAILABLE"), rows::toString);
    }
}
