package org.igniterealtime.openfire.plugin.boshcertauth.certificate;

import java.security.cert.PKIXParameters;
import java.util.Set;

/**
 * The certificate-policy inputs of RFC 5280 path validation (§6.1.1 (c), (e)–(g)), as enterprise PKIs use them: e.g.
 * only certificates issued under a smart-card policy (PIV/CAC id-fpki-common-authentication) may log in.
 *
 * @param required             policy OIDs of which the path must be valid for one; when not empty an explicit policy
 *                             is required as well (a restriction without it would let a path with no policy at all
 *                             through). {@value #ANY_POLICY} alone: any policy, but some policy. Empty: RFC 5280's
 *                             defaults (any policy, none required).
 * @param inhibitPolicyMapping policy mappings of CAs are not followed
 * @param inhibitAnyPolicy     anyPolicy in a CA certificate does not stand for every policy
 */
public record PathPolicies(Set<String> required, boolean inhibitPolicyMapping, boolean inhibitAnyPolicy) {

    public static final String ANY_POLICY = "2.5.29.32.0";
    public static final PathPolicies DEFAULTS = new PathPolicies(Set.of(), false, false);

    public PathPolicies {
        required = Set.copyOf(required);
    }

    /** Sets these inputs on the JDK's validator parameters. */
    public void applyTo(PKIXParameters parameters) {
        if (!required.isEmpty()) {
            parameters.setInitialPolicies(required);
            parameters.setExplicitPolicyRequired(true);
        }
        parameters.setPolicyMappingInhibited(inhibitPolicyMapping);
        parameters.setAnyPolicyInhibited(inhibitAnyPolicy);
    }
}
