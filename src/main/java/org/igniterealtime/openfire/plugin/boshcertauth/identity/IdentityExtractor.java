package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.xmpp.packet.JID;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the XMPP identities of a client certificate: the candidates of the identity sources in the administrator's
 * order ({@code boshcertauth.identity.sources}), each mapped to accounts by an {@link IdentityMapper}; the first source
 * that yields any identity (local or foreign) is the one used, later sources are not consulted.
 *
 * <p>Decisions:</p>
 * <ul>
 *   <li>A certificate that carries any xmppAddr entry is judged by its xmppAddr alone (RFC 6120 §13.7.1.4,
 *       XEP-0178), whatever the order of the sources, and is refused when xmppAddr is not among them. An xmppAddr that
 *       is skipped (full JID, domain only, invalid, not a UTF8String, ...) still says which account the issuer meant;
 *       letting a UPN, e-mail address, DN or CN win over it would log the holder in as someone the issuer never named
 *       for XMPP.</li>
 *   <li>An xmppAddr with a resource (a full JID) is rejected: a certificate identifies an account, and silently
 *       dropping the resource would make a certificate issued for one purpose valid for another.</li>
 *   <li>A domain-only xmppAddr never authorizes a user (it identifies a server); it is skipped.</li>
 *   <li>The older switches map onto the sources: {@code emailFallback} appends {@code email}, {@code commonNameFallback}
 *       appends {@code cn} (in that order) when the list does not name them already.</li>
 * </ul>
 */
public final class IdentityExtractor {

    private final List<IdentitySource> sources;
    private final ServedDomains domains;
    private final CandidateReader reader;
    private final IdentityMapper mapper;
    private final IssuerRestrictions restrictions;
    private final Set<X509Certificate> trusted;

    /** Maps by domain (served domains and the policy's aliases). */
    public IdentityExtractor(CertificatePolicy policy) {
        this(policy, new DomainIdentityMapper(new ServedDomains(policy.domains()), policy.domainAliases()));
    }

    /**
     * Maps by domain, and the sources of the policy's {@link DirectoryMapping} through the directory; without a
     * directory (empty) such sources make every login a DIRECTORY_UNAVAILABLE.
     */
    public static IdentityExtractor forPolicy(CertificatePolicy policy, Optional<DirectoryLookups> directory) {
        final DomainIdentityMapper byDomain = new DomainIdentityMapper(new ServedDomains(policy.domains()), policy.domainAliases());
        if (policy.directoryMapping().isEmpty()) {
            return new IdentityExtractor(policy, byDomain);
        }
        final IdentityMapper mapper = directory.<IdentityMapper>map(lookups -> new DirectoryIdentityMapper(policy.directoryMapping(),
                lookups, byDomain, defaultDomain(policy), policy.trustedCertificatesAndAnchors()))
            .orElse(new NoDirectoryMapper(policy.directoryMapping(), byDomain));
        return new IdentityExtractor(policy, mapper);
    }

    /** The configured fallback domain, else the only served domain. */
    static Optional<String> defaultDomain(CertificatePolicy policy) {
        final ServedDomains served = new ServedDomains(policy.domains());
        return !policy.fallbackDomain().isEmpty() ? Optional.of(policy.fallbackDomain())
            : served.isSingle() ? Optional.of(served.single()) : Optional.empty();
    }

    /** Directory mapping configured, but no directory to ask (e.g. the offline command-line check). */
    private record NoDirectoryMapper(DirectoryMapping mapping, IdentityMapper byDomain) implements IdentityMapper {
        @Override
        public IdentityMapping map(CandidateIdentity candidate) {
            if (mapping.attributesFor(candidate.source()).isEmpty()) {
                return byDomain.map(candidate);
            }
            throw new DirectoryUnavailableException("no user directory is available to look up " + candidate.source());
        }
    }

    public IdentityExtractor(CertificatePolicy policy, IdentityMapper mapper) {
        this.sources = effectiveSources(policy);
        this.domains = new ServedDomains(policy.domains());
        this.reader = new CandidateReader(defaultDomain(policy), policy.subjectDnPattern());
        this.mapper = mapper;
        this.restrictions = policy.issuerRestrictions();
        this.trusted = policy.trustedCertificatesAndAnchors();
    }

    /** How long a verdict reached with this extractor's mapping may be reused at most; empty: no limit of its own. */
    public Optional<java.time.Duration> answersValidFor() {
        return mapper.answersValidFor();
    }

    /** The sources in the order they are tried: the configured list, then the older fallback switches. */
    public static List<IdentitySource> effectiveSources(CertificatePolicy policy) {
        final List<IdentitySource> result = new ArrayList<>(policy.identitySources());
        if (policy.emailFallback() && !result.contains(IdentitySource.EMAIL)) {
            result.add(IdentitySource.EMAIL);
        }
        if (policy.commonNameFallback() && !result.contains(IdentitySource.COMMON_NAME)) {
            result.add(IdentitySource.COMMON_NAME);
        }
        return List.copyOf(result);
    }

    public CertificateIdentities extract(X509Certificate certificate) throws MalformedSubjectAltNameException {
        return extract(certificate, List.of());
    }

    /**
     * The identities of a client certificate whose chain has been verified; {@code issuers} (the certificate's issuers
     * on the paths built to a trusted certificate) and the truststore are where its issuing CA is found for
     * {@code boshcertauth.identity.ca-restrictions}.
     */
    public CertificateIdentities extract(X509Certificate certificate, List<X509Certificate> issuers) throws MalformedSubjectAltNameException {
        final X509Certificate issuingCa = issuingCaIfNeeded(certificate, issuers);
        return extract(certificate, issuingCa, restrictions.ruleForLeaf(certificate, issuingCa));
    }

    /** As {@link #extract(X509Certificate, List)}, with the issuing CA and its ca-restrictions rule already found. */
    private CertificateIdentities extract(X509Certificate certificate, X509Certificate issuingCa, Optional<IssuerRestrictions.Rule> rule)
        throws MalformedSubjectAltNameException {
        final List<IdentitySource> sources = rule.isEmpty() ? this.sources
            : this.sources.stream().filter(rule.get()::allowsSource).toList();
        final SubjectAltNames names = SubjectAltNameReader.read(certificate);
        final List<String> skipped = new ArrayList<>(names.skipped());
        if (rule.isPresent() && sources.size() < this.sources.size()) {
            skipped.add("the issuing CA may use only the identity sources " + IdentitySource.format(sources)
                + " (boshcertauth.identity.ca-restrictions: '" + CandidateReader.printable(rule.get().text()) + "')");
        }
        final CertificateIdentities found;
        try {
            found = extract(certificate, names, sources, skipped, issuingCa);
        } catch (IdentityRefusedException e) {
            return CertificateIdentities.refused(e, skipped);
        }
        return rule.isEmpty() ? found : restrictDomains(found, rule.get());
    }

    /**
     * The identity of a certificate registered by {@code owner} (XEP-0257) at login: the owner, unless a configured
     * source maps the certificate to another account of this server ({@link FailureReason#REGISTRATION_CONFLICT}; a
     * mapping's refusal stands, a directory that cannot answer throws {@link DirectoryUnavailableException}) or the
     * issuing CA may not vouch for the owner's domain (ca-restrictions: the owner is then refused by the issuer).
     */
    public CertificateIdentities registered(X509Certificate certificate, List<X509Certificate> issuers, JID owner)
        throws MalformedSubjectAltNameException {
        final String source = IdentitySource.REGISTERED.settingName();
        // found once for the three uses below: each is a signature check, and the rule's another for most leaves
        final X509Certificate issuingCa = issuingCaIfNeeded(certificate, issuers);
        final Optional<IssuerRestrictions.Rule> rule = restrictions.ruleForLeaf(certificate, issuingCa);
        final CertificateIdentities configured = extract(certificate, issuingCa, rule);
        if (configured.refusal() != null) {
            return configured; // nobody can tell whom the certificate names: refused, not its owner
        }
        final Set<JID> others = new LinkedHashSet<>(configured.local());
        others.addAll(configured.refusedByIssuer());
        others.remove(owner);
        if (!others.isEmpty()) {
            final List<String> notes = new ArrayList<>(configured.skipped());
            notes.add("registered by " + owner + ", but its " + configured.source() + " names " + others);
            return new CertificateIdentities(List.of(), List.of(), notes, "none", List.of(), FailureReason.REGISTRATION_CONFLICT);
        }
        final Optional<String> refusedSource = registeredRefusedByIssuer(rule);
        if (refusedSource.isPresent()) {
            return new CertificateIdentities(List.of(), List.of(), List.of(refusedSource.get()), source, List.of(owner));
        }
        if (rule.isPresent() && !rule.get().allowsDomain(owner.getDomain())) {
            return new CertificateIdentities(List.of(), List.of(), List.of("the issuing CA may not vouch for " + owner
                + " (boshcertauth.identity.ca-restrictions: '" + CandidateReader.printable(rule.get().text()) + "')"), source, List.of(owner));
        }
        return new CertificateIdentities(List.of(owner), List.of(), List.of(), source);
    }

    /**
     * Why the issuing CA may not issue certificates that users register (ca-restrictions naming {@code registered}
     * for some CA, not for this one), empty when it may.
     */
    public Optional<String> registeredRefusedByIssuer(X509Certificate certificate, List<X509Certificate> issuers) {
        if (!restrictions.namesRegistered()) {
            return Optional.empty();
        }
        return registeredRefusedByIssuer(restrictions.ruleForLeaf(certificate, issuerOf(certificate, issuers)));
    }

    /** As {@link #registeredRefusedByIssuer(X509Certificate, List)}, with the issuing CA's rule already found. */
    private Optional<String> registeredRefusedByIssuer(Optional<IssuerRestrictions.Rule> rule) {
        if (!restrictions.namesRegistered()) {
            return Optional.empty();
        }
        return rule.filter(r -> !restrictions.allowsRegistered(r)).map(r -> "the issuing CA may not issue certificates that users register"
            + " (boshcertauth.identity.ca-restrictions: '" + CandidateReader.printable(r.text()) + "')");
    }

    /**
     * Every candidate of every configured source with its mapping (for "Test a certificate"), without the login's
     * short cuts; a directory that cannot answer is a note, not an exception.
     */
    public List<CandidateExplanation> explain(X509Certificate certificate, List<X509Certificate> issuers) throws MalformedSubjectAltNameException {
        final X509Certificate issuingCa = issuingCaIfNeeded(certificate, issuers);
        final Optional<IssuerRestrictions.Rule> rule = restrictions.ruleForLeaf(certificate, issuingCa);
        final SubjectAltNames names = SubjectAltNameReader.read(certificate);
        final List<CandidateExplanation> rows = new ArrayList<>();
        for (IdentitySource source : sources) {
            final List<String> attributes = directoryAttributes(source);
            final String mapping = attributes.isEmpty() ? "by domain" : "directory: " + String.join(", ", attributes);
            final List<String> skipped = new ArrayList<>();
            final List<CandidateIdentity> candidates = read(source, certificate, names, skipped, issuingCa);
            if (rule.isPresent() && !rule.get().allowsSource(source)) {
                // a value the CA may not vouch for by this source still says whom the CA meant: undecided, not "nobody"
                rows.add(new CandidateExplanation(source, "", "not used: the issuing CA may not use this source", List.of(), List.of(),
                    candidates.isEmpty() ? null : FailureReason.CA_NOT_ALLOWED));
                continue;
            }
            if (candidates.isEmpty()) {
                rows.add(new CandidateExplanation(source, "", mapping, List.of(), skipped));
            }
            for (CandidateIdentity candidate : candidates) {
                final List<String> notes = new ArrayList<>(skipped);
                skipped.clear();
                List<JID> users = List.of();
                FailureReason undecided = null;
                try {
                    final IdentityMapping mapped = mapper.map(candidate);
                    users = rule.isEmpty() ? mapped.users() : mapped.users().stream().filter(j -> rule.get().allowsDomain(j.getDomain())).toList();
                    notes.addAll(mapped.skipped());
                    mapped.foreign().forEach(j -> notes.add(j + " is in a domain this server does not serve"));
                    if (users.size() < mapped.users().size()) {
                        notes.add("the issuing CA may not vouch for some of " + mapped.users());
                        undecided = FailureReason.CA_NOT_ALLOWED;
                    }
                } catch (DirectoryUnavailableException e) {
                    notes.add("DIRECTORY_UNAVAILABLE: " + e.getMessage());
                    undecided = FailureReason.DIRECTORY_UNAVAILABLE;
                } catch (IdentityRefusedException e) {
                    notes.add(e.reason().name() + ": " + e.getMessage());
                    undecided = e.reason();
                }
                rows.add(new CandidateExplanation(source, candidate.value(), mapping, users, notes, undecided));
            }
        }
        return rows;
    }

    private List<String> directoryAttributes(IdentitySource source) {
        return mapper instanceof DirectoryIdentityMapper directory ? directory.attributesFor(source) : List.of();
    }

    /** Identities in domains the CA may not vouch for are refused, not dropped: they still decide the outcome. */
    private static CertificateIdentities restrictDomains(CertificateIdentities found, IssuerRestrictions.Rule rule) {
        final List<JID> allowed = found.local().stream().filter(j -> rule.allowsDomain(j.getDomain())).toList();
        if (allowed.size() == found.local().size()) {
            return found;
        }
        final List<JID> refused = found.local().stream().filter(j -> !rule.allowsDomain(j.getDomain())).toList();
        final List<String> skipped = new ArrayList<>(found.skipped());
        skipped.add("the issuing CA may not vouch for " + refused + " (boshcertauth.identity.ca-restrictions: '"
            + CandidateReader.printable(rule.text()) + "')");
        return new CertificateIdentities(allowed, found.foreign(), skipped, found.source(), refused);
    }

    /** The issuing CA when ca-restrictions need it, else null (see {@link #issuingCa}). */
    private X509Certificate issuerOf(X509Certificate leaf, List<X509Certificate> issuers) {
        return restrictions.isEmpty() ? null : issuingCa(leaf, issuers);
    }

    /**
     * The issuing CA when ca-restrictions or the certificate source (its issuer-name bindings, {@link IssuerNamePins})
     * need it, else null: one signature check, saved when neither is configured.
     */
    private X509Certificate issuingCaIfNeeded(X509Certificate leaf, List<X509Certificate> issuers) {
        return restrictions.isEmpty() && !sources.contains(IdentitySource.CERTIFICATE) ? null : issuingCa(leaf, issuers);
    }

    /** The CA certificate that issued the (verified) leaf: same name, and its key verifies the leaf's signature. */
    private X509Certificate issuingCa(X509Certificate leaf, List<X509Certificate> issuers) {
        // Only issuers on paths built to a trusted certificate, never any certificate the client merely sent: a copy of
        // its CA's certificate with the same name and key but other bytes (e.g. a broken signature) would otherwise
        // match no fingerprint rule and escape the CA's restriction.
        final List<X509Certificate> candidates = new ArrayList<>(issuers);
        candidates.addAll(trusted);
        for (X509Certificate candidate : candidates) {
            if (candidate.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
                try {
                    leaf.verify(candidate.getPublicKey());
                    return candidate;
                } catch (java.security.GeneralSecurityException | RuntimeException e) {
                    // another CA with the same name
                }
            }
        }
        return null;
    }

    private CertificateIdentities extract(X509Certificate certificate, SubjectAltNames names, List<IdentitySource> sources,
                                          List<String> skipped, X509Certificate issuingCa) {
        if (sources.contains(IdentitySource.UPN)) {
            // the UPN is a source here, not a passed-over entry
            skipped.removeIf(SubjectAltNameReader.notAnXmppAddr(SubjectAltNameReader.ID_MS_UPN)::equals);
        }

        if (names.carriesXmppAddr()) {
            final List<IdentitySource> others = sources.stream().filter(s -> s != IdentitySource.XMPP_ADDR).toList();
            if (!sources.contains(IdentitySource.XMPP_ADDR)) {
                skipped.add("the certificate carries an xmppAddr, which no other identity source may override, and xmppAddr "
                    + "is not among the identity sources");
                return identities(List.of(), IdentitySource.XMPP_ADDR, skipped);
            }
            final CertificateIdentities found = identities(map(IdentitySource.XMPP_ADDR, certificate, names, skipped, issuingCa),
                IdentitySource.XMPP_ADDR, skipped);
            if (found.isEmpty() && !others.isEmpty()) {
                skipped.add("the certificate carries an xmppAddr that cannot be used, so the identity sources "
                    + IdentitySource.format(others) + " do not apply");
                return identities(List.of(), IdentitySource.XMPP_ADDR, skipped);
            }
            return found;
        }
        for (IdentitySource source : sources) {
            if (source == IdentitySource.XMPP_ADDR) {
                continue; // there is none
            }
            final List<IdentityMapping> mappings = map(source, certificate, names, skipped, issuingCa);
            if (mappings.stream().anyMatch(m -> !m.users().isEmpty() || !m.foreign().isEmpty())) {
                return identities(mappings, source, skipped);
            }
        }
        return identities(List.of(), IdentitySource.XMPP_ADDR, skipped);
    }

    private List<IdentityMapping> map(IdentitySource source, X509Certificate certificate, SubjectAltNames names, List<String> skipped,
                                      X509Certificate issuingCa) {
        final List<IdentityMapping> mappings = new ArrayList<>();
        for (CandidateIdentity candidate : read(source, certificate, names, skipped, issuingCa)) {
            final IdentityMapping mapping = mapper.map(candidate);
            skipped.addAll(mapping.skipped());
            mappings.add(mapping);
        }
        return mappings;
    }

    /** A source's candidates, the certificate source's with the CA that issued the certificate on its validated path. */
    private List<CandidateIdentity> read(IdentitySource source, X509Certificate certificate, SubjectAltNames names, List<String> skipped,
                                         X509Certificate issuingCa) {
        return reader.read(source, certificate, names, skipped).stream().map(c -> c.issuedBy(issuingCa)).toList();
    }

    private CertificateIdentities identities(List<IdentityMapping> mappings, IdentitySource source, List<String> skipped) {
        final Set<JID> local = new LinkedHashSet<>();
        final Set<JID> foreign = new LinkedHashSet<>();
        for (IdentityMapping mapping : mappings) {
            local.addAll(mapping.users());
            foreign.addAll(mapping.foreign());
        }
        for (JID jid : foreign) {
            skipped.add(source + " " + jid + " is in a domain this server does not serve");
        }
        final String label = local.isEmpty() && foreign.isEmpty() ? "none" : source.settingName();
        return new CertificateIdentities(List.copyOf(local), List.copyOf(foreign), skipped, label);
    }
}
