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
 * @param issuingCa   for the certificate source, the CA certificate that issued it on its validated path (null: not
 *                    known, or another source); what decides whether an issuer-name binding may count ({@link IssuerNamePins})
 */
public record CandidateIdentity(IdentitySource source, String value, String localPart, String domain, X509Certificate certificate,
                                String whole, X509Certificate issuingCa) {

    public CandidateIdentity(IdentitySource source, String value, String localPart, String domain) {
        this(source, value, localPart, domain, null, null, null);
    }

    /** A value that a directory is asked for as it is (cn, subject-dn capture without a domain). */
    static CandidateIdentity withoutDomain(IdentitySource source, String value, String user, String defaultDomain) {
        return new CandidateIdentity(source, value, user, defaultDomain, null, user, null);
    }

    /** The certificate source: the certificate is the value. */
    static CandidateIdentity certificate(String description, X509Certificate certificate) {
        return new CandidateIdentity(IdentitySource.CERTIFICATE, description, "", "", certificate, null, null);
    }

    /** The same candidate, with the CA that issued its certificate on the validated path (certificate source only). */
    CandidateIdentity issuedBy(X509Certificate ca) {
        return source == IdentitySource.CERTIFICATE ? new CandidateIdentity(source, value, localPart, domain, certificate, whole, ca) : this;
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
