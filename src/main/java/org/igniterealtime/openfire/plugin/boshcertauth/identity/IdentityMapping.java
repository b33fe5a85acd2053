package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.xmpp.packet.JID;

import java.util.List;

/**
 * What one candidate identity maps to: accounts of this server (bare JIDs), identities in domains it does not serve,
 * or nothing (with the reason). A directory look-up may map one candidate to several accounts; XEP-0178 then decides
 * (several and no authzid: invalid-authzid).
 */
public record IdentityMapping(List<JID> users, List<JID> foreign, List<String> skipped) {

    public IdentityMapping {
        users = List.copyOf(users);
        foreign = List.copyOf(foreign);
        skipped = List.copyOf(skipped);
    }

    public static IdentityMapping user(JID jid) {
        return new IdentityMapping(List.of(jid), List.of(), List.of());
    }

    public static IdentityMapping foreign(JID jid) {
        return new IdentityMapping(List.of(), List.of(jid), List.of());
    }

    public static IdentityMapping skipped(String reason) {
        return new IdentityMapping(List.of(), List.of(), List.of(reason));
    }
}
