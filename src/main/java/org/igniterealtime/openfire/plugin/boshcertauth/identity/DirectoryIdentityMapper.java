package org.igniterealtime.openfire.plugin.boshcertauth.identity;

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

    /**
     * @param userDomain the XMPP domain of the directory's users (empty when several domains are served and none is
     *                   the default: then directory mapping yields nobody)
     */
    public DirectoryIdentityMapper(DirectoryMapping mapping, DirectoryLookups lookups, IdentityMapper byDomain, Optional<String> userDomain) {
        this.mapping = mapping;
        this.lookups = lookups;
        this.byDomain = byDomain;
        this.userDomain = userDomain;
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
        final DirectoryQuery query;
        try {
            query = query(candidate, attributes);
        } catch (InvalidNameException | CertificateEncodingException | IllegalArgumentException e) {
            return IdentityMapping.skipped(candidate.source() + " '" + candidate.value() + "' cannot be looked up: " + e.getMessage());
        }
        final List<String> usernames = lookups.usernames(query, mapping.timeout(), mapping.cacheLifetime());
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

    static DirectoryQuery query(CandidateIdentity candidate, List<String> attributes) throws InvalidNameException, CertificateEncodingException {
        final List<DirectoryQuery.Assertion> assertions = new ArrayList<>();
        for (String attribute : attributes) {
            if (candidate.source() != IdentitySource.CERTIFICATE) {
                assertions.add(DirectoryQuery.Assertion.text(attribute, candidate.lookupValue()));
                continue;
            }
            final X509Certificate certificate = candidate.certificate();
            final String name = attribute.toLowerCase(Locale.ROOT);
            if (name.equals("altsecurityidentities")) {
                CertificateBinding.altSecurityIdentities(certificate).forEach(v -> assertions.add(DirectoryQuery.Assertion.text(attribute, v)));
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
