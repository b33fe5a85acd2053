package org.igniterealtime.openfire.plugin.boshcertauth.identity;

/**
 * Maps a candidate identity found in a certificate to the Openfire accounts it stands for. {@link DomainIdentityMapper}
 * does it by domain (local part in a served or aliased domain); a directory look-up (e.g. LDAP through Openfire's
 * LdapManager: userPrincipalName, mail, altSecurityIdentities) is another implementation of this step.
 *
 * <p>Implementations must be thread-safe, must not throw for hostile values (a value that maps to nothing is
 * {@link IdentityMapping#skipped} with the reason), and must return bare JIDs.</p>
 */
public interface IdentityMapper {

    IdentityMapping map(CandidateIdentity candidate);
}
