package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.OpenfireSaslDriver.Challenge;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.OpenfireSaslDriver.Failed;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.OpenfireSaslDriver.Outcome;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.OpenfireSaslDriver.Success;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.jivesoftware.openfire.http.HttpSession;
import org.jivesoftware.openfire.sasl.Failure;
import org.jivesoftware.openfire.sasl.SaslFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * XEP-0178 end to end: our factory creates the EXTERNAL server for a BOSH session (Openfire's {@code HttpSession},
 * mocked, created with a real test-PKI chain), the real {@code CertificateVerifier} judges it, and Openfire's handling
 * of {@code <auth/>}/{@code <response/>} is played by {@link OpenfireSaslDriver}.
 */
class ExternalMatrixTest {

    /** How the client gives (or does not give) an authorization identity. */
    enum Authzid {
        /** Strophe.js: {@code <auth mechanism='EXTERNAL'/>}, then an empty {@code <response/>} to the empty challenge. */
        ABSENT(null),
        /** {@code <auth mechanism='EXTERNAL'>=</auth>}: an empty initial response. */
        EQUALS(null),
        MATCHING_ALICE("alice@localhost"),
        MATCHING_BOB("bob@localhost"),
        OTHER("mallory@localhost"),
        /** Converse.js configured with only a domain sends it as authzid: base64 "bG9jYWxob3N0". */
        DOMAIN_ONLY("localhost");

        final String value;

        Authzid(String value) {
            this.value = value;
        }
    }

    private SaslTestBed bed;

    @BeforeEach
    void setUp() {
        bed = new SaslTestBed(MechanismEnforcement.NONE);
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    static Stream<Arguments> matrix() {
        final TestPki.Issued none = SaslTestBed.NO_XMPPADDR;
        final TestPki.Issued one = SaslTestBed.ALICE;
        final TestPki.Issued many = SaslTestBed.ALICE_AND_BOB;
        return Stream.of(
            // 0 xmppAddr: nobody to log in as, whatever is asked for
            Arguments.of("0 xmppAddr", none, Authzid.ABSENT, null, FailureReason.NO_IDENTITY),
            Arguments.of("0 xmppAddr", none, Authzid.EQUALS, null, FailureReason.NO_IDENTITY),
            Arguments.of("0 xmppAddr", none, Authzid.MATCHING_ALICE, null, FailureReason.NO_IDENTITY),
            Arguments.of("0 xmppAddr", none, Authzid.OTHER, null, FailureReason.NO_IDENTITY),
            Arguments.of("0 xmppAddr", none, Authzid.DOMAIN_ONLY, null, FailureReason.NO_IDENTITY),
            // 1 xmppAddr: that identity, unless another one is asked for
            Arguments.of("1 xmppAddr", one, Authzid.ABSENT, "alice", null),
            Arguments.of("1 xmppAddr", one, Authzid.EQUALS, "alice", null),
            Arguments.of("1 xmppAddr", one, Authzid.MATCHING_ALICE, "alice", null),
            Arguments.of("1 xmppAddr", one, Authzid.MATCHING_BOB, null, FailureReason.AUTHZID_MISMATCH),
            Arguments.of("1 xmppAddr", one, Authzid.OTHER, null, FailureReason.AUTHZID_MISMATCH),
            Arguments.of("1 xmppAddr", one, Authzid.DOMAIN_ONLY, "alice", null),
            // many xmppAddr: the client must say which
            Arguments.of("2 xmppAddr", many, Authzid.ABSENT, null, FailureReason.AMBIGUOUS_IDENTITY),
            Arguments.of("2 xmppAddr", many, Authzid.EQUALS, null, FailureReason.AMBIGUOUS_IDENTITY),
            Arguments.of("2 xmppAddr", many, Authzid.MATCHING_ALICE, "alice", null),
            Arguments.of("2 xmppAddr", many, Authzid.MATCHING_BOB, "bob", null),
            Arguments.of("2 xmppAddr", many, Authzid.OTHER, null, FailureReason.AUTHZID_MISMATCH),
            Arguments.of("2 xmppAddr", many, Authzid.DOMAIN_ONLY, null, FailureReason.AMBIGUOUS_IDENTITY));
    }

    @ParameterizedTest(name = "{0} x authzid {2} -> {3}{4}")
    @MethodSource("matrix")
    void xep0178Matrix(String label, TestPki.Issued certificate, Authzid authzid, String expectedUser, FailureReason expectedReason) {
        // Setup
        final HttpSession session = bed.boshSession(certificate.chainWithoutRoot());
        final OpenfireSaslDriver driver = bed.driver(session);

        // Execute
        final Outcome outcome = exchange(driver, authzid);

        // Verify
        final List<LoginAttempt> attempts = bed.recorded();
        assertEquals(1, attempts.size(), "one audit entry per attempt: " + attempts);
        if (expectedUser != null) {
            final Success success = assertInstanceOf(Success.class, outcome, () -> "expected success, got " + outcome);
            assertEquals(expectedUser, success.authorizationId());
            assertEquals("EXTERNAL", success.mechanism());
            assertNull(attempts.get(0).reason());
            assertEquals(expectedUser + "@" + SaslTestBed.DOMAIN, attempts.get(0).jid());
        } else {
            final Failed failed = assertInstanceOf(Failed.class, outcome, () -> "expected failure, got " + outcome);
            assertInstanceOf(SaslFailureException.class, failed.exception());
            assertEquals(SaslFailures.failure(expectedReason), failed.failure());
            assertEquals(expectedReason, attempts.get(0).reason());
        }
    }

    /** The conditions of the matrix, spelled out: failures must reach the client with these exact conditions. */
    @Test
    void matrixReasonsMapToTheXep0178Conditions() {
        // Setup / Execute / Verify
        assertEquals(Failure.NOT_AUTHORIZED, SaslFailures.failure(FailureReason.NO_IDENTITY));
        assertEquals(Failure.INVALID_AUTHZID, SaslFailures.failure(FailureReason.AUTHZID_MISMATCH));
        assertEquals(Failure.INVALID_AUTHZID, SaslFailures.failure(FailureReason.AMBIGUOUS_IDENTITY));
        assertEquals(Failure.INVALID_AUTHZID, SaslFailures.failure(FailureReason.INVALID_AUTHZID_FORMAT));
        assertEquals(Failure.CREDENTIALS_EXPIRED, SaslFailures.failure(FailureReason.EXPIRED));
        assertEquals(Failure.TEMPORARY_AUTH_FAILURE, SaslFailures.failure(FailureReason.REVOCATION_UNKNOWN));
        assertEquals(Failure.ACCOUNT_DISABLED, SaslFailures.failure(FailureReason.ACCOUNT_DISABLED));
        assertEquals(Failure.NOT_AUTHORIZED, SaslFailures.failure(FailureReason.UNKNOWN_USER));
        assertEquals(Failure.INVALID_MECHANISM, SaslFailures.failure(FailureReason.MECHANISM_NOT_ALLOWED));
    }

    @Test
    void converseDomainAuthzidIsSentAsBase64OfTheDomain() {
        // Setup
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        final OpenfireSaslDriver driver = bed.driver(session);

        // Execute
        final Outcome outcome = driver.auth("EXTERNAL", "bG9jYWxob3N0");

        // Verify
        assertEquals("alice", assertInstanceOf(Success.class, outcome).authorizationId());
    }

    @Test
    void authzidWithResourceOrOtherCaseIsComparedAsPreparedBareJid() {
        // Setup
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());

        // Execute
        final Outcome withResource = bed.driver(session).authWithAuthzid("EXTERNAL", "alice@localhost/converse.js-1234");
        final Outcome upperCase = bed.driver(session).authWithAuthzid("EXTERNAL", "Alice@LOCALHOST");

        // Verify
        assertEquals("alice", assertInstanceOf(Success.class, withResource).authorizationId());
        assertEquals("alice", assertInstanceOf(Success.class, upperCase).authorizationId());
    }

    @Test
    void authzidInAForeignDomainIsNotAuthorized() {
        // Setup
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());

        // Execute
        final Outcome outcome = bed.driver(session).authWithAuthzid("EXTERNAL", "alice@example.org");

        // Verify
        assertFailure(outcome, Failure.NOT_AUTHORIZED, FailureReason.FOREIGN_DOMAIN);
    }

    @Test
    void expiredCertificateIsCredentialsExpired() {
        // Setup
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE_EXPIRED.chainWithoutRoot());

        // Execute
        final Outcome outcome = bed.driver(session).auth("EXTERNAL", "=");

        // Verify
        assertFailure(outcome, Failure.CREDENTIALS_EXPIRED, FailureReason.EXPIRED);
    }

    @Test
    void untrustedCertificateIsNotAuthorized() {
        // Setup
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE_UNTRUSTED.chainWithoutRoot());

        // Execute
        final Outcome outcome = bed.driver(session).auth("EXTERNAL", "=");

        // Verify
        assertFailure(outcome, Failure.NOT_AUTHORIZED, FailureReason.UNTRUSTED);
    }

    @Test
    void undeterminableRevocationStatusInHardFailModeIsTemporaryAuthFailure() {
        // Setup: the certificate names no OCSP responder and no CRL, so its status cannot be known
        bed.configure(MechanismEnforcement.NONE, RevocationMode.HARD_FAIL);
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());

        // Execute
        final Outcome outcome = bed.driver(session).auth("EXTERNAL", "=");

        // Verify
        assertFailure(outcome, Failure.TEMPORARY_AUTH_FAILURE, FailureReason.REVOCATION_UNKNOWN);
    }

    @Test
    void unknownUserIsNotAuthorized() {
        // Setup
        final HttpSession session = bed.boshSession(SaslTestBed.DAVE_UNKNOWN.chainWithoutRoot());

        // Execute
        final Outcome outcome = bed.driver(session).auth("EXTERNAL", "=");

        // Verify
        assertFailure(outcome, Failure.NOT_AUTHORIZED, FailureReason.UNKNOWN_USER);
        assertEquals("dave@localhost", bed.recorded().get(0).jid());
    }

    @Test
    void lockedOutAccountIsAccountDisabled() {
        // Setup
        final HttpSession session = bed.boshSession(SaslTestBed.LOCKED.chainWithoutRoot());

        // Execute
        final Outcome outcome = bed.driver(session).auth("EXTERNAL", "=");

        // Verify: refused, and the attempt counted as Openfire counts attempts on locked-out accounts
        assertFailure(outcome, Failure.ACCOUNT_DISABLED, FailureReason.ACCOUNT_DISABLED);
        org.mockito.Mockito.verify(bed.lockOutManager).recordFailedLogin("locked");
    }

    @Test
    void sessionCreatedWithoutCertificateIsNotAuthorized() {
        // Setup
        final HttpSession withoutChain = bed.boshSession(null);
        final HttpSession withEmptyChain = bed.boshSession(List.of());

        // Execute
        final Outcome outcome = bed.driver(withoutChain).auth("EXTERNAL", "=");
        final Outcome withAuthzid = bed.driver(withEmptyChain).authWithAuthzid("EXTERNAL", "alice@localhost");

        // Verify
        assertEquals(Failure.NOT_AUTHORIZED, assertInstanceOf(Failed.class, outcome).failure());
        assertEquals(Failure.NOT_AUTHORIZED, assertInstanceOf(Failed.class, withAuthzid).failure());
        // Both refusals are identical (same peer and reason, no certificate): one entry counts both (AuditTrail folding)
        assertEquals(List.of(FailureReason.NO_CERTIFICATE), bed.recorded().stream().map(LoginAttempt::reason).toList());
        assertEquals(2, bed.recorded().get(0).count());
        assertEquals("the BOSH session was created without a client certificate", bed.recorded().get(0).detail());
    }

    @Test
    void unencryptedSessionIsRefused() {
        // Setup
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot(), false);

        // Execute
        final Outcome outcome = bed.driver(session).auth("EXTERNAL", "=");

        // Verify
        assertFailure(outcome, Failure.ENCRYPTION_REQUIRED, FailureReason.NOT_ENCRYPTED);
    }

    @Test
    void authzidThatIsNotUtf8IsInvalidAuthzid() {
        // Setup: 0xC3 0x28 is an invalid two-byte sequence
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        final byte[] invalid = { 'a', 'l', (byte) 0xC3, (byte) 0x28, '@', 'l', 'o', 'c', 'a', 'l', 'h', 'o', 's', 't' };

        // Execute
        final Outcome outcome = bed.driver(session).auth("EXTERNAL", OpenfireSaslDriver.base64(invalid));

        // Verify
        assertFailure(outcome, Failure.INVALID_AUTHZID, FailureReason.INVALID_AUTHZID_FORMAT);
        assertEquals("authorization identity is not UTF-8", bed.recorded().get(0).detail());
    }

    @Test
    void authzidWithNulIsInvalidAuthzid() {
        // Setup: "alice@localhost\0bob@localhost" must not be read as either
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE_AND_BOB.chainWithoutRoot());

        // Execute
        final Outcome outcome = bed.driver(session).authWithAuthzid("EXTERNAL", "alice@localhost\u0000bob@localhost");

        // Verify: refused by the SASL layer itself, before any JID parsing
        assertFailure(outcome, Failure.INVALID_AUTHZID, FailureReason.INVALID_AUTHZID_FORMAT);
        assertEquals("authorization identity contains NUL", bed.recorded().get(0).detail());
    }

    @Test
    void authzidLongerThan3071BytesIsInvalidAuthzid() {
        // Setup
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        final byte[] tooLong = new byte[3072];
        Arrays.fill(tooLong, (byte) 'a');

        // Execute
        final Outcome outcome = bed.driver(session).auth("EXTERNAL", OpenfireSaslDriver.base64(tooLong));

        // Verify: refused by the length limit itself, before any decoding or JID parsing
        assertFailure(outcome, Failure.INVALID_AUTHZID, FailureReason.INVALID_AUTHZID_FORMAT);
        assertEquals("authorization identity longer than 3071 bytes", bed.recorded().get(0).detail());
    }

    @Test
    void authzidOfExactly3071BytesIsJudgedAsAJid() {
        // Setup: at the limit the authzid is parsed (and here is simply not a JID the certificate names)
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());
        final String node = "a".repeat(3071 - "@localhost".length());
        final byte[] atLimit = (node + "@localhost").getBytes(StandardCharsets.UTF_8);
        assertEquals(3071, atLimit.length);

        // Execute
        final Outcome outcome = bed.driver(session).auth("EXTERNAL", OpenfireSaslDriver.base64(atLimit));

        // Verify: a node over 1023 bytes is no valid JID: INVALID_AUTHZID_FORMAT from the JID check, not the length check
        final Failed failed = assertInstanceOf(Failed.class, outcome);
        assertEquals(Failure.INVALID_AUTHZID, failed.failure());
        assertEquals(FailureReason.INVALID_AUTHZID_FORMAT, bed.recorded().get(0).reason());
        assertEquals(false, failed.exception().getMessage().contains("longer than"), failed.exception().getMessage());
    }

    @Test
    void authzidThatIsNoJidIsInvalidAuthzid() {
        // Setup
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());

        // Execute
        final Outcome outcome = bed.driver(session).authWithAuthzid("EXTERNAL", "alice@@local host");

        // Verify
        assertFailure(outcome, Failure.INVALID_AUTHZID, FailureReason.INVALID_AUTHZID_FORMAT);
    }

    private Outcome exchange(OpenfireSaslDriver driver, Authzid authzid) {
        return switch (authzid) {
            case ABSENT -> {
                final Outcome first = driver.auth("EXTERNAL", "");
                assertArrayEquals(new byte[0], assertInstanceOf(Challenge.class, first).data());
                yield driver.response("");
            }
            case EQUALS -> driver.auth("EXTERNAL", "=");
            default -> driver.authWithAuthzid("EXTERNAL", authzid.value);
        };
    }

    private void assertFailure(Outcome outcome, Failure failure, FailureReason reason) {
        final Failed failed = assertInstanceOf(Failed.class, outcome, () -> "expected failure, got " + outcome);
        assertInstanceOf(SaslFailureException.class, failed.exception());
        assertEquals(failure, failed.failure());
        final List<LoginAttempt> attempts = bed.recorded();
        assertEquals(1, attempts.size(), attempts::toString);
        assertEquals(reason, attempts.get(0).reason());
    }
}
