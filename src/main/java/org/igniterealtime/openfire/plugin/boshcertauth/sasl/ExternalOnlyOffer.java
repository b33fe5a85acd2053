package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * When a connection is offered EXTERNAL alone, for every transport: only with {@code boshcertauth.sasl.offer =
 * EXTERNAL_ONLY} and a certificate that names a usable identity (one user, or several for the client to choose with
 * an authzid). Narrowing the list for a certificate that names nobody would lock a password user out.
 */
public final class ExternalOnlyOffer {

    private ExternalOnlyOffer() {}

    /** @param verifiedChain a chain that has already passed the chain rules (leaf first) */
    public static boolean applies(PluginRuntime runtime, List<X509Certificate> verifiedChain) {
        if (runtime.configuration().offer() != MechanismOffer.EXTERNAL_ONLY || verifiedChain.isEmpty()) {
            return false;
        }
        final Verdict identity = runtime.verifier().authenticate(verifiedChain, null);
        return identity.isSuccess() || identity.reason() == FailureReason.AMBIGUOUS_IDENTITY;
    }
}
