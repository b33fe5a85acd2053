package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.xmpp.packet.JID;

import java.util.List;

/**
 * For "Test a certificate": one candidate identity of one source, how it was mapped and to whom — every source the
 * policy lists, also those a login would not reach (the first source that yields an identity wins at login).
 *
 * @param source   the identity source
 * @param value    the value found (shortened, printable), or empty when the source found none
 * @param mapping  how it is mapped: "by domain", "directory: attr, attr" or why it is not used at all
 * @param users    the accounts it resolves to (bare JIDs)
 * @param notes    why values were skipped, foreign or refused
 */
public record CandidateExplanation(IdentitySource source, String value, String mapping, List<JID> users, List<String> notes) {

    public CandidateExplanation {
        users = List.copyOf(users);
        notes = List.copyOf(notes);
    }
}
