package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.asn1.x509.ReasonFlags;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CRLs partitioned by reason (issuingDistributionPoint onlySomeReasons, RFC 5280 §6.3.3 (b)-(d), NIST PKITS
 * 4.14.18-19): a certificate not listed on a CRL for some reasons is unrevoked for those reasons only; it is good once
 * its CRLs have covered every reason, and unknown until then. Before, such CRLs were refused altogether.
 */
class OnlySomeReasonsCrlTest {

    private static final ReasonFlags COMPROMISE = new ReasonFlags(ReasonFlags.keyCompromise | ReasonFlags.cACompromise);
    private static final ReasonFlags OTHER_REASONS = new ReasonFlags(ReasonFlags.affiliationChanged | ReasonFlags.superseded
        | ReasonFlags.cessationOfOperation | ReasonFlags.certificateHold | ReasonFlags.privilegeWithdrawn
        | ReasonFlags.aACompromise);

    private final TestPki.Issued root = TestPki.rootCa("Reasons Root");
    private final TestPki.Issued ca = TestPki.certificate("Reasons CA").ca().issuedBy(root).build();
    private final TestPki.Issued alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(ca).build();
    private final List<X509Certificate> presented = List.of(alice.certificate(), ca.certificate());
    @TempDir
    Path directory;

    private Verdict verify(X509CRL... crls) throws Exception {
        return new CrlTestBed(directory).verify(root, presented, crls);
    }

    private CrlTestBed.Crl forReasons(ReasonFlags reasons) {
        return CrlTestBed.Crl.by(ca).scope(false, reasons);
    }

    @Test
    void twoCrlsThatTogetherCoverEveryReasonSayGood() throws Exception {
        // Execute
        final Verdict verdict = verify(CrlTestBed.clean(root), forReasons(COMPROMISE).build(), forReasons(OTHER_REASONS).build());
        // Verify
        assertTrue(verdict.isSuccess(), verdict::toString);
    }

    @Test
    void aCrlForSomeReasonsAloneLeavesTheStatusUnknown() throws Exception {
        // Execute: only the compromise CRL; nothing says she was not, e.g., put on hold
        final Verdict verdict = verify(CrlTestBed.clean(root), forReasons(COMPROMISE).build());
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
        assertTrue(verdict.detail().contains("only some"), verdict::toString);
    }

    @Test
    void crlsThatCoverTheSameReasonsTwiceDoNotAddUpToAll() throws Exception {
        // Execute
        final Verdict verdict = verify(CrlTestBed.clean(root), forReasons(COMPROMISE).build(), forReasons(COMPROMISE).build());
        // Verify
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
    }

    @Test
    void anEntryOnACrlForSomeReasonsRevokes() throws Exception {
        // Execute: listed on the "other reasons" CRL, clean on the compromise one
        final Verdict verdict = verify(CrlTestBed.clean(root), forReasons(COMPROMISE).build(),
            forReasons(OTHER_REASONS).revoking(alice.certificate()).build());
        // Verify
        assertEquals(FailureReason.REVOKED, verdict.reason(), verdict::toString);
        assertEquals(0, verdict.failingIndex(), verdict::toString);
    }
}
