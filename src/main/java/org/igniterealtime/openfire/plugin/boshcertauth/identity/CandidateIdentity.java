package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import java.security.cert.X509Certificate;

/**
 * One identity value a source found in a certificate, normalised for its type but not yet mapped to an account.
 *
 * @param source      the identity source that produced it
 * @param value       the value as found (for verdict details; already shortened and freed of control characters)
 * @param localPart   the user part: an xmppAddr's node, a UPN's or e-mail address's local part (as written), a CN
 * @param domain      the domain in ASCII lower case: an xmppAddr's domain, a UPN suffix or e-mail domain, or the default
 *                    domain for values that carry none (cn, a subject-dn capture without {@code @}); empty for the
 *                    certificate source
 * @param certificate the certificate itself, for the certificate source (null for the others)
 * @param whole       the whole value, unshortened, as a directory is asked for it (null: {@code localPart@domain})
 */
public record CandidateIdentity(IdentitySource source, String value, String localPart, String domain, X509Certificate certificate,
                                String whole) {

    public CandidateIdentity(IdentitySource source, String value, String localPart, String domain) {
        this(source, value, localPart, domain, null, null);
    }

    /** A value that a directory is asked for as it is (cn, subject-dn capture without a domain). */
    static CandidateIdentity withoutDomain(IdentitySource source, String value, String user, String defaultDomain) {
        return new CandidateIdentity(source, value, user, defaultDomain, null, user);
    }

    /** The certificate source: the certificate is the value. */
    static CandidateIdentity certificate(String description, X509Certificate certificate) {
        return new CandidateIdentity(IdentitySource.CERTIFICATE, description, "", "", certificate, null);
    }

    /** Whether the domain came from the certificate and may be an alias ({@link DomainAliases}); an xmppAddr never is. */
    public boolean domainMayBeAlias() {
        return source == IdentitySource.UPN || source == IdentitySource.EMAIL || source == IdentitySource.SUBJECT_DN;
    }

    /**
     * The whole value to look up in a directory, unshortened: {@code local@domain} for values that carried a domain
     * (UPN, e-mail, subject-dn with {@code @}), the local part alone for those that did not (cn, subject-dn without).
     */
    public String lookupValue() {
        return whole != null ? whole : localPart + "@" + domain;
    }
}
