package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import javax.security.auth.x500.X500Principal;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which identity sources and XMPP domains each issuing CA may vouch for ({@code boshcertauth.identity.ca-restrictions}),
 * so that a partner CA in the same truststore cannot log in as staff. Entries are separated by {@code ;} or new lines,
 * each {@code issuer | sources | domains}:
 * <ul>
 *   <li>issuer: {@code sha256:<hex>} of the CA certificate that issued the client certificate (colons allowed), or
 *       that CA's subject DN (RFC 4514; compared as X.500 names), or {@code *} for every CA not listed otherwise;</li>
 *   <li>sources: identity source names separated by {@code ,}, or {@code *} for all; {@code registered} (certificates
 *       users register, XEP-0257) among them: once any entry names it, a CA whose entry does not allow it may not
 *       issue certificates that users register;</li>
 *   <li>domains: XMPP domains separated by {@code ,}, or {@code *} for all served ones.</li>
 * </ul>
 * A CA matching no entry (and no {@code *} entry) is not restricted. A sha256 entry wins over a DN entry for the
 * same CA (the DN can be copied by another CA; the certificate cannot).
 */
public record IssuerRestrictions(List<Rule> rules) {

    public static final IssuerRestrictions NONE = new IssuerRestrictions(List.of());
    /** What an invalid setting means: no CA may vouch for anyone (fail closed; the page refuses invalid values). */
    public static final IssuerRestrictions DENY_ALL = new IssuerRestrictions(List.of(
        new Rule(Optional.empty(), Optional.empty(), Set.of(), Set.of(), "invalid boshcertauth.identity.ca-restrictions")));

    /**
     * One entry. Empty sets mean nothing is allowed; {@code null} sets mean everything is.
     *
     * @param sha256 the CA certificate's SHA-256 (lower-case hex), when the entry names one
     * @param dn     the CA's subject DN, when the entry names one; both empty: the {@code *} entry
     */
    public record Rule(Optional<String> sha256, Optional<X500Principal> dn, Set<IdentitySource> sources, Set<String> domains, String text) {

        public boolean allowsSource(IdentitySource source) {
            return sources == null || sources.contains(source);
        }

        public boolean allowsDomain(String domain) {
            return domains == null || domains.contains(ServedDomains.canonical(domain));
        }

        boolean isDefault() {
            return sha256.isEmpty() && dn.isEmpty();
        }
    }

    public IssuerRestrictions {
        rules = List.copyOf(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * Whether any entry names {@code registered} (XEP-0257): only then are certificates users register restricted by
     * CA (see {@link #allowsRegistered}); a setting that never names it keeps them to the CA's domains alone.
     */
    public boolean namesRegistered() {
        return rules.stream().anyMatch(r -> r.sources() != null && r.sources().contains(IdentitySource.REGISTERED));
    }

    /** Whether a certificate from the CA of this rule may be registered and log in as its owner (XEP-0257). */
    public boolean allowsRegistered(Rule rule) {
        return !namesRegistered() || rule.allowsSource(IdentitySource.REGISTERED);
    }

    /**
     * The rule for a client certificate: as {@link #ruleFor(X509Certificate, X500Principal)}, except that a self-signed
     * one (its own issuer, e.g. a registered certificate with allow-self-signed) only ever gets the {@code *} entry: its
     * issuer name, and the certificate standing in for its CA, are whatever its holder chose, so a DN or sha256 entry
     * of a CA would otherwise be taken over by a certificate copying that CA's name (review M3).
     *
     * @param issuer the CA certificate that issued it, whose key verified its signature (null when unknown)
     */
    public Optional<Rule> ruleForLeaf(X509Certificate leaf, X509Certificate issuer) {
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        if (selfSigned(leaf, issuer)) {
            return rules.stream().filter(Rule::isDefault).findFirst();
        }
        return ruleFor(issuer, leaf.getIssuerX500Principal());
    }

    /**
     * Its own issuer by name, or its own key verifies its signature. With the issuing CA known (its key verified the
     * leaf's signature), the latter is whether the leaf carries the CA's key: no second signature check, which would fail
     * for every normally issued certificate.
     */
    private static boolean selfSigned(X509Certificate leaf, X509Certificate issuer) {
        if (leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
            return true;
        }
        if (issuer != null) {
            return java.util.Arrays.equals(issuer.getPublicKey().getEncoded(), leaf.getPublicKey().getEncoded())
                || issuer.getPublicKey().equals(leaf.getPublicKey());
        }
        try {
            leaf.verify(leaf.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The rule for the CA that issued a client certificate (null when unknown), or empty: unrestricted. */
    public Optional<Rule> ruleFor(X509Certificate issuer, X500Principal issuerName) {
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        if (issuer != null) {
            try {
                final String digest = CertificateBinding.sha256(issuer);
                final Optional<Rule> byCertificate = rules.stream().filter(r -> r.sha256().filter(digest::equals).isPresent()).findFirst();
                if (byCertificate.isPresent()) {
                    return byCertificate;
                }
            } catch (java.security.cert.CertificateEncodingException e) {
                // cannot match by certificate; the DN and default rules still apply
            }
        }
        final Optional<Rule> byName = rules.stream().filter(r -> r.dn().filter(issuerName::equals).isPresent()).findFirst();
        return byName.isPresent() ? byName : rules.stream().filter(Rule::isDefault).findFirst();
    }

    /** @throws IllegalArgumentException naming every bad entry */
    public static IssuerRestrictions parse(String setting) {
        final List<Rule> rules = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        for (String raw : (setting == null ? "" : setting).split("[;\\n]")) {
            final String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            final String[] parts = entry.split("\\|", -1);
            if (parts.length != 3) {
                problems.add("'" + CandidateReader.printable(entry) + "' is not of the form issuer | sources | domains");
                continue;
            }
            try {
                rules.add(rule(parts[0].strip(), parts[1].strip(), parts[2].strip(), entry));
            } catch (IllegalArgumentException e) {
                problems.add("'" + CandidateReader.printable(entry) + "': " + e.getMessage());
            }
        }
        for (int i = 0; i < rules.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (rules.get(i).sha256().equals(rules.get(j).sha256()) && rules.get(i).dn().equals(rules.get(j).dn())) {
                    problems.add("the CA of '" + CandidateReader.printable(rules.get(i).text()) + "' is listed twice");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new IssuerRestrictions(rules);
    }

    private static Rule rule(String issuer, String sources, String domains, String text) {
        Optional<String> sha256 = Optional.empty();
        Optional<X500Principal> dn = Optional.empty();
        if (issuer.toLowerCase(Locale.ROOT).startsWith("sha256:")) {
            final String hex = issuer.substring(7).replace(":", "").strip().toLowerCase(Locale.ROOT);
            if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException("a SHA-256 fingerprint has 64 hex digits");
            }
            HexFormat.of().parseHex(hex);
            sha256 = Optional.of(hex);
        } else if (!issuer.equals("*")) {
            try {
                dn = Optional.of(new X500Principal(issuer));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + CandidateReader.printable(issuer) + "' is neither sha256:<hex>, a DN nor *");
            }
        }
        return new Rule(sha256, dn, sources(sources), domains(domains), text);
    }

    private static Set<IdentitySource> sources(String list) {
        if (list.equals("*")) {
            return null;
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no identity source (use * for all)");
        }
        // "registered" (XEP-0257) is no configured source (IdentitySource.parseList refuses it) but may be named here
        final List<String> configured = new ArrayList<>();
        int registered = 0;
        for (String entry : list.split(",", -1)) {
            if (entry.strip().equalsIgnoreCase(IdentitySource.REGISTERED.settingName())) {
                registered++;
            } else {
                configured.add(entry);
            }
        }
        if (registered > 1) {
            throw new IllegalArgumentException("identity source '" + IdentitySource.REGISTERED.settingName() + "' is listed twice");
        }
        final Set<IdentitySource> sources = new LinkedHashSet<>();
        if (registered == 0 || configured.stream().anyMatch(e -> !e.isBlank())) {
            sources.addAll(IdentitySource.parseList(String.join(",", configured)));
        }
        if (registered == 1) {
            sources.add(IdentitySource.REGISTERED);
        }
        return Set.copyOf(sources);
    }

    private static Set<String> domains(String list) {
        if (list.equals("*")) {
            return null;
        }
        final Set<String> domains = new LinkedHashSet<>();
        for (String entry : list.split(",")) {
            final Optional<String> domain = DomainAliases.domainName(entry.strip());
            if (domain.isEmpty()) {
                throw new IllegalArgumentException("'" + CandidateReader.printable(entry.strip()) + "' is not a domain name");
            }
            domains.add(ServedDomains.canonical(domain.get()));
        }
        return Set.copyOf(domains);
    }
}
