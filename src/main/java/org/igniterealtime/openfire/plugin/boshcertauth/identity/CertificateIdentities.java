package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.xmpp.packet.JID;

import java.util.List;

/**
 * The identities a client certificate names, already prepared (RFC 7622) and reduced to bare JIDs.
 *
 * @param local    identities in a domain this server serves, in certificate order, without duplicates
 * @param foreign  identities in other domains (never usable here, reported as FOREIGN_DOMAIN when they are all there is)
 * @param skipped  why subjectAltName entries or fallback values were passed over
 * @param source   where the identities came from: "xmppAddr", "rfc822Name" or "commonName" (fallbacks), or "none"
 */
public record CertificateIdentities(List<JID> local, List<JID> foreign, List<String> skipped, String source) {

    public CertificateIdentities {
        local = List.copyOf(local);
        foreign = List.copyOf(foreign);
        skipped = List.copyOf(skipped);
    }

    public boolean isEmpty() {
        return local.isEmpty() && foreign.isEmpty();
    }
}
