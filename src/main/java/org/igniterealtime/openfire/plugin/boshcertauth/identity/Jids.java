package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.xmpp.packet.JID;

import java.util.Optional;

/** Parsing of untrusted strings into JIDs with Tinder (RFC 7622 nodeprep/nameprep/resourceprep), never throwing. */
public final class Jids {

    private Jids() {}

    /** The prepared JID, or empty when the text is not a valid JID. */
    public static Optional<JID> parse(String text) {
        if (text == null || text.isEmpty() || text.indexOf('\u0000') >= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new JID(text));
        } catch (RuntimeException e) {
            // Tinder signals invalid JIDs with IllegalArgumentException; libidn may throw others on odd input.
            return Optional.empty();
        }
    }

    /** The prepared JID of node and domain, or empty when they do not form a valid bare JID. */
    public static Optional<JID> parse(String node, String domain) {
        if (node == null || node.isEmpty() || domain == null || domain.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new JID(node, domain, null));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
