package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.xmpp.packet.JID;

import javax.naming.InvalidNameException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Maps candidates of the sources listed in the {@link DirectoryMapping} by looking them up in the user directory
 * (Openfire's LDAP or its default user store, through {@link DirectoryLookups}); other sources are handed to the
 * domain mapper. Every account found is a user of the XMPP domain (the directory is this server's user store); one
 * value may name several accounts (two entries with the same mail), and XEP-0178 then decides: no authzid is
 * AMBIGUOUS_IDENTITY (invalid-authzid), an authzid among them selects that one.
 *
 * <p>Values are asked for as the certificate carries them ({@code user@suffix} for UPN and e-mail, the captured text
 * for subject-dn, the CN); the directory's own matching rule decides case (AD: case-insensitive). A directory that
 * cannot answer is a {@link DirectoryUnavailableException}, never "no such user".</p>
 */
public final class DirectoryIdentityMapper implements IdentityMapper {

    private final DirectoryMapping mapping;
    private final DirectoryLookups lookups;
    private final IdentityMapper byDomain;
    private final Optional<String> userDomain;
    private final Set<X509Certificate> trusted;

    /**
     * @param userDomain the XMPP domain of the directory's users (empty when several domains are served and none is
     *                   the default: then directory mapping yields nobody)
     * @param trusted    the trusted CA certificates, to tell whether an issuer name is shared by two of them (then
     *                   the weak altSecurityIdentities form cannot say which CA vouched)
     */
    public DirectoryIdentityMapper(DirectoryMapping mapping, DirectoryLookups lookups, IdentityMapper byDomain, Optional<String> userDomain,
                                   Set<X509Certificate> trusted) {
        this.mapping = mapping;
        this.lookups = lookups;
        this.byDomain = byDomain;
        this.userDomain = userDomain;
        this.trusted = Set.copyOf(trusted);
    }

    @Override
    public IdentityMapping map(CandidateIdentity candidate) {
        final List<String> attributes = mapping.attributesFor(candidate.source());
        if (attributes.isEmpty()) {
            return byDomain.map(candidate);
        }
        if (userDomain.isEmpty()) {
            return IdentityMapping.skipped(candidate.source() + " '" + candidate.value()
                + "': no default XMPP domain for directory users (several domains are served)");
        }
        // The weak AD form (opt-in) is asked for with the others, unless the issuer's name is shared by two trusted
        // CAs: then it is asked for on its own, and only to refuse the certificate with that reason.
        final boolean weak = weakIssuerSubjectAsked(candidate, attributes);
        final boolean ambiguousIssuer = weak && issuerNameShared(candidate.certificate());
        final DirectoryQuery query;
        final Optional<DirectoryQuery> weakOnly;
        try {
            query = query(candidate, attributes, weak && !ambiguousIssuer);
            weakOnly = ambiguousIssuer ? Optional.of(weakQuery(candidate, attributes)) : Optional.empty();
        } catch (InvalidNameException | CertificateEncodingException | IllegalArgumentException e) {
            return IdentityMapping.skipped(candidate.source() + " '" + candidate.value() + "' cannot be looked up: " + e.getMessage());
        }
        final List<String> usernames = lookups.usernames(query, mapping.timeout(), mapping.cacheLifetime());
        if (usernames.isEmpty() && weakOnly.isPresent()
            && !lookups.usernames(weakOnly.get(), mapping.timeout(), mapping.cacheLifetime()).isEmpty()) {
            throw new IdentityRefusedException(FailureReason.ISSUER_NAME_AMBIGUOUS, candidate.source() + " '" + candidate.value()
                + "' is bound only by " + weakOnly.get() + " (KB5014754's weak form), and several trusted CAs are named '"
                + CandidateReader.printable(candidate.certificate().getIssuerX500Principal().getName()) + "'");
        }
        if (usernames.isEmpty()) {
            return IdentityMapping.skipped(candidate.source() + " '" + candidate.value() + "': no user in " + lookups.directory().describe()
                + " has " + query);
        }
        final Set<JID> users = new LinkedHashSet<>();
        final List<String> skipped = new ArrayList<>();
        for (String username : usernames) {
            final Optional<JID> jid = Jids.parse(JID.escapeNode(username), userDomain.get());
            if (jid.isPresent()) {
                users.add(jid.get());
            } else {
                skipped.add(candidate.source() + " '" + candidate.value() + "': directory user '" + CandidateReader.printable(username)
                    + "' is not a valid XMPP user name");
            }
        }
        return new IdentityMapping(List.copyOf(users), List.of(), skipped);
    }

    /** The attributes a source is looked up by (empty: mapped by domain). */
    public List<String> attributesFor(IdentitySource source) {
        return mapping.attributesFor(source);
    }

    @Override
    public Optional<Duration> answersValidFor() {
        return mapping.isEmpty() ? Optional.empty() : Optional.of(mapping.cacheLifetime());
    }

    private boolean weakIssuerSubjectAsked(CandidateIdentity candidate, List<String> attributes) {
        return mapping.weakIssuerSubject() && candidate.source() == IdentitySource.CERTIFICATE
            && attributes.stream().anyMatch(DirectoryIdentityMapper::isAltSecurityIdentities);
    }

    /**
     * Whether two trusted CAs (two different keys) carry the certificate's issuer name: then {@code <I>issuer<S>subject}
     * cannot say which of them issued it (a partner CA renamed like the staff CA would map as staff). Two certificates
     * of one CA with the same key (a renewed CA certificate) are one CA.
     */
    boolean issuerNameShared(X509Certificate certificate) {
        final Set<java.security.PublicKey> keys = new java.util.HashSet<>();
        for (X509Certificate ca : trusted) {
            if (ca.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                keys.add(ca.getPublicKey());
            }
        }
        return keys.size() > 1;
    }

    private static boolean isAltSecurityIdentities(String attribute) {
        return attribute.toLowerCase(Locale.ROOT).equals("altsecurityidentities");
    }

    /** The weak form alone, for each altSecurityIdentities attribute. */
    private static DirectoryQuery weakQuery(CandidateIdentity candidate, List<String> attributes) throws InvalidNameException {
        final List<DirectoryQuery.Assertion> assertions = new ArrayList<>();
        for (String attribute : attributes) {
            if (isAltSecurityIdentities(attribute)) {
                assertions.add(DirectoryQuery.Assertion.text(attribute, CertificateBinding.weakAltSecurityIdentity(candidate.certificate())));
            }
        }
        return new DirectoryQuery(assertions);
    }

    /** @param weakIssuerSubject whether altSecurityIdentities is also asked for the weak {@code <I><S>} form */
    static DirectoryQuery query(CandidateIdentity candidate, List<String> attributes, boolean weakIssuerSubject)
        throws InvalidNameException, CertificateEncodingException {
        final List<DirectoryQuery.Assertion> assertions = new ArrayList<>();
        for (String attribute : attributes) {
            if (candidate.source() != IdentitySource.CERTIFICATE) {
                assertions.add(DirectoryQuery.Assertion.text(attribute, candidate.lookupValue()));
                continue;
            }
            final X509Certificate certificate = candidate.certificate();
            final String name = attribute.toLowerCase(Locale.ROOT);
            if (isAltSecurityIdentities(attribute)) {
                if (weakIssuerSubject) {
                    assertions.add(DirectoryQuery.Assertion.text(attribute, CertificateBinding.weakAltSecurityIdentity(certificate)));
                }
                CertificateBinding.strongAltSecurityIdentities(certificate).forEach(v -> assertions.add(DirectoryQuery.Assertion.text(attribute, v)));
            } else if (name.equals("usercertificate") || name.startsWith("usercertificate;")) {
                assertions.add(DirectoryQuery.Assertion.binary(attribute, certificate.getEncoded()));
            } else {
                assertions.add(DirectoryQuery.Assertion.text(attribute, CertificateBinding.sha256(certificate)));
                assertions.add(DirectoryQuery.Assertion.text(attribute, CertificateBinding.issuerAndSerial(certificate)));
            }
        }
        return new DirectoryQuery(assertions);
    }
}
