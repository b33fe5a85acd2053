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
        final Assertions forms;
        try {
            forms = assertions(candidate, attributes);
        } catch (InvalidNameException | CertificateEncodingException | IllegalArgumentException e) {
            return IdentityMapping.skipped(candidate.source() + " '" + candidate.value() + "' cannot be looked up: " + e.getMessage());
        }
        // Forms that name the issuing CA by its DN count only for a pinned issuing CA (review M6). Pinned by being in
        // the truststore (no pin list), the CA may share its name with another truststore CA (another key), and then no
        // issuer-name form can say which of them the binding means: the other one picks the serial or subject it likes
        // (review M1); a pin list names the CAs by certificate and settles that. Refused forms are asked for on their
        // own, and only to refuse the certificate with the reason (it did name someone), never to log in.
        final boolean weak = weakIssuerSubjectAsked(candidate, attributes);
        final List<DirectoryQuery.Assertion> issuerNamed = new ArrayList<>(forms.issuerName());
        if (weak) {
            issuerNamed.addAll(forms.weakIssuerName());
        }
        final List<DirectoryQuery.Assertion> asked = new ArrayList<>(forms.direct());
        final List<DirectoryQuery.Assertion> refusing = new ArrayList<>();
        FailureReason refusal = null;
        if (!issuerNamed.isEmpty()) {
            if (!mapping.issuerNamePins().pins(candidate.issuingCa(), trusted)) {
                refusal = FailureReason.ISSUER_NOT_PINNED;
                refusing.addAll(issuerNamed);
            } else if (mapping.issuerNamePins().truststore() && issuerNameShared(candidate.certificate())) {
                refusal = FailureReason.ISSUER_NAME_AMBIGUOUS;
                refusing.addAll(issuerNamed);
            } else {
                asked.addAll(issuerNamed);
            }
        }
        final List<String> usernames = asked.isEmpty() ? List.of()
            : lookups.usernames(new DirectoryQuery(asked), mapping.timeout(), mapping.cacheLifetime());
        if (usernames.isEmpty() && !refusing.isEmpty()) {
            final DirectoryQuery onlyToRefuse = new DirectoryQuery(refusing);
            if (!lookups.usernames(onlyToRefuse, mapping.timeout(), mapping.cacheLifetime()).isEmpty()) {
                throw new IdentityRefusedException(refusal, candidate.source() + " '" + candidate.value() + "' is bound only by "
                    + onlyToRefuse + (refusal == FailureReason.ISSUER_NOT_PINNED ? ", " + notPinned(candidate)
                    : ", which name the issuing CA by its name only, and several truststore CAs (different keys) are named '"
                      + CandidateReader.printable(candidate.certificate().getIssuerX500Principal().getName())
                      + "' (list the CA meant in boshcertauth.identity.directory.issuer-name-cas)"));
            }
        }
        if (usernames.isEmpty()) {
            return IdentityMapping.skipped(candidate.source() + " '" + candidate.value() + "': no user in " + lookups.directory().describe()
                + " has " + (asked.isEmpty() ? new DirectoryQuery(refusing) : new DirectoryQuery(asked)));
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
     * Whether two trusted CAs (two different keys) carry the certificate's issuer name: then no issuer-name form
     * ({@code <I>issuer<SR>serial}, {@code <I>issuer<S>subject}, {@code issuer;serial}) can say which of them issued it
     * (a partner CA named like the staff CA would pick a staff member's serial or subject). Two certificates
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

    /** Why an issuer-name binding does not count for this certificate's issuing CA. */
    private String notPinned(CandidateIdentity candidate) {
        final X509Certificate ca = candidate.issuingCa();
        String name;
        try {
            name = ca == null ? null : "'" + CandidateReader.printable(ca.getSubjectX500Principal().getName()) + "', SHA-256 " + CertificateBinding.sha256(ca);
        } catch (CertificateEncodingException e) {
            name = "'" + CandidateReader.printable(ca.getSubjectX500Principal().getName()) + "'";
        }
        return "which name the issuing CA by its name only, and " + (name == null
            ? "the CA that issued it is not known on a validated path, so it is not pinned"
            : "the CA that issued it (" + name + ") is not pinned for them: " + mapping.issuerNamePins().describe());
    }

    /**
     * A candidate's assertions by what they rest on.
     *
     * @param direct         the value itself, or a binding of this certificate or its key (thumbprint, DER,
     *                       {@code <SKI>} computed from the key): only the key's holder can use them
     * @param issuerName     the issuing CA by name and the serial it chose: {@code X509:<I>…<SR>…}, {@code issuer-DN;serial}
     * @param weakIssuerName the issuing CA by name and the subject it chose: {@code X509:<I>…<S>…} (asked only when opted in)
     */
    record Assertions(List<DirectoryQuery.Assertion> direct, List<DirectoryQuery.Assertion> issuerName,
                      List<DirectoryQuery.Assertion> weakIssuerName) {}

    static Assertions assertions(CandidateIdentity candidate, List<String> attributes) throws InvalidNameException, CertificateEncodingException {
        final List<DirectoryQuery.Assertion> direct = new ArrayList<>();
        final List<DirectoryQuery.Assertion> issuerName = new ArrayList<>();
        final List<DirectoryQuery.Assertion> weakIssuerName = new ArrayList<>();
        for (String attribute : attributes) {
            if (candidate.source() != IdentitySource.CERTIFICATE) {
                direct.add(DirectoryQuery.Assertion.text(attribute, candidate.lookupValue()));
                continue;
            }
            final X509Certificate certificate = candidate.certificate();
            final String name = attribute.toLowerCase(Locale.ROOT);
            if (isAltSecurityIdentities(attribute)) {
                weakIssuerName.add(DirectoryQuery.Assertion.text(attribute, CertificateBinding.weakAltSecurityIdentity(certificate)));
                issuerName.add(DirectoryQuery.Assertion.text(attribute, CertificateBinding.issuerSerialAltSecurityIdentity(certificate)));
                CertificateBinding.subjectKeyIdentifier(certificate).ifPresent(ski ->
                    direct.add(DirectoryQuery.Assertion.text(attribute, CertificateBinding.keyAltSecurityIdentity(ski))));
            } else if (name.equals("usercertificate") || name.startsWith("usercertificate;")) {
                direct.add(DirectoryQuery.Assertion.binary(attribute, certificate.getEncoded()));
            } else {
                direct.add(DirectoryQuery.Assertion.text(attribute, CertificateBinding.sha256(certificate)));
                issuerName.add(DirectoryQuery.Assertion.text(attribute, CertificateBinding.issuerAndSerial(certificate)));
            }
        }
        return new Assertions(List.copyOf(direct), List.copyOf(issuerName), List.copyOf(weakIssuerName));
    }
}
