package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import java.util.List;

/**
 * What a certificate's subjectAltName says, decoded but not yet interpreted as JIDs: the xmppAddr values that are
 * well-formed UTF8Strings, the rfc822Name values, the UPN values, and why other entries were passed over.
 *
 * @param xmppAddrs        id-on-xmppAddr values that decoded cleanly (not yet JID-checked)
 * @param emails           rfc822Name values
 * @param skipped          one human-readable reason per entry that was passed over
 * @param xmppAddrEntries  how many entries are, or may be, an id-on-xmppAddr, usable or not: every id-on-xmppAddr
 *                         otherName (whatever its value) and every otherName that could not be decoded far enough to
 *                         tell its type. A certificate with any of them is never identified by another source.
 * @param upns             Microsoft UPN otherName values that decoded cleanly (UTF8String, valid UTF-8, no NUL)
 * @param upnSkipped       why UPN otherName entries were passed over (reported only when the upn source is consulted)
 */
public record SubjectAltNames(List<String> xmppAddrs, List<String> emails, List<String> skipped, int xmppAddrEntries,
                              List<String> upns, List<String> upnSkipped) {

    public static final SubjectAltNames NONE = new SubjectAltNames(List.of(), List.of(), List.of(), 0);

    public SubjectAltNames {
        xmppAddrs = List.copyOf(xmppAddrs);
        emails = List.copyOf(emails);
        skipped = List.copyOf(skipped);
        xmppAddrEntries = Math.max(xmppAddrEntries, xmppAddrs.size());
        upns = List.copyOf(upns);
        upnSkipped = List.copyOf(upnSkipped);
    }

    /** Names without UPN entries. */
    public SubjectAltNames(List<String> xmppAddrs, List<String> emails, List<String> skipped, int xmppAddrEntries) {
        this(xmppAddrs, emails, skipped, xmppAddrEntries, List.of(), List.of());
    }

    /** Names where every xmppAddr entry decoded cleanly. */
    public SubjectAltNames(List<String> xmppAddrs, List<String> emails, List<String> skipped) {
        this(xmppAddrs, emails, skipped, xmppAddrs.size());
    }

    /** Whether the certificate carries an xmppAddr at all, even one that cannot be used. */
    public boolean carriesXmppAddr() {
        return xmppAddrEntries > 0;
    }
}
