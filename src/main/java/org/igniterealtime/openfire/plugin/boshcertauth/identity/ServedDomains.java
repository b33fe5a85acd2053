package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import java.net.IDN;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The XMPP domains this server serves, compared in one canonical form: lower-case ASCII (A-labels). Tinder's JID
 * turns an internationalized domain into its A-label form, while administrators may configure either form, so both
 * sides are brought to ASCII before comparing.
 */
public final class ServedDomains {

    private final Set<String> asciiDomains;

    public ServedDomains(Set<String> domains) {
        this.asciiDomains = domains.stream().map(ServedDomains::canonical).collect(Collectors.toUnmodifiableSet());
    }

    public boolean serves(String domain) {
        return domain != null && asciiDomains.contains(canonical(domain));
    }

    /** Whether exactly one domain is served (the one a common-name fallback can default to). */
    public boolean isSingle() {
        return asciiDomains.size() == 1;
    }

    public String single() {
        return asciiDomains.iterator().next();
    }

    static String canonical(String domain) {
        try {
            return IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            // Not convertible: compare as given; it cannot equal a valid configured domain anyway.
            return domain.toLowerCase(Locale.ROOT);
        }
    }
}
