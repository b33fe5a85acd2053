package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
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
 * @param refusal  why a mapping refused the certificate outright ({@link IdentityRefusedException}), else null
 */
public record CertificateIdentities(List<JID> local, List<JID> foreign, List<String> skipped, String source, List<JID> refusedByIssuer,
                                    FailureReason refusal) {

    public CertificateIdentities(List<JID> local, List<JID> foreign, List<String> skipped, String source) {
        this(local, foreign, skipped, source, List.of());
    }

    public CertificateIdentities(List<JID> local, List<JID> foreign, List<String> skipped, String source, List<JID> refusedByIssuer) {
        this(local, foreign, skipped, source, refusedByIssuer, null);
    }

    /** A mapping refused the certificate: no identity at all, the reason and its detail (among the skipped notes). */
    static CertificateIdentities refused(IdentityRefusedException refusal, List<String> skipped) {
        final List<String> notes = new java.util.ArrayList<>(skipped);
        notes.add(refusal.getMessage());
        return new CertificateIdentities(List.of(), List.of(), notes, "none", List.of(), refusal.reason());
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
