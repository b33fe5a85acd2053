package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Review M2b: a stamp that cannot be written must not leave the previous CRL's stamp beside the new CRL (it would
 * hide the new one from every node that has its own copy); a cRLNumber beyond RFC 5280's 20 octets is refused.
 */
class SharedCrlStampNotWrittenTest {
    private final AtomicBoolean stampWritesFail = new AtomicBoolean();
    private final Map<String, byte[]> map = new ConcurrentHashMap<>() {
        @Override
        public byte[] put(String key, byte[] value) {
            if (key.startsWith(MapSharedRevocationAnswers.STAMP_PREFIX) && stampWritesFail.get()) {
                throw new IllegalStateException("cluster cache failure (test)");
            }
            return super.put(key, value);
        }

        @Override
        public boolean replace(String key, byte[] oldValue, byte[] newValue) {
            if (key.startsWith(MapSharedRevocationAnswers.STAMP_PREFIX) && stampWritesFail.get()) {
                throw new IllegalStateException("cluster cache failure (test)");
            }
            return super.replace(key, oldValue, newValue);
        }

        @Override
        public byte[] putIfAbsent(String key, byte[] value) {
            if (key.startsWith(MapSharedRevocationAnswers.STAMP_PREFIX) && stampWritesFail.get()) {
                throw new IllegalStateException("cluster cache failure (test)");
            }
            return super.putIfAbsent(key, value);
        }
    };
    private SharedAnswersTestBed bed;

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void aNewerSharedCrlWhoseStampCannotBeWrittenIsStillSeen() {
        // Setup: node B has its own copy of the CA's CRL of two hours ago, shared with its stamp
        final Instant now = Instant.now();
        bed = SharedAnswersTestBed.crl("Stamp Failure Root", map);
        bed.server().crlValidity(now.minus(Duration.ofHours(2)), now.plus(Duration.ofDays(1)));
        final RevocationService b = bed.node();
        assertEquals(RevocationStatus.State.GOOD, bed.check(b).state());
        assertTrue(map.keySet().stream().anyMatch(k -> k.startsWith(MapSharedRevocationAnswers.STAMP_PREFIX)));
        // the big value is evicted (a size-bounded cache: the stamp is read at every check, the CRL rarely); the stamp stays
        map.keySet().stream().filter(k -> k.startsWith("crl|")).toList().forEach(map::remove);
        // node A downloads the CA's next CRL (alice revoked) and shares it, but its stamp cannot be written
        bed.server().serveCrlOnce(TestPki.crl(bed.root(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)),
            bed.alice().certificate()));
        stampWritesFail.set(true);
        final RevocationService a = bed.node();
        assertEquals(RevocationStatus.State.REVOKED, bed.check(a).state());

        // Execute
        final RevocationStatus onB = bed.check(b);

        // Verify: the old stamp is gone with its CRL, so B reads the shared one
        assertFalse(map.keySet().stream().anyMatch(k -> k.startsWith(MapSharedRevocationAnswers.STAMP_PREFIX)));
        assertEquals(RevocationStatus.State.REVOKED, onB.state(), onB::toString);
    }

    @Test
    void aCrlNumberLongerThanTwentyOctetsIsRefusedAsUnusable() throws Exception {
        // Setup: the CA's CRL carries a 21-octet cRLNumber (RFC 5280 §5.2.3 allows 20)
        final Instant now = Instant.now();
        bed = SharedAnswersTestBed.crl("Huge Number Root", map);
        final X509v2CRLBuilder builder = new X509v2CRLBuilder(
            X500Name.getInstance(bed.root().certificate().getSubjectX500Principal().getEncoded()), Date.from(now.minus(Duration.ofHours(1))));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
        builder.addCRLEntry(bed.alice().certificate().getSerialNumber(), Date.from(now.minus(Duration.ofHours(1))), CRLReason.keyCompromise);
        builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE.shiftLeft(160))); // 21 octets
        final String alg = bed.root().privateKey().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        final X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(
            builder.build(new JcaContentSignerBuilder(alg).build(bed.root().privateKey())).getEncoded()));
        bed.server().serveCrlOnce(crl);

        // Execute
        final RevocationStatus status = bed.check(bed.node());

        // Verify: not usable, with the reason, and not shared
        assertEquals(RevocationStatus.State.UNKNOWN, status.state(), status::toString);
        assertTrue(status.detail().contains("longer than 20 octets"), status::toString);
        assertEquals(0, bed.shared().size());
    }
}
