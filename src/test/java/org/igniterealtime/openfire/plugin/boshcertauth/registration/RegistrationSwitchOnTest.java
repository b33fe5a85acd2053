package org.igniterealtime.openfire.plugin.boshcertauth.registration;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.RegisteredIdentities;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Review finding L4: while XEP-0257 is off the table is not re-read, so a certificate disabled on another node meanwhile
 * is still enabled in this node's snapshot; switching the feature on must not log in with that stale list.
 */
class RegistrationSwitchOnTest {

    private static final RegistrationLimits ON = new RegistrationLimits(true, false, 5, Duration.ofDays(398));
    private static final RegistrationLimits OFF = new RegistrationLimits(false, false, 5, Duration.ofDays(398));
    private static TestPki.Issued phone;

    private final AtomicReference<RegistrationLimits> limits = new AtomicReference<>(ON);
    private InMemoryRegistrationStore store;
    private RegisteredCertificates registry;

    @BeforeAll
    static void pki() {
        phone = TestPki.certificate("alice's phone").issuedBy(TestPki.rootCa("XEP-0257 switch-on CA")).build();
    }

    @BeforeEach
    void setUp() throws Exception {
        // Setup: alice's phone registered and read while the feature is on; then the feature goes off, and another node
        // disables the certificate (straight in the shared table)
        store = new InMemoryRegistrationStore();
        registry = new RegisteredCertificates(store, limits::get, () -> "localhost");
        assertTrue(registry.add(entry(phone.certificate())));
        assertTrue(registry.find(phone.certificate()).enabled());
        limits.set(OFF);
        registry.featureSwitched(false);
        assertTrue(store.disable("alice", "phone"));
    }

    @Test
    void aSnapshotFromBeforeTheSwitchOnIsNeverUsed() {
        // Execute: on again, before any re-read
        limits.set(ON);
        final RegisteredIdentities.Lookup lookup = registry.find(phone.certificate());

        // Verify: refused until read (fail closed), not the stale "enabled"
        assertFalse(lookup.registered() && lookup.enabled(), lookup.toString());
        assertTrue(lookup.unavailable(), lookup.toString());
    }

    @Test
    void switchingOnReadsTheTableAgain() {
        // Execute
        limits.set(ON);
        final Set<String> stopped = registry.featureSwitched(true);
        final RegisteredIdentities.Lookup lookup = registry.find(phone.certificate());

        // Verify: the other node's change is seen, its sessions are to be ended
        assertTrue(lookup.registered(), lookup.toString());
        assertFalse(lookup.enabled(), lookup.toString());
        assertFalse(lookup.unavailable(), lookup.toString());
        assertEquals(Set.of(CertificateSummary.sha256(phone.certificate())), stopped);
    }

    @Test
    void aLookupWhileOffAlsoMarksTheSnapshotStale() throws Exception {
        // Setup: a second node's registry, read while on; the feature goes off with only a lookup to notice it; the
        // certificate is then revoked elsewhere
        limits.set(ON);
        final RegisteredCertificates other = new RegisteredCertificates(store, limits::get, () -> "localhost");
        other.refresh();
        limits.set(OFF);
        other.find(phone.certificate());
        assertTrue(store.remove("alice", "phone"));

        // Execute
        limits.set(ON);
        final RegisteredIdentities.Lookup lookup = other.find(phone.certificate());

        // Verify
        assertTrue(lookup.unavailable(), lookup.toString());
    }

    private static RegisteredCertificate entry(X509Certificate certificate) throws Exception {
        return new RegisteredCertificate(CertificateSummary.sha256(certificate), "alice", "phone",
            Base64.getEncoder().encodeToString(certificate.getEncoded()), certificate.getNotAfter().getTime(), true, false,
            System.currentTimeMillis());
    }
}
