package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.xmpp.packet.JID;

import java.util.List;

/**
 * The identities a client certificate names, from one identity source, already mapped to bare JIDs (RFC 7622).
 *
 * @param local    identities in a domain this server serves, in certificate order, without duplicates
 * @param foreign  identities in other domains (never usable here, reported as FOREIGN_DOMAIN when they are all there is)
 * @param skipped  why subjectAltName entries or other candidate values were passed over
 * @param refusedByIssuer identities of this server that the issuing CA may not vouch for (ca-restrictions)
 * @param source   the identity source they came from ({@link IdentitySource#settingName()}: "xmppAddr", "upn",
 *                 "email", "subject-dn", "cn"), or "none"
 */
public record CertificateIdentities(List<JID> local, List<JID> foreign, List<String> skipped, String source, List<JID> refusedByIssuer) {

    public CertificateIdentities(List<JID> local, List<JID> foreign, List<String> skipped, String source) {
        this(local, foreign, skipped, source, List.of());
    }

    public CertificateIdentities {
        refusedByIssuer = List.copyOf(refusedByIssuer);
        local = List.copyOf(local);
        foreign = List.copyOf(foreign);
        skipped = List.copyOf(skipped);
    }

    public boolean isEmpty() {
        return local.isEmpty() && foreign.isEmpty();
    }
}
