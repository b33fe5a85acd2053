package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.blocking.BlockKey;
import org.igniterealtime.openfire.plugin.boshcertauth.blocking.BlockList;
import org.igniterealtime.openfire.plugin.boshcertauth.blocking.BlockedCertificate;
import org.igniterealtime.openfire.plugin.boshcertauth.blocking.InMemoryBlockStore;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateSaslServerFactory;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.MechanismEnforcement;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.OpenfireSaslDriver;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.SaslTestBed;
import org.igniterealtime.openfire.plugin.boshcertauth.session.LiveCertificateSession;
import org.igniterealtime.openfire.plugin.boshcertauth.session.LiveSessionRegistry;
import org.igniterealtime.openfire.plugin.boshcertauth.session.SessionEnder;
import org.igniterealtime.openfire.plugin.boshcertauth.session.Transport;
import org.jivesoftware.openfire.http.HttpSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.verify;

/**
 * Certificate login through our factory with the real Openfire environment, block list and registry: a successful
 * login is listed with a handle on its Openfire session, ending it sends that session a policy-violation stream error;
 * a blocked certificate (or one that cannot be checked because the block list was never read) cannot log in.
 */
class CertificateSessionLoginTest {

    private final SaslTestBed bed = new SaslTestBed(MechanismEnforcement.EXTERNAL_ONLY);
    private final InMemoryBlockStore store = new InMemoryBlockStore();
    private final BlockList blocks = new BlockList(store);
    private final LiveSessionRegistry registry = new LiveSessionRegistry();
    private final OpenfireSaslEnvironment environment = new OpenfireSaslEnvironment(blocks, registry, () -> "node-a", bed.clock);

    @AfterEach
    void tearDown() {
        bed.close();
    }

    private OpenfireSaslDriver driver(HttpSession session) {
        final CertificateSaslServerFactory factory = bed.factory(environment, List.of("EXTERNAL", "PLAIN"));
        return new OpenfireSaslDriver(bed.sessionData(session),
            mechanism -> factory.createSaslServer(mechanism, "xmpp", SaslTestBed.DOMAIN, SaslTestBed.saslProperties(session), null));
    }

    @Test
    void aCertificateLoginIsListedAndEndingItSendsAPolicyViolation() {
        // Setup
        blocks.refresh();
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());

        // Execute
        final OpenfireSaslDriver.Outcome outcome = driver(session).auth("EXTERNAL", "=");

        // Verify: listed
        assertInstanceOf(OpenfireSaslDriver.Success.class, outcome);
        final LiveCertificateSession listed = registry.list().get(0);
        assertEquals(1, registry.size());
        assertEquals("alice@localhost", listed.jid());
        assertEquals(Transport.BOSH, listed.transport());
        assertEquals(SaslTestBed.REMOTE_ADDRESS, listed.peer());
        assertEquals("node-a", listed.node());
        assertEquals(session.getStreamID().getID(), listed.id());
        assertEquals(SaslTestBed.ALICE.certificate().getNotAfter().toInstant(), listed.notAfter());

        // Execute / Verify: ending it reaches the Openfire session as a stream error naming the reason
        new SessionEnder(registry, bed.audit, bed.clock).end(listed, FailureReason.CERTIFICATE_BLOCKED, "test");
        final ArgumentCaptor<String> sent = ArgumentCaptor.forClass(String.class);
        verify(session).deliverRawText(sent.capture());
        assertTrue(sent.getValue().contains("<policy-violation xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\""), sent.getValue());
        assertTrue(sent.getValue().contains("CERTIFICATE_BLOCKED"), sent.getValue());
        assertTrue(sent.getValue().startsWith("<stream:error"), sent.getValue());
        assertEquals(0, registry.size());
    }

    @Test
    void aBlockedCertificateCannotLogIn() throws Exception {
        // Setup
        store.add(BlockedCertificate.bySha256(BlockKey.of(SaslTestBed.ALICE.certificate())[0], "stolen", "admin", Instant.now()));
        blocks.refresh();
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());

        // Execute
        final OpenfireSaslDriver.Outcome outcome = driver(session).auth("EXTERNAL", "=");

        // Verify
        final OpenfireSaslDriver.Failed failed = assertInstanceOf(OpenfireSaslDriver.Failed.class, outcome);
        assertEquals(FailureReason.CERTIFICATE_BLOCKED, bed.recorded().get(0).reason());
        assertTrue(bed.recorded().get(0).detail().contains("stolen"));
        assertEquals("not-authorized", failed.failure().toString().replace('_', '-').toLowerCase());
        assertEquals(0, registry.size());
    }

    @Test
    void noCertificateLogsInBeforeTheBlockListWasReadOnce() {
        // Setup: the database is down from the start
        store.failing = true;
        blocks.refresh();
        final HttpSession session = bed.boshSession(SaslTestBed.ALICE.chainWithoutRoot());

        // Execute
        final OpenfireSaslDriver.Outcome outcome = driver(session).auth("EXTERNAL", "=");

        // Verify
        assertInstanceOf(OpenfireSaslDriver.Failed.class, outcome);
        assertEquals(FailureReason.BLOCK_LIST_UNAVAILABLE, bed.recorded().get(0).reason());
    }
}
