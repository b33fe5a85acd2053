package org.igniterealtime.openfire.plugin.boshcertauth.config;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.PathPolicies;

import java.util.Map;
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
        return Set.copyOf(OidList.parse(setting, Map.of("anypolicy", PathPolicies.ANY_POLICY), "anyPolicy"));
    }

}
