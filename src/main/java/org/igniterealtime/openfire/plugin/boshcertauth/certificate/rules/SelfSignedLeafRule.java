package org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;

import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;

/**
 * A self-signed client certificate is accepted only when that exact certificate is trusted (it is in the truststore);
 * otherwise SELF_SIGNED. Runs unless {@code acceptSelfSigned} is on. This is a rule of the leaf itself, so it applies even
 * when {@code verifyChain} is off. An accepted self-signed leaf is not checked further by {@link PkixPathRule}: it is
 * its own trust anchor, and it names no issuer that could answer revocation questions.
 */
public final class SelfSignedLeafRule implements CertificateRule {

    private final Set<X509Certificate> exactlyTrusted;

    /** @param exactlyTrusted the certificates the administrator trusts as they are (the truststore's entries) */
    public SelfSignedLeafRule(Set<X509Certificate> exactlyTrusted) {
        this.exactlyTrusted = Set.copyOf(exactlyTrusted);
    }

    @Override
    public Optional<Verdict> check(ChainContext context) {
        if (!context.leafIsSelfSigned() || exactlyTrusted.contains(context.leaf())) {
            return Optional.empty();
        }
        return Optional.of(Verdict.failure(FailureReason.SELF_SIGNED, 0, "self-signed certificate is not in the truststore"));
    }
}
