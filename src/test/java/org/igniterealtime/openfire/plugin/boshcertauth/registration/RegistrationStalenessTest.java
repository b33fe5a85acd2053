package org.igniterealtime.openfire.plugin.boshcertauth.registration;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.MutableClock;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Review M5 with users Openfire never deletes itself (LDAP/AD): a registration older than the account of its owner's
 * name, or whose account no longer exists, is refused ({@link FailureReason#REGISTRATION_STALE}) and deleted; where the
 * user store keeps no creation date, only the second holds; a user store that cannot answer deletes nothing.
 */
class RegistrationStalenessTest {

    private static final String DOMAIN = "localhost";
    private static final JID ALICE = new JID("alice@localhost/desk");
    private static final Instant START = Instant.now();
    private static TestPki.Issued root;
    private static TestPki.Issued phone;

    private final MutableClock clock = new MutableClock(START);
    /** The user store: name → account; a name mapped to null cannot be looked up now. */
    private final Map<String, Optional<UserAccounts.Account>> accounts = new ConcurrentHashMap<>();
    private InMemoryRegistrationStore store;
    private CertificateVerifier verifier;
    private CertificateManagement management;

    @BeforeAll
    static void pki() {
        root = TestPki.rootCa("XEP-0257 staleness CA");
        phone = TestPki.certificate("alice's phone").issuedBy(root).build();
    }

    @BeforeEach
    void setUp() {
        final UserAccounts userStore = username -> accounts.getOrDefault(username, Optional.of(UserAccounts.Account.MISSING))
            .orElseThrow(() -> new IllegalStateException("directory down (test)"));
        final RegistrationLimits limits = new RegistrationLimits(true, false, 5, Duration.ofDays(398));
        store = new InMemoryRegistrationStore();
        final RegisteredCertificates registry = new RegisteredCertificates(store, () -> limits, () -> DOMAIN, userStore);
        registry.refresh();
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(root.certificate())).domains(Set.of(DOMAIN))
            .revocationMode(RevocationMode.OFF).build();
        verifier = new CertificateVerifier(policy, new RevocationService(), clock, Optional.empty(), registry);
        management = new CertificateManagement(registry, () -> limits, () -> verifier, (sha256, reason, detail) -> 0, () -> DOMAIN,
            clock, userStore);
        accounts.put("alice", Optional.of(UserAccounts.Account.createdAt(START.minus(Duration.ofDays(30)))));
    }

    @Test
    void aRegistrationOlderThanTheAccountIsRefusedAndDeleted() throws Exception {
        // Setup: alice registered her phone; her account is later deleted behind Openfire's back and a new "alice" created
        assertAppended();
        clock.advance(Duration.ofHours(1));
        accounts.put("alice", Optional.of(UserAccounts.Account.createdAt(clock.instant())));
        clock.advance(Duration.ofMinutes(1));

        // Execute
        final Verdict login = verifier.authenticate(List.of(phone.certificate()), null);
        final Verdict again = verifier.authenticate(List.of(phone.certificate()), null);

        // Verify: refused as stale, and the registration is gone (so the next login finds nobody)
        assertEquals(FailureReason.REGISTRATION_STALE, login.reason(), login.toString());
        assertEquals(List.of(), store.of("alice"));
        assertEquals(FailureReason.NO_IDENTITY, again.reason(), again.toString());
    }

    @Test
    void aRegistrationWhoseAccountNoLongerExistsIsRefusedAndDeleted() throws Exception {
        // Setup
        assertAppended();
        accounts.put("alice", Optional.of(UserAccounts.Account.MISSING));

        // Execute
        final Verdict login = verifier.authenticate(List.of(phone.certificate()), null);

        // Verify
        assertEquals(FailureReason.REGISTRATION_STALE, login.reason(), login.toString());
        assertEquals(List.of(), store.of("alice"));
    }

    @Test
    void deletingAStaleRegistrationLeavesAnotherUsersLaterRegistrationOfTheSameCertificate() throws Exception {
        // Setup: this node's snapshot still has alice's row; meanwhile it was revoked elsewhere and bob registered the
        // same certificate (the row this node has not read yet)
        assertAppended();
        accounts.put("alice", Optional.of(UserAccounts.Account.MISSING));
        assertTrue(store.remove("alice", "phone"));
        final RegisteredCertificate bobs = new RegisteredCertificate(CertificateSummary.sha256(phone.certificate()), "bob", "phone",
            base64(phone.certificate()), phone.certificate().getNotAfter().getTime(), true, false, clock.millis());
        assertTrue(store.add(bobs));

        // Execute
        final Verdict login = verifier.authenticate(List.of(phone.certificate()), null);

        // Verify: alice's stale row is refused, and its deletion (by owner and name) does not take bob's row
        assertEquals(FailureReason.REGISTRATION_STALE, login.reason(), login.toString());
        assertEquals(List.of(), store.of("alice"));
        assertEquals(List.of(bobs), store.of("bob"));
    }

    @Test
    void notFoundFromAUserStoreOtherThanOpenfiresOwnIsRefusedButKept() throws Exception {
        // Setup: e.g. HybridUserProvider during an LDAP outage says "not found" (review M1)
        assertAppended();
        accounts.put("alice", Optional.of(UserAccounts.Account.NOT_FOUND_UNCONFIRMED));

        // Execute
        final Verdict login = verifier.authenticate(List.of(phone.certificate()), null);

        // Verify
        assertEquals(FailureReason.REGISTRATION_STALE, login.reason(), login.toString());
        assertEquals(1, store.of("alice").size());
    }

    @Test
    void whereTheCreationDateIsUnknownARegistrationOfAnExistingAccountLogsIn() throws Exception {
        // Setup: LDAP users: Openfire gives no creation date
        accounts.put("alice", Optional.of(UserAccounts.Account.CREATION_UNKNOWN));
        assertAppended();
        clock.advance(Duration.ofHours(1));

        // Execute
        final Verdict login = verifier.authenticate(List.of(phone.certificate()), null);

        // Verify
        assertTrue(login.isSuccess(), login.toString());
        assertEquals(new JID("alice@localhost"), login.jid());
    }

    @Test
    void aUserStoreThatCannotAnswerDeletesNothing() throws Exception {
        // Setup
        assertAppended();
        accounts.put("alice", Optional.empty());

        // Execute
        final Verdict login = verifier.authenticate(List.of(phone.certificate()), null);

        // Verify: not called stale, the registration is kept, and the login fails closed for now (review L2)
        assertTrue(login.reason() != FailureReason.REGISTRATION_STALE, login.toString());
        assertEquals(1, store.of("alice").size());
        assertEquals(FailureReason.DIRECTORY_UNAVAILABLE, login.reason(), login.toString());
    }

    @Test
    void anAccountCreatedAheadOfThisNodesClockDoesNotMakeItsOwnRegistrationStale() throws Exception {
        // Setup: the account was created on a node whose clock is 5 s ahead of this one's
        accounts.put("alice", Optional.of(UserAccounts.Account.createdAt(clock.instant().plusSeconds(5))));
        assertAppended();

        // Execute
        final Verdict login = verifier.authenticate(List.of(phone.certificate()), null);

        // Verify
        assertTrue(login.isSuccess(), login.toString());
    }

    @Test
    void anAppendForAnAccountThatDoesNotExistIsForbiddenAndOneThatCannotBeLookedUpUnavailable() throws Exception {
        // Setup
        accounts.put("alice", Optional.of(UserAccounts.Account.MISSING));
        final ManagementResponse missing = append();
        accounts.put("alice", Optional.empty());

        // Execute
        final ManagementResponse unavailable = append();

        // Verify
        assertEquals(PacketError.Condition.forbidden, missing.error(), missing.text());
        assertEquals(PacketError.Condition.service_unavailable, unavailable.error(), unavailable.text());
        assertEquals(List.of(), store.of("alice"));
    }

    private void assertAppended() throws Exception {
        final ManagementResponse response = append();
        assertTrue(!response.isError(), response.text());
        assertEquals(CertificateSummary.sha256(phone.certificate()), store.all().get(0).sha256());
    }

    private ManagementResponse append() {
        final Element append = DocumentHelper.createElement(org.dom4j.QName.get("append", CertificateManagement.NAMESPACE));
        append.addElement("name").setText("phone");
        append.addElement("x509cert").setText(base64(phone.certificate()));
        return management.handle(new ManagementRequest(ALICE, new JID(DOMAIN), false, append, ""));
    }

    private static String base64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
