package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERUTF8String;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decoding of subjectAltName from the extension's DER: good entries kept, bad ones skipped with a reason. */
class SubjectAltNameReaderTest {

    private static SubjectAltNames read(TestPki.Builder builder) throws MalformedSubjectAltNameException {
        return SubjectAltNameReader.read(builder.build().certificate());
    }

    /** DER TLV with short or long definite length. */
    static byte[] tlv(int tag, byte[]... contents) {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] c : contents) {
            body.writeBytes(c);
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        final int length = body.size();
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xFF);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** GeneralNames with one otherName id-on-xmppAddr whose [0] EXPLICIT value is the given TLV. */
    static byte[] xmppAddrSan(byte[] valueTlv) {
        final byte[] oid = HexFormat.of().parseHex("06082b06010505070805");
        return tlv(0x30, tlv(0xA0, oid, tlv(0xA0, valueTlv)));
    }

    @Test
    void readsTheExactBytesOpenSslWritesForAnXmppAddrOtherName() throws Exception {
        // Setup: what `subjectAltName = otherName:1.3.6.1.5.5.7.8.5;UTF8:alice@localhost` produces, byte for byte:
        // SEQUENCE { [0] { OID 1.3.6.1.5.5.7.8.5, [0] EXPLICIT { UTF8String "alice@localhost" } } }
        final byte[] openSsl = HexFormat.of().parseHex(
            "301f" + "a01d" + "06082b06010505070805" + "a011" + "0c0f" + HexFormat.of().formatHex("alice@localhost".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0x21, openSsl.length, "the hand-written DER is self-consistent");
        // Execute
        final SubjectAltNames names = read(TestPki.certificate("alice").rawSubjectAltName(openSsl));
        // Verify
        assertEquals(List.of("alice@localhost"), names.xmppAddrs());
        assertTrue(names.skipped().isEmpty(), names.skipped()::toString);
    }

    @Test
    void certificateWithoutSubjectAltNameHasNoNames() throws Exception {
        final SubjectAltNames names = read(TestPki.certificate("plain"));
        assertEquals(SubjectAltNames.NONE, names);
    }

    @Test
    void xmppAddrThatIsNotAUtf8StringIsSkipped() throws Exception {
        final SubjectAltNames names = read(TestPki.certificate("ia5")
            .otherName(SubjectAltNameReader.ID_ON_XMPPADDR, new DERIA5String("alice@localhost")));
        assertTrue(names.xmppAddrs().isEmpty());
        assertTrue(names.skipped().get(0).contains("not a UTF8String"), names.skipped()::toString);
    }

    @Test
    void invalidUtf8IsSkipped() throws Exception {
        // 0xC3 0x28 is an invalid two-byte sequence
        final byte[] san = xmppAddrSan(tlv(0x0C, new byte[] { 'a', (byte) 0xC3, 0x28, '@', 'x' }));
        final SubjectAltNames names = read(TestPki.certificate("badutf8").rawSubjectAltName(san));
        assertTrue(names.xmppAddrs().isEmpty());
        assertTrue(names.skipped().get(0).contains("not valid UTF-8"), names.skipped()::toString);
    }

    @Test
    void overlongValueIsSkipped() throws Exception {
        final String overlong = "a".repeat(SubjectAltNameReader.MAX_JID_BYTES) + "@localhost";
        final SubjectAltNames names = read(TestPki.certificate("long").xmppAddr(overlong));
        assertTrue(names.xmppAddrs().isEmpty());
        assertTrue(names.skipped().get(0).contains("longer than a JID may be"), names.skipped()::toString);
    }

    @Test
    void embeddedNulIsSkipped() throws Exception {
        final SubjectAltNames names = read(TestPki.certificate("nul").xmppAddr("admin@localhost\u0000.evil.example"));
        assertTrue(names.xmppAddrs().isEmpty());
        assertTrue(names.skipped().get(0).contains("NUL"), names.skipped()::toString);
    }

    @Test
    void otherOtherNamesAreSkippedAndGoodOnesKept() throws Exception {
        final SubjectAltNames names = read(TestPki.certificate("mixed")
            .otherName(new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3"), new DERUTF8String("upn@example.org"))
            .xmppAddr("alice@localhost")
            .email("alice@example.org")
            .dnsName("client.example.org"));
        assertEquals(List.of("alice@localhost"), names.xmppAddrs());
        assertEquals(List.of("alice@example.org"), names.emails());
        assertEquals(1, names.skipped().size(), names.skipped()::toString);
    }

    @Test
    void everyXmppAddrEntryIsCountedUsableOrNot() throws Exception {
        // Setup: one usable xmppAddr, one that is no UTF8String, and entries that are no xmppAddr
        final TestPki.Builder certificate = TestPki.certificate("mixed")
            .otherName(new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3"), new DERUTF8String("upn@example.org"))
            .xmppAddr("alice@localhost")
            .otherName(SubjectAltNameReader.ID_ON_XMPPADDR, new DERIA5String("bob@localhost"))
            .email("alice@example.org")
            .dnsName("client.example.org");

        // Execute
        final SubjectAltNames names = read(certificate);

        // Verify
        assertEquals(2, names.xmppAddrEntries());
        assertTrue(names.carriesXmppAddr());
        assertEquals(List.of("alice@localhost"), names.xmppAddrs());
    }

    @Test
    void skippedXmppAddrStillCounts() throws Exception {
        // Execute
        final SubjectAltNames fullJid = read(TestPki.certificate("full").xmppAddr("alice@localhost/res"));
        final SubjectAltNames badUtf8 = read(TestPki.certificate("bad").rawSubjectAltName(xmppAddrSan(tlv(0x0C, new byte[] { (byte) 0xC3 }))));

        // Verify: a full JID is a clean UTF8String (judged later, as a JID); bad UTF-8 is skipped here but counted
        assertEquals(List.of("alice@localhost/res"), fullJid.xmppAddrs());
        assertTrue(fullJid.carriesXmppAddr());
        assertTrue(badUtf8.xmppAddrs().isEmpty());
        assertEquals(1, badUtf8.xmppAddrEntries());
    }

    @Test
    void otherNamesOfOtherTypesAreNoXmppAddr() throws Exception {
        // Execute
        final SubjectAltNames names = read(TestPki.certificate("upn")
            .otherName(new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3"), new DERUTF8String("upn@example.org")).email("upn@example.org"));

        // Verify
        assertEquals(0, names.xmppAddrEntries());
        assertFalse(names.carriesXmppAddr());
    }

    @Test
    void otherNameOfUnknownTypeCountsAsAPossibleXmppAddr() throws Exception {
        // Setup: SEQUENCE { [0] { INTEGER 5 } }: an otherName whose type cannot be read
        final byte[] san = tlv(0x30, tlv(0xA0, tlv(0x02, new byte[] { 5 })));

        // Execute
        final SubjectAltNames names = read(TestPki.certificate("odd").rawSubjectAltName(san));

        // Verify
        assertTrue(names.xmppAddrs().isEmpty());
        assertEquals(1, names.xmppAddrEntries(), names.skipped()::toString);
    }

    @Test
    void undecodableSubjectAltNameIsMalformed() {
        final TestPki.Issued broken = TestPki.certificate("broken").rawSubjectAltName(new byte[] { 0x30, 0x05, 0x01, 0x02 }).build();
        assertThrows(MalformedSubjectAltNameException.class, () -> SubjectAltNameReader.read(broken.certificate()));
    }

    @Test
    void subjectAltNameOfTheWrongTypeIsMalformed() {
        final TestPki.Issued wrongType = TestPki.certificate("int").rawSubjectAltName(new byte[] { 0x02, 0x01, 0x05 }).build();
        assertThrows(MalformedSubjectAltNameException.class, () -> SubjectAltNameReader.read(wrongType.certificate()));
    }
}
