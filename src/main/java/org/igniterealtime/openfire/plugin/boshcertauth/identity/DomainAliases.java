package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import java.net.IDN;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Domains of certificate identities that stand for an XMPP domain this server serves
 * ({@code boshcertauth.identity.domain-aliases}, e.g. {@code corp.example.com=example.com}: the UPN suffix of an Active
 * Directory forest → the XMPP domain). Both sides are compared in ASCII (A-label) lower case, like {@link ServedDomains}.
 * An alias applies to the upn, email and subject-dn sources, never to an xmppAddr (which is a JID already).
 */
public final class DomainAliases {

    public static final DomainAliases NONE = new DomainAliases(Map.of());

    private final Map<String, String> targets;

    private DomainAliases(Map<String, String> targets) {
        this.targets = Map.copyOf(targets);
    }

    /**
     * Parses {@code alias=domain} entries separated by commas. Every entry must be valid: one bad entry rejects the whole
     * list, so a typo never leaves half of the aliases in force unnoticed.
     *
     * @throws IllegalArgumentException naming every bad entry
     */
    public static DomainAliases parse(String setting) {
        final Map<String, String> targets = new LinkedHashMap<>();
        final List<String> problems = new ArrayList<>();
        for (String entry : (setting == null ? "" : setting).split(",", -1)) {
            final String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            final int equals = trimmed.indexOf('=');
            if (equals < 0 || trimmed.indexOf('=', equals + 1) >= 0) {
                problems.add("'" + trimmed + "' is not alias=domain");
                continue;
            }
            final Optional<String> alias = domainName(trimmed.substring(0, equals).strip());
            final Optional<String> target = domainName(trimmed.substring(equals + 1).strip());
            if (alias.isEmpty() || target.isEmpty()) {
                problems.add("'" + trimmed + "' does not name two valid domains");
            } else if (alias.get().equals(target.get())) {
                problems.add("'" + trimmed + "' maps a domain onto itself");
            } else if (targets.containsKey(alias.get()) && !targets.get(alias.get()).equals(target.get())) {
                problems.add("'" + alias.get() + "' is mapped to both " + targets.get(alias.get()) + " and " + target.get());
            } else {
                targets.put(alias.get(), target.get());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return targets.isEmpty() ? NONE : new DomainAliases(targets);
    }

    /** The XMPP domain the given identity domain stands for, if it is an alias. */
    public Optional<String> target(String domain) {
        return domain == null ? Optional.empty() : Optional.ofNullable(targets.get(ServedDomains.canonical(domain)));
    }

    /** Alias → XMPP domain, both in ASCII lower case. */
    public Map<String, String> asMap() {
        return targets;
    }

    public boolean isEmpty() {
        return targets.isEmpty();
    }

    /**
     * A host name in ASCII lower case (IDN A-labels), or empty when the text is no valid DNS name (STD3 rules: letters,
     * digits, hyphens, dot-separated labels).
     */
    static Optional<String> domainName(String text) {
        if (text == null || text.isEmpty() || text.length() > 253) {
            return Optional.empty();
        }
        try {
            final String ascii = IDN.toASCII(text, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            return ascii.isEmpty() || ascii.startsWith(".") || ascii.endsWith(".") || ascii.contains("..")
                ? Optional.empty() : Optional.of(ascii);
        } catch (RuntimeException e) {
            // IllegalArgumentException for invalid names; the value may come from a certificate, so nothing else escapes
            return Optional.empty();
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DomainAliases that && that.targets.equals(targets);
    }

    @Override
    public int hashCode() {
        return targets.hashCode();
    }

    @Override
    public String toString() {
        return targets.toString();
    }
}
