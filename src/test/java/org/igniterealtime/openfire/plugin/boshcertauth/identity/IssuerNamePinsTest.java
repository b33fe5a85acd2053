package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.MutableClock;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code boshcertauth.identity.directory.issuer-name-cas} (review M6): its syntax, and the {@code issuer-DN;serial}
 * binding of Openfire's default user store (a user property), which names the issuing CA by name like AD's
 * {@code <I><SR>} and so counts only for a pinned issuing CA, while the SHA-256 thumbprint needs no pin.
 */
class IssuerNamePinsTest {

    private static final String ISSUER_DN = "CN=Corp Issuing CA,O=Corp";
    private static final TestPki.Issued CORP_ROOT = TestPki.rootCa("Corp Root");
    private static final TestPki.Issued CORP_ISSUING = TestPki.certificate("Corp Issuing CA").subject(ISSUER_DN).ca().issuedBy(CORP_ROOT).build();
    private static final TestPki.Issued PUBLIC_ROOT = TestPki.rootCa("Public Root");
    private static final TestPki.Issued IMPOSTOR = TestPki.certificate("Corp Issuing CA").subject(ISSUER_DN).ca().issuedBy(PUBLIC_ROOT).build();
    private static final RevocationService REVOCATION = new RevocationService();

    @AfterAll
    static void close() {
        REVOCATION.close();
    }

    /** Openfire's default user store as a map: property value → user. */
    private record PropertyDirectory(Map<String, String> userByValue) implements UserDirectory {
        @Override
        public List<String> usernames(DirectoryQuery query, int limit) {
            final List<String> users = new ArrayList<>();
            query.anyOf().stream().filter(a -> !a.isBinary()).map(a -> userByValue.get(a.text())).filter(u -> u != null && !users.contains(u))
                .forEach(users::add);
            return users;
        }

        @Override
        public String describe() {
            return "user properties";
        }
    }

    private static Verdict login(Map<String, String> userByValue, String pins, TestPki.Issued certificate) {
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(CORP_ROOT.certificate(), PUBLIC_ROOT.certificate()))
            .domains(Set.of("example.com")).revocationMode(RevocationMode.OFF).identitySources(List.of(IdentitySource.CERTIFICATE))
            .directoryMapping(DirectoryMapping.parse("certificate=x509binding", Duration.ofSeconds(5), Duration.ofMinutes(5))
                .withIssuerNamePins(IssuerNamePins.parse(pins)))
            .build();
        try (DirectoryLookups lookups = new DirectoryLookups(new PropertyDirectory(userByValue), MutableClock.now())) {
            return new CertificateVerifier(policy, REVOCATION, MutableClock.now(), Optional.of(lookups)).authenticate(certificate.chainWithoutRoot(), null);
        }
    }

    private static String pin(TestPki.Issued ca) throws Exception {
        return "sha256:" + CertificateBinding.sha256(ca.certificate());
    }

    @Test
    void issuerAndSerialUserPropertyCountsOnlyForAPinnedIssuingCa() throws Exception {
        // Setup: the property holds issuer;serial of a certificate the corp issuing CA issued
        final BigInteger serial = BigInteger.valueOf(0x4242);
        final TestPki.Issued genuine = TestPki.certificate("Whoever").serial(serial).issuedBy(CORP_ISSUING).build();
        final TestPki.Issued forged = TestPki.certificate("Whoever").serial(serial).issuedBy(IMPOSTOR).build();
        final Map<String, String> directory = Map.of(CertificateBinding.issuerAndSerial(genuine.certificate()), "erin");

        // Execute
        final Verdict pinnedGenuine = login(directory, pin(CORP_ISSUING), genuine);
        final Verdict pinnedForged = login(directory, pin(CORP_ISSUING), forged);
        final Verdict unpinnedGenuine = login(directory, "", genuine);

        // Verify
        assertTrue(pinnedGenuine.isSuccess(), pinnedGenuine::toString);
        assertEquals(new JID("erin@example.com"), pinnedGenuine.jid());
        assertEquals(FailureReason.ISSUER_NOT_PINNED, pinnedForged.reason(), pinnedForged::toString);
        assertEquals(FailureReason.ISSUER_NOT_PINNED, unpinnedGenuine.reason(), unpinnedGenuine::toString);
    }

    @Test
    void thumbprintUserPropertyNeedsNoPin() throws Exception {
        // Setup
        final TestPki.Issued certificate = TestPki.certificate("Whoever").issuedBy(CORP_ISSUING).build();
        final Map<String, String> directory = Map.of(CertificateBinding.sha256(certificate.certificate()), "frank");

        // Execute
        final Verdict verdict = login(directory, "", certificate);

        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
        assertEquals(new JID("frank@example.com"), verdict.jid());
    }

    @Test
    void emptySettingPinsTheTruststoreAndAListOnlyItsEntries() throws Exception {
        // Setup
        final X509Certificate issuing = CORP_ISSUING.certificate();
        final X509Certificate root = CORP_ROOT.certificate();

        // Execute
        final IssuerNamePins empty = IssuerNamePins.parse("  ");
        final IssuerNamePins listed = IssuerNamePins.parse(pin(CORP_ISSUING).toUpperCase().replace("SHA256:", "sha256:"));

        // Verify
        assertEquals(IssuerNamePins.TRUSTSTORE, empty);
        assertTrue(empty.pins(root, Set.of(root)));
        assertFalse(empty.pins(issuing, Set.of(root)));
        assertTrue(listed.pins(issuing, Set.of(root)));
        assertFalse(listed.pins(root, Set.of(root)), "a list replaces the truststore");
        assertFalse(IssuerNamePins.NONE.pins(root, Set.of(root)));
        assertFalse(empty.pins(null, Set.of(root)), "an unknown issuing CA is never pinned");
    }

    @Test
    void fingerprintsMayBeWrittenWithColonsAndSeparatedByCommasSemicolonsOrLines() throws Exception {
        // Setup
        final String a = CertificateBinding.sha256(CORP_ISSUING.certificate());
        final String b = CertificateBinding.sha256(PUBLIC_ROOT.certificate());
        final String colons = String.join(":", a.split("(?<=\\G..)"));

        // Execute
        final IssuerNamePins pins = IssuerNamePins.parse("sha256:" + colons + ";\n SHA256:" + b + ",");

        // Verify
        assertEquals(Set.of(a, b), pins.sha256());
    }

    @Test
    void badEntriesAreNamed() {
        // Execute
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> IssuerNamePins.parse("CN=Corp Issuing CA, sha256:abcd, sha256:" + "a".repeat(64) + ", sha256:" + "A".repeat(64)));

        // Verify: a DN is not a pin (any CA may carry it), a short digest is no digest, and a repeat is a mistake
        assertTrue(e.getMessage().contains("'CN=Corp'"), e.getMessage());
        assertTrue(e.getMessage().contains("'sha256:abcd'"), e.getMessage());
        assertTrue(e.getMessage().contains("listed twice"), e.getMessage());
    }

    @Test
    void onlyAsciiHexDigitsMakeAPin() {
        // Setup (review L2): full-width and Arabic-Indic digits are digits to Character.digit, but a pin made of them
        // could never match a fingerprint, silently
        final String fullWidth = "sha256:" + "\uFF10".repeat(64);
        final String arabicIndic = "sha256:" + "\u0661".repeat(64);

        // Execute
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IssuerNamePins.parse(fullWidth));
        final IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> IssuerNamePins.parse(arabicIndic));

        // Verify
        assertTrue(e.getMessage().contains("64 hex digits"), e.getMessage());
        assertTrue(e2.getMessage().contains("64 hex digits"), e2.getMessage());
    }
}
