package org.igniterealtime.openfire.plugin.boshcertauth.config;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.ExtendedKeyUsageRule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code boshcertauth.certificate.accepted-ekus}: the extendedKeyUsage purposes of which a client certificate must
 * carry one, by name ({@code clientAuth}, {@code smartcardLogon}, {@code anyExtendedKeyUsage}) or as dotted OIDs.
 */
public final class AcceptedKeyPurposes {

    static final Map<String, String> NAMES = Map.of(
        "clientauth", ExtendedKeyUsageRule.CLIENT_AUTH,
        "smartcardlogon", ExtendedKeyUsageRule.SMARTCARD_LOGON,
        "anyextendedkeyusage", ExtendedKeyUsageRule.ANY_EXTENDED_KEY_USAGE);

    private AcceptedKeyPurposes() {}

    /**
     * @return the dotted OIDs
     * @throws IllegalArgumentException naming every unknown name or invalid OID, or when the list is empty
     */
    public static Set<String> parse(String setting) {
        final Set<String> oids = new LinkedHashSet<>();
        final List<String> problems = new ArrayList<>();
        for (String entry : (setting == null ? "" : setting).split(",", -1)) {
            final String name = entry.strip();
            if (name.isEmpty()) {
                continue;
            }
            final String known = NAMES.get(name.toLowerCase(Locale.ROOT));
            if (known != null) {
                oids.add(known);
            } else if (name.matches("[0-2](\\.(0|[1-9][0-9]{0,9})){1,30}") && ASN1ObjectIdentifier.tryFromID(name) != null) {
                oids.add(name);
            } else {
                problems.add("'" + name + "' is neither clientAuth, smartcardLogon, anyExtendedKeyUsage nor a dotted OID");
            }
        }
        if (problems.isEmpty() && oids.isEmpty()) {
            problems.add("no purpose is listed");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return Set.copyOf(oids);
    }
}
