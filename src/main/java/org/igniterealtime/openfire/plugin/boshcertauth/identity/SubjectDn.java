package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x500.style.RFC4519Style;

import java.security.cert.X509Certificate;
import java.util.Hashtable;
import java.util.Locale;
import java.util.Map;

/**
 * A certificate's subject DN in one canonical string form, so that a regular expression sees the same text however the
 * issuer encoded the name (PrintableString or UTF8String, escaping): RFC 4514 as Bouncy Castle's {@link RFC4519Style}
 * writes it (most specific RDN first, RFC 4514 escaping, attributes RFC 4519 does not name as {@code OID=#hex}), with
 * the attribute names in upper case as OpenSSL ({@code -nameopt RFC2253}) and Java print them:
 * {@code CN=Alice Example,OU=Staff,DC=corp,DC=example,DC=com}.
 */
public final class SubjectDn {

    private static final Hashtable<ASN1ObjectIdentifier, String> UPPER_CASE_NAMES = upperCaseNames();

    private SubjectDn() {}

    public static String rfc4514(X509Certificate certificate) {
        return rfc4514(X500Name.getInstance(RFC4519Style.INSTANCE, certificate.getSubjectX500Principal().getEncoded()));
    }

    static String rfc4514(X500Name name) {
        final StringBuilder text = new StringBuilder();
        final RDN[] rdns = name.getRDNs();
        for (int i = rdns.length - 1; i >= 0; i--) {
            if (text.length() > 0) {
                text.append(',');
            }
            IETFUtils.appendRDN(text, rdns[i], UPPER_CASE_NAMES);
        }
        return text.toString();
    }

    private static Hashtable<ASN1ObjectIdentifier, String> upperCaseNames() {
        final Hashtable<ASN1ObjectIdentifier, String> names = new Hashtable<>();
        for (Map.Entry<?, ?> entry : new Symbols().symbols().entrySet()) {
            names.put((ASN1ObjectIdentifier) entry.getKey(), entry.getValue().toString().toUpperCase(Locale.ROOT));
        }
        return names;
    }

    /** RFC4519Style keeps its OID → name table protected. */
    private static final class Symbols extends RFC4519Style {
        Hashtable<?, ?> symbols() {
            return defaultSymbols;
        }
    }
}
