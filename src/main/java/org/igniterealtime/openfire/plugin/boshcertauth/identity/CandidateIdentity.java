package org.igniterealtime.openfire.plugin.boshcertauth.identity;

/**
 * One identity value a source found in a certificate, normalised for its type but not yet mapped to an account.
 *
 * @param source     the identity source that produced it
 * @param value      the value as found (for verdict details; already shortened and freed of control characters)
 * @param localPart  the user part: an xmppAddr's node, a UPN's or e-mail address's local part (as written), a CN
 * @param domain     the domain in ASCII lower case: an xmppAddr's domain, a UPN suffix or e-mail domain, or the default
 *                   domain for values that carry none (cn, a subject-dn capture without {@code @})
 */
public record CandidateIdentity(IdentitySource source, String value, String localPart, String domain) {

    /** Whether the domain came from the certificate and may be an alias ({@link DomainAliases}); an xmppAddr never is. */
    public boolean domainMayBeAlias() {
        return source == IdentitySource.UPN || source == IdentitySource.EMAIL || source == IdentitySource.SUBJECT_DN;
    }
}
