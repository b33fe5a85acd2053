package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where in a client certificate an identity may be taken from; the administrator lists the sources in the order they
 * are tried ({@code boshcertauth.identity.sources}). A certificate that carries any xmppAddr is judged by its
 * xmppAddr alone, whatever the order: the issuer said which XMPP account the certificate is for.
 */
public enum IdentitySource {
    /** id-on-xmppAddr otherName (RFC 6120 §13.7.1.4, XEP-0178): a JID. */
    XMPP_ADDR("xmppAddr"),
    /** Microsoft User Principal Name otherName (1.3.6.1.4.1.311.20.2.3, UTF8String): {@code user@upn-suffix}. */
    UPN("upn"),
    /** rfc822Name subjectAltNames, or the subject's emailAddress attribute when there is none. */
    EMAIL("email"),
    /** One capture group of a regular expression over the subject DN (RFC 4514 form). */
    SUBJECT_DN("subject-dn"),
    /** The subject's CN as user name, in the default domain. */
    COMMON_NAME("cn"),
    /**
     * The certificate itself, bound to an account in the user directory (AD altSecurityIdentities, userCertificate,
     * or a SHA-256 thumbprint / issuer+serial attribute); only with {@code boshcertauth.identity.directory.attributes}.
     */
    CERTIFICATE("certificate"),
    /**
     * A certificate its owner registered in-band (XEP-0257, {@code boshcertauth.xep0257.enabled}): it logs in as that
     * owner only. Not listed in {@code boshcertauth.identity.sources}: when the feature is on it is asked first.
     */
    REGISTERED("registered");

    private final String settingName;

    IdentitySource(String settingName) {
        this.settingName = settingName;
    }

    /** The name used in the setting and in verdict details. */
    public String settingName() {
        return settingName;
    }

    @Override
    public String toString() {
        return settingName;
    }

    /**
     * Parses a comma-separated list of source names (case-insensitive), keeping its order.
     *
     * @throws IllegalArgumentException naming every unknown or repeated entry, or when the list is empty
     */
    public static List<IdentitySource> parseList(String setting) {
        final List<IdentitySource> sources = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        for (String entry : (setting == null ? "" : setting).split(",", -1)) {
            final String name = entry.strip();
            if (name.isEmpty()) {
                continue;
            }
            final IdentitySource source = Arrays.stream(values())
                .filter(s -> s.settingName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))).findFirst().orElse(null);
            if (source == REGISTERED) {
                problems.add("'" + name + "' is not listed among the identity sources: registered certificates (XEP-0257) "
                    + "are asked first whenever boshcertauth.xep0257.enabled is on");
            } else if (source == null) {
                problems.add("unknown identity source '" + name + "' (known: " + known() + ")");
            } else if (sources.contains(source)) {
                problems.add("identity source '" + name + "' is listed twice");
            } else {
                sources.add(source);
            }
        }
        if (problems.isEmpty() && sources.isEmpty()) {
            problems.add("no identity source is listed (known: " + known() + ")");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return List.copyOf(sources);
    }

    /** The list, or an empty list when it is invalid. */
    public static List<IdentitySource> parseListOrEmpty(String setting) {
        try {
            return parseList(setting);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** The list as the setting writes it. */
    public static String format(List<IdentitySource> sources) {
        return String.join(", ", sources.stream().map(IdentitySource::settingName).toList());
    }

    private static String known() {
        return format(Arrays.stream(values()).filter(s -> s != REGISTERED).toList());
    }
}
