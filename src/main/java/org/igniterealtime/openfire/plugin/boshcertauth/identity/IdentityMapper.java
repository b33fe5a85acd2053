package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import java.time.Duration;
import java.util.Optional;

/**
 * Maps a candidate identity found in a certificate to the Openfire accounts it stands for. {@link DomainIdentityMapper}
 * does it by domain (local part in a served or aliased domain); {@link DirectoryIdentityMapper} looks values up in
 * the user directory (LDAP through Openfire's LdapManager: userPrincipalName, mail, altSecurityIdentities, ...).
 *
 * <p>Implementations must be thread-safe, must not throw for hostile values (a value that maps to nothing is
 * {@link IdentityMapping#skipped} with the reason), and must return bare JIDs. The one exception they may throw is
 * {@link DirectoryUnavailableException}: the mapping could not be decided now.</p>
 */
public interface IdentityMapper {

    IdentityMapping map(CandidateIdentity candidate);

    /** How long a login verdict reached with this mapper may be reused at most (a directory can change); empty: no limit. */
    default Optional<Duration> answersValidFor() {
        return Optional.empty();
    }
}
