package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes the subjectAltName extension with Bouncy Castle straight from the extension's DER.
 *
 * <p>Deliberately not {@link X509Certificate#getSubjectAlternativeNames()}: for otherName entries the JDK hands back
 * raw DER (and depending on version a tagged object that callers such as Openfire's own code fail to unwrap), and it
 * gives no way to tell a wrong ASN.1 type from a missing value. Here every entry is judged on its own: a bad entry is
 * skipped with a reason, only a wholly undecodable extension is an error.</p>
 */
public final class SubjectAltNameReader {

    /** id-on-xmppAddr, RFC 6120 §13.7.1.4. */
    public static final ASN1ObjectIdentifier ID_ON_XMPPADDR = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.5");

    /** Microsoft User Principal Name otherName (szOID_NT_PRINCIPAL_NAME), a UTF8String {@code user@suffix}. */
    public static final ASN1ObjectIdentifier ID_MS_UPN = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");

    /** RFC 7622 §3.1: a JID is at most 3071 bytes (1023 per part plus separators). */
    public static final int MAX_JID_BYTES = 3071;

    private static final String SUBJECT_ALT_NAME_OID = "2.5.29.17";

    private SubjectAltNameReader() {}

    public static SubjectAltNames read(X509Certificate certificate) throws MalformedSubjectAltNameException {
        final byte[] extensionValue = certificate.getExtensionValue(SUBJECT_ALT_NAME_OID);
        if (extensionValue == null) {
            return SubjectAltNames.NONE;
        }
        final GeneralNames names;
        try {
            // getExtensionValue returns the extnValue OCTET STRING itself; its octets are the GeneralNames DER.
            final byte[] der = ASN1OctetString.getInstance(extensionValue).getOctets();
            names = GeneralNames.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new MalformedSubjectAltNameException("subjectAltName is not a valid GeneralNames: " + e.getMessage(), e);
        }
        final List<String> xmppAddrs = new ArrayList<>();
        final List<String> emails = new ArrayList<>();
        final List<String> upns = new ArrayList<>();
        final List<String> upnSkipped = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
        int xmppAddrEntries = 0;
        final GeneralName[] entries;
        try {
            entries = names.getNames();
        } catch (RuntimeException e) {
            throw new MalformedSubjectAltNameException("subjectAltName entries could not be decoded: " + e.getMessage(), e);
        }
        for (GeneralName name : entries) {
            try {
                switch (name.getTagNo()) {
                    case GeneralName.otherName -> {
                        if (readOtherName(name.getName(), xmppAddrs, skipped, upns, upnSkipped)) {
                            xmppAddrEntries++;
                        }
                    }
                    case GeneralName.rfc822Name -> emails.add(((ASN1String) name.getName()).getString());
                    default -> { /* dNSName, URI, ...: not identities of a client */ }
                }
            } catch (RuntimeException e) {
                // One odd entry must not cost the others (nor crash the login).
                skipped.add("subjectAltName entry [" + name.getTagNo() + "] could not be decoded: " + e.getMessage());
                if (name.getTagNo() == GeneralName.otherName) {
                    xmppAddrEntries++; // its type is unknown: it may be an xmppAddr, so no fallback may win over it
                }
            }
        }
        return new SubjectAltNames(xmppAddrs, emails, skipped, xmppAddrEntries, upns, upnSkipped);
    }

    /**
     * Adds the entry's value to {@code xmppAddrs} when it is a usable id-on-xmppAddr, or a reason to {@code skipped}.
     * A UPN is no xmppAddr (and noted so in {@code skipped}); its value goes to {@code upns}, or a reason to
     * {@code upnSkipped} (reported only when the upn identity source is consulted).
     *
     * @return whether the entry is, or may be, an id-on-xmppAddr (usable or not)
     */
    private static boolean readOtherName(ASN1Encodable encodable, List<String> xmppAddrs, List<String> skipped,
                                         List<String> upns, List<String> upnSkipped) {
        final OtherName otherName;
        try {
            otherName = OtherName.getInstance(encodable);
        } catch (RuntimeException e) {
            skipped.add("otherName entry could not be decoded: " + e.getMessage());
            return true;
        }
        if (!ID_ON_XMPPADDR.equals(otherName.getTypeID())) {
            skipped.add(notAnXmppAddr(otherName.getTypeID()));
            if (ID_MS_UPN.equals(otherName.getTypeID())) {
                readUtf8Value("upn", otherName.getValue(), upns, upnSkipped);
            }
            return false;
        }
        readUtf8Value("xmppAddr", otherName.getValue(), xmppAddrs, skipped);
        return true;
    }

    /** The note for an otherName of another type. */
    static String notAnXmppAddr(ASN1ObjectIdentifier type) {
        return "otherName " + type + " is not id-on-xmppAddr";
    }

    /** An otherName value that must be a UTF8String of valid UTF-8 without NUL, no longer than a JID may be. */
    private static void readUtf8Value(String kind, ASN1Encodable value, List<String> values, List<String> skipped) {
        if (!(value instanceof ASN1UTF8String utf8)) {
            skipped.add(kind + " value is not a UTF8String but " + value.getClass().getSimpleName());
            return;
        }
        final byte[] contents;
        try {
            contents = contentsOf(utf8);
        } catch (IOException e) {
            skipped.add(kind + " value could not be re-encoded: " + e.getMessage());
            return;
        }
        if (contents.length > MAX_JID_BYTES) {
            skipped.add(kind + " value is " + contents.length + " bytes, longer than a JID may be (" + MAX_JID_BYTES + ")");
            return;
        }
        final String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(contents))
                .toString();
        } catch (CharacterCodingException e) {
            skipped.add(kind + " value is not valid UTF-8");
            return;
        }
        if (text.indexOf('\u0000') >= 0) {
            skipped.add(kind + " value contains a NUL character");
            return;
        }
        values.add(text);
    }

    /**
     * The raw content octets of a UTF8String. BC keeps them private and its {@code getString()} may substitute or
     * throw on bad UTF-8 depending on version, so the DER (always primitive: tag, length, contents) is cut instead.
     */
    private static byte[] contentsOf(ASN1UTF8String value) throws IOException {
        final byte[] der = value.getEncoded(ASN1Encoding.DER);
        final int firstLengthByte = der[1] & 0xFF;
        final int headerLength = firstLengthByte < 0x80 ? 2 : 2 + (firstLengthByte & 0x7F);
        return Arrays.copyOfRange(der, headerLength, der.length);
    }
}
