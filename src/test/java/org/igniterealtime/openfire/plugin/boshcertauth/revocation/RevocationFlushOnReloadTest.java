package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.igniterealtime.openfire.plugin.boshcertauth.RuntimeHolder;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.config.ConfigurationLoader;
import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.RevocationTestBed;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.jivesoftware.util.JiveGlobals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Changing any setting starts afresh" (readme.html, Revocation): the revocation service outlives configurations, so
 * a settings change must flush its caches, or a certificate revoked after its first login stays accepted until the
 * cached CRL expires (issue 13, finding 7). Runs the real {@link RuntimeHolder} on the in-memory JiveGlobals.
 */
class RevocationFlushOnReloadTest {

    private RevocationTestBed bed;
    private RuntimeHolder runtime;

    @BeforeEach
    void start() {
        Settings.ALL.forEach(p -> JiveGlobals.deleteProperty(p.getKey()));
        JiveGlobals.setProperty(Settings.REVOCATION_MODE.getKey(), RevocationMode.HARD_FAIL.name());
        bed = RevocationTestBed.start("Reload Root");
        runtime = new RuntimeHolder(new ConfigurationLoader(() -> Set.of(bed.root().certificate()), () -> Set.of("localhost")),
            bed.revocation(), bed.clock(), configuration -> { });
    }

    @AfterEach
    void stop() {
        bed.close();
        Settings.ALL.forEach(p -> JiveGlobals.deleteProperty(p.getKey()));
    }

    private Verdict login(TestPki.Issued client) {
        return runtime.get().verifier().authenticate(client.chainWithoutRoot(), null);
    }

    @Test
    void aSettingsChangeForgetsCachedCrlsAndVerdicts() {
        // Setup: alice logged in, then was revoked; the cached CRL still says she is not
        final TestPki.Issued alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(bed.root())
            .crlDistributionPoint(bed.server().crlUrl(bed.root())).build();
        assertTrue(login(alice).isSuccess());
        bed.server().revoke(alice.certificate());
        // Execute: any setting changes (what SettingsListener does)
        JiveGlobals.setProperty(Settings.REVOCATION_TIMEOUT_MS.getKey(), "4000");
        runtime.reload();
        final Verdict verdict = login(alice);
        // Verify
        assertEquals(FailureReason.REVOKED, verdict.reason(), verdict::toString);
        assertEquals(2, bed.server().crlRequests());
    }

    @Test
    void aSettingsChangeForgetsCachedOcspAnswers() {
        // Setup
        final TestPki.Issued alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(bed.root())
            .ocspResponder(bed.server().ocspUrl(bed.root())).build();
        assertTrue(login(alice).isSuccess());
        bed.server().revoke(alice.certificate());
        // Execute
        runtime.reload();
        final Verdict verdict = login(alice);
        // Verify
        assertEquals(FailureReason.REVOKED, verdict.reason(), verdict::toString);
        assertEquals(2, bed.server().ocspRequests());
    }
}
