package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestRevocationServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CRL replay (second review, M2 download gap): a correctly signed CRL that has not reached its nextUpdate but is
 * older than one this node has already used for the same place and issuer (its high-water mark: thisUpdate,
 * cRLNumber) is what an attacker on the path to an http distribution point can serve to hide a later revocation. It
 * never replaces the newer CRL and is never used: the newer one stays in use while it is current, otherwise the
 * status is unknown. Real CRLs from a {@link TestRevocationServer}, real files.
 */
class CrlReplayTest {

    private static final BigInteger[] NO_SERIALS = {};
    private final Instant now = Instant.now();
    private final TestPki.Issued root = TestPki.rootCa("Replay Root");
    private TestRevocationServer server;
    private MapSharedRevocationAnswers shared;
    private RevocationService node;
    private TestPki.Issued alice;
    private CertificatePolicy policy;
    @TempDir
    Path directory;

    @BeforeEach
    void start() {
        server = TestRevocationServer.start();
        shared = MapSharedRevocationAnswers.inMemory(10, 64 * 1024);
        node = new RevocationService(new HttpRevocationFetcher(Duration.ofSeconds(10)), RevocationService.DEFAULT_CACHE_ENTRIES, shared);
        alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(root)
            .crlDistributionPoint(server.crlUrl(root)).build();
        policy = CertificatePolicy.builder().trust(Set.of(root.certificate())).domains(Set.of("localhost"))
            .revocationMode(RevocationMode.HARD_FAIL).build();
    }

    @AfterEach
    void stop() {
        node.close();
        server.close();
    }

    private RevocationStatus check(TestPki.Issued certificate) {
        return node.check(certificate.certificate(), root.certificate(), policy, Instant.now(), RevocationDeadline.after(Duration.ofSeconds(10)));
    }

    /** A CRL of the root: cRLNumber {@code number}, a delta of {@code base} when that is not null. */
    /** Bob, whose certificate names the root's CRL and, as freshestCRL, its delta CRL ({@code ?delta}). */
    private TestPki.Issued bobWithDeltaCrl() throws Exception {
        final String deltaUrl = server.crlUrl(root) + "?delta";
        return TestPki.certificate("bob").xmppAddr("bob@localhost").issuedBy(root)
            .crlDistributionPoint(server.crlUrl(root))
            .extension(Extension.freshestCRL, false, new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(
                new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, deltaUrl))),
                null, null)}))
            .build();
    }

    private X509CRL crl(Instant thisUpdate, long number, Long base, BigInteger... revoked) throws Exception {
        final X509v2CRLBuilder builder = new X509v2CRLBuilder(
            X500Name.getInstance(root.certificate().getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
        builder.addExtension(Extension.cRLNumber, false, new ASN1Integer(number));
        if (base != null) {
            builder.addExtension(Extension.deltaCRLIndicator, true, new ASN1Integer(base));
        }
        for (BigInteger serial : revoked) {
            builder.addCRLEntry(serial, Date.from(thisUpdate), CRLReason.keyCompromise);
        }
        return new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder(
            "EC".equals(root.privateKey().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA").build(root.privateKey())));
    }

    @Test
    void anOlderStillCurrentCrlServedAfterANewerOneIsNeverUsed() throws Exception {
        // Setup: the CA's CRL of an hour ago revokes alice, and the node has used it; then its caches are flushed
        // (every settings change does that) and an attacker on the path serves the CA's CRL of two hours ago, which is
        // correctly signed, still current, and does not list alice yet
        server.revoke(alice.certificate());
        server.crlValidity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
        assertEquals(RevocationStatus.State.REVOKED, check(alice).state());
        node.flush();
        server.serveCrlOnce(TestPki.crl(root, now.minus(Duration.ofHours(2)), now.plus(Duration.ofDays(1)), NO_SERIALS));

        // Execute
        final RevocationStatus replayed = check(alice);

        // Verify: unknown, naming the replay, and the older CRL is not offered to the cluster either
        assertEquals(RevocationStatus.State.UNKNOWN, replayed.state(), replayed::toString);
        assertTrue(replayed.detail().contains("older CRL than one already seen"), replayed::toString);
        assertEquals(2, server.crlRequests());
        assertEquals(0, shared.size(), shared.map().keySet()::toString);
        // and once the CA's current CRL comes through again, it is used
        assertEquals(RevocationStatus.State.REVOKED, check(alice).state());
    }

    @Test
    void aReplayedCrlEndsInRevocationUnknownForTheLogin() throws Exception {
        // Setup: as above, through the verifier (HARD_FAIL)
        server.revoke(alice.certificate());
        server.crlValidity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
        assertEquals(FailureReason.REVOKED, new CertificateVerifier(policy, node, Clock.systemUTC())
            .verifyChain(alice.chainWithoutRoot()).reason());
        node.flush();
        server.serveCrlOnce(TestPki.crl(root, now.minus(Duration.ofHours(2)), now.plus(Duration.ofDays(1)), NO_SERIALS));

        // Execute: a new verifier (as after the settings change that flushed), so that no cached verdict answers
        final Verdict verdict = new CertificateVerifier(policy, node, Clock.systemUTC()).verifyChain(alice.chainWithoutRoot());

        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
    }

    @Test
    void aLowerCrlNumberWithTheSameThisUpdateIsAReplayToo() throws Exception {
        // Setup: CRL number 8 revokes alice; CRL number 7 of the same second does not
        final Instant thisUpdate = now.minus(Duration.ofHours(1));
        server.serveCrlOnce(crl(thisUpdate, 8, null, alice.certificate().getSerialNumber()));
        assertEquals(RevocationStatus.State.REVOKED, check(alice).state());
        node.flush();
        server.serveCrlOnce(crl(thisUpdate, 7, null));

        // Execute
        final RevocationStatus replayed = check(alice);

        // Verify
        assertEquals(RevocationStatus.State.UNKNOWN, replayed.state(), replayed::toString);
        assertTrue(replayed.detail().contains("older CRL than one already seen"), replayed::toString);
    }

    @Test
    void anOlderDeltaCrlThanOneAlreadySeenIsNeverUsed() throws Exception {
        // Setup: bob's CRL (number 10) announces a delta CRL; delta 12 revokes bob, and the node has used it. After a
        // flush the complete CRL comes again, and with it delta 11 (older, still current, bob not listed yet).
        final TestPki.Issued bob = bobWithDeltaCrl();
        final X509CRL complete = crl(now.minus(Duration.ofHours(3)), 10, null);
        server.serveCrlOnce(complete);
        server.serveCrlOnce(crl(now.minus(Duration.ofHours(1)), 12, 10L, bob.certificate().getSerialNumber()));
        assertEquals(RevocationStatus.State.REVOKED, check(bob).state());
        node.flush();
        server.serveCrlOnce(complete);
        server.serveCrlOnce(crl(now.minus(Duration.ofHours(2)), 11, 10L));

        // Execute
        final RevocationStatus replayed = check(bob);

        // Verify
        assertEquals(4, server.crlRequests());
        assertEquals(RevocationStatus.State.UNKNOWN, replayed.state(), replayed::toString);
        assertTrue(replayed.detail().contains("older CRL than one already seen"), replayed::toString);
    }

    @Test
    void theNewerCrlStaysInUseWhenAConfiguredFileGoesBackToAnOlderOne() throws Exception {
        // Setup: the configured CRL file holds the CRL that revokes alice; then someone puts the older one back
        final Path file = directory.resolve("root.crl");
        Files.write(file, crl(now.minus(Duration.ofHours(1)), 5, null, alice.certificate().getSerialNumber()).getEncoded());
        policy = CertificatePolicy.builder().trust(Set.of(root.certificate())).domains(Set.of("localhost"))
            .revocationMode(RevocationMode.HARD_FAIL)
            .revocationOptions(RevocationOptions.DEFAULTS.withCrlSources(List.of(file.toUri()))).build();
        final TestPki.Issued carol = TestPki.certificate("carol").xmppAddr("carol@localhost").issuedBy(root).build();
        assertEquals(RevocationStatus.State.REVOKED, node.check(alice.certificate(), root.certificate(), policy, Instant.now(),
            RevocationDeadline.after(Duration.ofSeconds(10))).state());
        Files.write(file, crl(now.minus(Duration.ofHours(2)), 4, null).getEncoded());
        Files.setLastModifiedTime(file, FileTime.from(now.plus(Duration.ofMinutes(1))));

        // Execute
        final RevocationStatus afterRollback = node.check(alice.certificate(), root.certificate(), policy, Instant.now(),
            RevocationDeadline.after(Duration.ofSeconds(10)));

        // Verify: the newer CRL, still current, is kept in use (alice stays revoked; carol, listed in neither, is good)
        assertEquals(RevocationStatus.State.REVOKED, afterRollback.state(), afterRollback::toString);
        assertEquals(RevocationStatus.State.GOOD, node.check(carol.certificate(), root.certificate(), policy, Instant.now(),
            RevocationDeadline.after(Duration.ofSeconds(10))).state());
    }

    @Test
    void reviewAHoldOnTheCompleteCrlStaysRevokedWhenADeltaIsReplayed() throws Exception {
        final TestPki.Issued bob = bobWithDeltaCrl();
        final X509v2CRLBuilder builder = new X509v2CRLBuilder(
            X500Name.getInstance(root.certificate().getSubjectX500Principal().getEncoded()), Date.from(now.minus(Duration.ofHours(3))));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
        builder.addExtension(Extension.cRLNumber, false, new ASN1Integer(10));
        builder.addCRLEntry(bob.certificate().getSerialNumber(), Date.from(now.minus(Duration.ofHours(4))), CRLReason.certificateHold);
        final X509CRL complete = new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder(
            "EC".equals(root.privateKey().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA").build(root.privateKey())));
        server.serveCrlOnce(complete);
        server.serveCrlOnce(crl(now.minus(Duration.ofHours(1)), 12, 10L));
        final RevocationStatus first = check(bob);
        assertEquals(RevocationStatus.State.REVOKED, first.state(), first::toString); // on hold
        node.flush();
        server.serveCrlOnce(complete);
        server.serveCrlOnce(crl(now.minus(Duration.ofHours(2)), 11, 10L)); // replayed older delta, bob not listed

        final RevocationStatus replayed = check(bob);
        // the complete CRL's hold is lifted only by a delta's removeFromCRL; an older delta can hide no such lift that
        // the newer one (seen, no removeFromCRL) lacked: still on hold. UNKNOWN lets bob in under SOFT_FAIL.
        assertEquals(RevocationStatus.State.REVOKED, replayed.state(), replayed::toString);
    }

    @Test
    void anOlderCrlFromBeforeANumberResetIsAReplayToo() throws Exception {
        // the CA restarted its cRLNumber series (new CA software, key rollover): number 5 of an hour ago revokes alice;
        // number 100 of two hours ago (old series, still current) does not. Earlier thisUpdate: a replay (review L1).
        server.serveCrlOnce(crl(now.minus(Duration.ofHours(1)), 5, null, alice.certificate().getSerialNumber()));
        assertEquals(RevocationStatus.State.REVOKED, check(alice).state());
        node.flush();
        server.serveCrlOnce(crl(now.minus(Duration.ofHours(2)), 100, null));

        final RevocationStatus replayed = check(alice);

        assertEquals(RevocationStatus.State.UNKNOWN, replayed.state(), replayed::toString);
        assertTrue(replayed.detail().contains("replayed"), replayed::toString);
    }

    @Test
    void reviewAHigherNumberAfterTheCasClockWasSetBackIsNoReplay() throws Exception {
        // #100 issued with the CA's clock 3 min fast (within the 5-min skew); the clock is corrected and #101 revokes alice
        server.serveCrlOnce(crl(now.plus(Duration.ofMinutes(3)), 100, null));
        assertEquals(RevocationStatus.State.GOOD, check(alice).state());
        node.flush();
        server.serveCrlOnce(crl(now.plus(Duration.ofMinutes(1)), 101, null, alice.certificate().getSerialNumber()));
        final RevocationStatus status = check(alice);
        assertEquals(RevocationStatus.State.REVOKED, status.state(), status::toString);
    }
}
