package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.xmpp.packet.JID;

import java.util.Optional;

/**
 * Maps a candidate to the account named by its local part when its domain is one this server serves, or (for upn,
 * email and subject-dn values) a configured alias of one. Any other domain makes it a foreign identity
 * (FOREIGN_DOMAIN when it is all the certificate offers).
 */
public final class DomainIdentityMapper implements IdentityMapper {

    private final ServedDomains domains;
    private final DomainAliases aliases;

    public DomainIdentityMapper(ServedDomains domains, DomainAliases aliases) {
        this.domains = domains;
        this.aliases = aliases;
    }

    @Override
    public IdentityMapping map(CandidateIdentity candidate) {
        if (candidate.source() == IdentitySource.CERTIFICATE) {
            return IdentityMapping.skipped("certificate: a certificate is bound to a user only in the user directory "
                + "(boshcertauth.identity.directory.attributes lists no attribute for the certificate source)");
        }
        String domain = candidate.domain();
        if (!domains.serves(domain) && candidate.domainMayBeAlias()) {
            domain = aliases.target(domain).orElse(domain);
        }
        final Optional<JID> jid = Jids.parse(candidate.localPart(), domain);
        if (jid.isEmpty()) {
            return IdentityMapping.skipped(candidate.source() + " '" + candidate.value() + "': '" + candidate.localPart()
                + "' is not a valid user name");
        }
        return domains.serves(jid.get().getDomain()) ? IdentityMapping.user(jid.get()) : IdentityMapping.foreign(jid.get());
    }
}
