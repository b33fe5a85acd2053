package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
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
 * @param undecided why nobody can tell whom the value names (DIRECTORY_UNAVAILABLE, a mapping's refusal such as
 *                  ISSUER_NAME_AMBIGUOUS or ISSUER_NOT_PINNED, or CA_NOT_ALLOWED when ca-restrictions keep the issuing CA from this source or
 *                  these accounts); null when {@code users} is the whole answer. XEP-0257 registration fails closed on it.
 */
public record CandidateExplanation(IdentitySource source, String value, String mapping, List<JID> users, List<String> notes,
                                   FailureReason undecided) {

    public CandidateExplanation(IdentitySource source, String value, String mapping, List<JID> users, List<String> notes) {
        this(source, value, mapping, users, notes, null);
    }

    public CandidateExplanation {
        users = List.copyOf(users);
        notes = List.copyOf(notes);
    }
}
