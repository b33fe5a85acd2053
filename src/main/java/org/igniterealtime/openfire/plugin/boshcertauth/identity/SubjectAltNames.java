package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import java.util.List;

/**
 * What a certificate's subjectAltName says, decoded but not yet interpreted as JIDs: the xmppAddr values that are
 * well-formed UTF8Strings, the rfc822Name values, and why other entries were passed over.
 *
 * @param xmppAddrs  id-on-xmppAddr values that decoded cleanly (not yet JID-checked)
 * @param emails     rfc822Name values
 * @param skipped    one human-readable reason per entry that was passed over
 */
public record SubjectAltNames(List<String> xmppAddrs, List<String> emails, List<String> skipped) {

    public static final SubjectAltNames NONE = new SubjectAltNames(List.of(), List.of(), List.of());

    public SubjectAltNames {
        xmppAddrs = List.copyOf(xmppAddrs);
        emails = List.copyOf(emails);
        skipped = List.copyOf(skipped);
    }
}
