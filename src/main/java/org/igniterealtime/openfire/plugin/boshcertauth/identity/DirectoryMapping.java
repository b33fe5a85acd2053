package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which identity sources are looked up in the user directory, and by which attribute
 * ({@code boshcertauth.identity.directory.attributes}, e.g.
 * {@code upn=userPrincipalName, email=mail, certificate=altSecurityIdentities, certificate=userCertificate}).
 * Sources not listed keep being mapped by domain. A source may name several attributes (any one matching counts).
 *
 * <p>For the {@code certificate} source the attribute decides the value asked for: {@code altSecurityIdentities}
 * gets AD's strong {@code X509:<I>…<SR>…} and {@code X509:<SKI>…} forms (and the weak {@code X509:<I>…<S>…} only with
 * {@code weakIssuerSubject}), {@code userCertificate} (any options) the certificate's DER, any other attribute (e.g. a
 * user property of Openfire's default store) the SHA-256 thumbprint (64 lower-case hex digits) and
 * {@code issuer-DN;serial-hex}. The forms that name the issuing CA by its DN ({@code <I><SR>}, {@code <I><S>},
 * {@code issuer-DN;serial}) count only for an issuing CA that {@link #issuerNamePins()} pins.</p>
 *
 * @param attributes        per source, the attributes looked up (empty: no directory look-ups at all)
 * @param timeout           how long a login waits for the directory
 * @param cacheLifetime     how long an answer is reused (and a directory-mapped login verdict at most)
 * @param weakIssuerSubject whether altSecurityIdentities is also asked for KB5014754's weak
 *                          {@code X509:<I>issuer<S>subject} form ({@code boshcertauth.identity.directory.weak-issuer-subject},
 *                          off by default); even then it is refused when two trusted CAs share the issuer's name
 * @param issuerNamePins    which issuing CAs the issuer-name forms ({@code <I><SR>}, {@code <I><S>}, {@code issuer-DN;serial})
 *                          may speak for ({@code boshcertauth.identity.directory.issuer-name-cas}; default the truststore)
 */
public record DirectoryMapping(Map<IdentitySource, List<String>> attributes, Duration timeout, Duration cacheLifetime,
                               boolean weakIssuerSubject, IssuerNamePins issuerNamePins) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_CACHE_LIFETIME = Duration.ofMinutes(5);
    public static final DirectoryMapping NONE = new DirectoryMapping(Map.of(), DEFAULT_TIMEOUT, DEFAULT_CACHE_LIFETIME);

    /** Without the weak altSecurityIdentities form (the default). */
    public DirectoryMapping(Map<IdentitySource, List<String>> attributes, Duration timeout, Duration cacheLifetime) {
        this(attributes, timeout, cacheLifetime, false, IssuerNamePins.TRUSTSTORE);
    }

    /** The same mapping, with or without the weak {@code X509:<I>issuer<S>subject} form. */
    public DirectoryMapping withWeakIssuerSubject(boolean weak) {
        return new DirectoryMapping(attributes, timeout, cacheLifetime, weak, issuerNamePins);
    }

    /** The same mapping, with these issuing CAs pinned for the issuer-name forms. */
    public DirectoryMapping withIssuerNamePins(IssuerNamePins pins) {
        return new DirectoryMapping(attributes, timeout, cacheLifetime, weakIssuerSubject, pins);
    }

    public DirectoryMapping {
        final Map<IdentitySource, List<String>> copy = new EnumMap<>(IdentitySource.class);
        attributes.forEach((source, names) -> copy.put(source, List.copyOf(names)));
        attributes = java.util.Collections.unmodifiableMap(copy);
        issuerNamePins = issuerNamePins == null ? IssuerNamePins.TRUSTSTORE : issuerNamePins;
        if (timeout.isNegative() || timeout.isZero() || cacheLifetime.isNegative() || cacheLifetime.isZero()) {
            throw new IllegalArgumentException("timeout and cache lifetime must be positive");
        }
    }

    public boolean isEmpty() {
        return attributes.isEmpty();
    }

    public List<String> attributesFor(IdentitySource source) {
        return attributes.getOrDefault(source, List.of());
    }

    /**
     * Parses {@code source=attribute, ...}.
     *
     * @throws IllegalArgumentException naming every bad entry: unknown source, xmppAddr (a JID is mapped by XEP-0178,
     *                                  never looked up), invalid attribute description, repeated pair
     */
    public static DirectoryMapping parse(String setting, Duration timeout, Duration cacheLifetime) {
        final Map<IdentitySource, List<String>> attributes = new LinkedHashMap<>();
        final List<String> problems = new ArrayList<>();
        for (String entry : (setting == null ? "" : setting).split(",", -1)) {
            final String item = entry.strip();
            if (item.isEmpty()) {
                continue;
            }
            final int equals = item.indexOf('=');
            if (equals <= 0 || equals == item.length() - 1) {
                problems.add("'" + CandidateReader.printable(item) + "' is not of the form source=attribute");
                continue;
            }
            final String sourceName = item.substring(0, equals).strip();
            final String attribute = item.substring(equals + 1).strip();
            final List<IdentitySource> parsed = IdentitySource.parseListOrEmpty(sourceName);
            if (parsed.size() != 1) {
                problems.add("unknown identity source '" + CandidateReader.printable(sourceName) + "'");
            } else if (parsed.get(0) == IdentitySource.XMPP_ADDR) {
                problems.add("xmppAddr is a JID and is never looked up in a directory");
            } else if (!LdapFilter.isAttributeDescription(attribute)) {
                problems.add("'" + CandidateReader.printable(attribute) + "' is not an attribute name");
            } else {
                final List<String> names = attributes.computeIfAbsent(parsed.get(0), s -> new ArrayList<>());
                if (names.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(attribute.toLowerCase(Locale.ROOT)))) {
                    problems.add("'" + item + "' is listed twice");
                } else {
                    names.add(attribute);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new DirectoryMapping(attributes, timeout, cacheLifetime);
    }

    /** As the setting writes it. */
    public String format() {
        final List<String> entries = new ArrayList<>();
        attributes.forEach((source, names) -> names.forEach(name -> entries.add(source.settingName() + "=" + name)));
        return String.join(", ", entries);
    }
}
