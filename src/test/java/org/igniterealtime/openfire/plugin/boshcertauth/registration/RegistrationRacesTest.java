package org.igniterealtime.openfire.plugin.boshcertauth.registration;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.RegisteredIdentities;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The races the second review found in XEP-0257 (each interleaving provoked with latches, see {@link GatedRegistrationStore}):
 * a certificate appended while its account is being deleted must not survive the deletion; a switch-off during a
 * re-read must leave the snapshot stale; a change another node made, seen by a re-read of this node's own change,
 * must still end its sessions at the next periodic re-read.
 */
class RegistrationRacesTest {

    private static final String DOMAIN = "localhost";
    private static final JID ALICE = new JID("alice@localhost/desk");
    private static final RegistrationLimits ON = new RegistrationLimits(true, false, 5, Duration.ofDays(398));
    private static final RegistrationLimits OFF = new RegistrationLimits(false, false, 5, Duration.ofDays(398));
    private static TestPki.Issued root;
    private static TestPki.Issued phone;
    private static TestPki.Issued laptop;

    private final AtomicReference<RegistrationLimits> limits = new AtomicReference<>(ON);
    private GatedRegistrationStore store;
    private RegisteredCertificates registry;
    private CertificateManagement management;

    @BeforeAll
    static void pki() {
        root = TestPki.rootCa("XEP-0257 races CA");
        phone = TestPki.certificate("alice's phone").issuedBy(root).build();
        laptop = TestPki.certificate("alice's laptop").issuedBy(root).build();
    }

    @BeforeEach
    void setUp() {
        store = new GatedRegistrationStore();
        registry = new RegisteredCertificates(store, limits::get, () -> DOMAIN);
        registry.refresh();
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(root.certificate())).domains(Set.of(DOMAIN))
            .revocationMode(RevocationMode.OFF).build();
        final CertificateVerifier verifier = new CertificateVerifier(policy, new RevocationService(), Clock.systemUTC(), Optional.empty(), registry);
        management = new CertificateManagement(registry, limits::get, () -> verifier, (sha256, reason, detail) -> 0, () -> DOMAIN,
            Clock.systemUTC());
    }

    @Test
    void aCertificateAppendedWhileTheAccountIsBeingDeletedDoesNotSurviveIt() throws Exception {
        // Setup: alice has her phone registered; the deletion's read of her certificates is held
        assertFalse(append("phone", phone.certificate()).isError());
        store.holdReadsOf("deleter");
        final Thread deleter = new Thread(() -> {
            try {
                management.accountDeleted("alice");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "deleter");
        final AtomicReference<ManagementResponse> appended = new AtomicReference<>();
        final Thread appender = new Thread(() -> appended.set(append("laptop", laptop.certificate())), "appender");

        // Execute: alice appends her laptop while the deletion is between reading and deleting
        deleter.start();
        store.reached.await();
        appender.start();
        GatedRegistrationStore.awaitStuckOrDone(appender);
        store.release.countDown();
        deleter.join();
        appender.join();

        // Verify: nothing of alice's is left, and the append was refused
        assertEquals(List.of(), store.rows.of("alice"));
        assertTrue(appended.get().isError(), "appended during the deletion");
        assertEquals(PacketError.Condition.forbidden, appended.get().error(), appended.get().text());
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only: before review L1 the deletion waited on mallory's lookup for good
    void oneUsersSlowAppendDoesNotHoldUpAnotherAccountsDeletion() throws Exception {
        // Setup: mallory's append is stuck in its user-store lookup
        final CountDownLatch lookupEntered = new CountDownLatch(1);
        final CountDownLatch lookupReleased = new CountDownLatch(1);
        final UserAccounts accounts = username -> {
            if (username.equals("mallory")) {
                lookupEntered.countDown();
                try {
                    lookupReleased.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return UserAccounts.Account.CREATION_UNKNOWN;
        };
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(root.certificate())).domains(Set.of(DOMAIN))
            .revocationMode(RevocationMode.OFF).build();
        final CertificateVerifier verifier = new CertificateVerifier(policy, new RevocationService(), Clock.systemUTC(), Optional.empty(), registry);
        final CertificateManagement slowStore = new CertificateManagement(registry, limits::get, () -> verifier, (sha256, reason, detail) -> 0,
            () -> DOMAIN, Clock.systemUTC(), accounts);
        final AtomicReference<ManagementResponse> mallorys = new AtomicReference<>();
        final Thread mallory = new Thread(() -> mallorys.set(slowStore.handle(request(new JID("mallory@localhost/r"), "phone",
            phone.certificate()))), "mallory");
        mallory.start();
        lookupEntered.await();

        // Execute: Openfire's userDeleting for alice, on this thread
        final int removed;
        try {
            removed = slowStore.accountDeleted("alice");
        } finally {
            lookupReleased.countDown();
            mallory.join();
        }

        // Verify: the deletion ran while mallory's lookup was stuck, and mallory's append still completed
        assertEquals(0, removed);
        assertFalse(mallorys.get().isError(), mallorys.get().text());
        assertEquals(1, store.rows.of("mallory").size());
    }

    @Test
    void anAppendAfterTheDeletionBeganIsRefusedUntilTheNameIsCreatedAgain() throws Exception {
        // Setup: Openfire tells userDeleting before its user store deletes the account, so the account still exists
        management.accountDeleted("alice");

        // Execute
        final ManagementResponse whileDeleting = append("phone", phone.certificate());
        management.accountCreated("alice");
        final ManagementResponse afterCreation = append("phone", phone.certificate());

        // Verify
        assertEquals(PacketError.Condition.forbidden, whileDeleting.error(), whileDeleting.text());
        assertFalse(afterCreation.isError(), afterCreation.text());
        assertEquals(1, store.rows.of("alice").size());
    }

    @Test
    void aSwitchOffDuringAReReadLeavesTheSnapshotStale() throws Exception {
        // Setup: the phone registered and read; this node's next re-read is held after reading the table
        assertFalse(append("phone", phone.certificate()).isError());
        store.holdReadsOf("reader");
        final Thread reader = new Thread(registry::refresh, "reader");

        // Execute: the feature is switched off while the table is being read; another node then disables the phone
        reader.start();
        store.reached.await();
        limits.set(OFF);
        registry.featureSwitched(false);
        store.release.countDown();
        reader.join();
        assertTrue(store.rows.disable("alice", "phone"));
        limits.set(ON);
        final RegisteredIdentities.Lookup beforeReRead = registry.find(phone.certificate());
        final Set<String> stopped = registry.featureSwitched(true);

        // Verify: the list read before the switch-off is not used; switching on reads the table again
        assertTrue(beforeReRead.unavailable(), beforeReRead.toString());
        assertEquals(Set.of(sha256(phone)), stopped);
        assertFalse(registry.find(phone.certificate()).enabled());
    }

    @Test
    void aChangeSeenByTheReReadOfThisNodesOwnChangeStillEndsItsSessions() throws Exception {
        // Setup: the phone registered and read; another node disables it
        assertFalse(append("phone", phone.certificate()).isError());
        assertEquals(Set.of(), registry.refresh());
        assertTrue(store.rows.disable("alice", "phone"));

        // Execute: this node's own change re-reads the table before the periodic re-read does
        assertFalse(append("laptop", laptop.certificate()).isError());
        final Set<String> stopped = registry.refresh();

        // Verify: the periodic re-read still reports the phone, whose sessions are to be ended; once only
        assertEquals(Set.of(sha256(phone)), stopped);
        assertEquals(Set.of(), registry.refresh());
    }

    private ManagementResponse append(String name, X509Certificate certificate) {
        return management.handle(request(ALICE, name, certificate));
    }

    private static ManagementRequest request(JID from, String name, X509Certificate certificate) {
        final Element append = DocumentHelper.createElement(org.dom4j.QName.get("append", CertificateManagement.NAMESPACE));
        append.addElement("name").setText(name);
        try {
            append.addElement("x509cert").setText(Base64.getEncoder().encodeToString(certificate.getEncoded()));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return new ManagementRequest(from, new JID(DOMAIN), false, append, "");
    }

    private static String sha256(TestPki.Issued issued) {
        return CertificateSummary.sha256(issued.certificate());
    }
}
