package org.igniterealtime.openfire.plugin.boshcertauth.config;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.PathPolicies;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code boshcertauth.certificate.required-policies}: certificate policy OIDs of which a client certificate's path must
 * be valid for one (dotted OIDs, or {@code anyPolicy}), comma-separated; empty: no policy is required.
 */
public final class RequiredPolicies {

    /**
     * Stands for an invalid setting: the nil UUID's OID (ITU-T X.667 arc 2.25), under which no CA issues, so that an
     * invalid restriction refuses every certificate instead of silently restricting nothing.
     */
    static final String UNSATISFIABLE = "2.25.0";

    private RequiredPolicies() {}

    /**
     * @return the dotted OIDs ({@link PathPolicies#ANY_POLICY} for anyPolicy); empty for an empty setting
     * @throws IllegalArgumentException naming every entry that is neither anyPolicy nor a dotted OID
     */
    public static Set<String> parse(String setting) {
        final Set<String> oids = new LinkedHashSet<>();
        final List<String> problems = new ArrayList<>();
        for (String entry : (setting == null ? "" : setting).split(",", -1)) {
            final String name = entry.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (name.equalsIgnoreCase("anyPolicy")) {
                oids.add(PathPolicies.ANY_POLICY);
            } else if (name.matches("[0-2](\\.(0|[1-9][0-9]{0,9})){1,30}") && ASN1ObjectIdentifier.tryFromID(name) != null) {
                oids.add(name);
            } else {
                problems.add("'" + name + "' is neither anyPolicy nor a dotted OID");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return Set.copyOf(oids);
    }
}
