package org.igniterealtime.openfire.plugin.boshcertauth.config;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A comma-separated setting of object identifiers, each a dotted OID or one of a few names (the parser behind
 * {@code accepted-ekus} and {@code required-policies}).
 */
final class OidList {

    private OidList() {}

    /**
     * @param names      lower-case name → dotted OID
     * @param namesText  the names as the message should list them, e.g. "clientAuth, smartcardLogon"
     * @return the dotted OIDs in the setting's order, each once; empty for an empty setting
     * @throws IllegalArgumentException naming every entry that is neither a known name nor a dotted OID
     */
    static Set<String> parse(String setting, Map<String, String> names, String namesText) {
        final Set<String> oids = new LinkedHashSet<>();
        final List<String> problems = new ArrayList<>();
        for (String entry : (setting == null ? "" : setting).split(",", -1)) {
            final String name = entry.strip();
            if (name.isEmpty()) {
                continue;
            }
            final String known = names.get(name.toLowerCase(Locale.ROOT));
            if (known != null) {
                oids.add(known);
            } else if (name.matches("[0-2](\\.(0|[1-9][0-9]{0,9})){1,30}") && ASN1ObjectIdentifier.tryFromID(name) != null) {
                oids.add(name);
            } else {
                problems.add("'" + name + "' is neither " + namesText + " nor a dotted OID");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return oids;
    }
}
