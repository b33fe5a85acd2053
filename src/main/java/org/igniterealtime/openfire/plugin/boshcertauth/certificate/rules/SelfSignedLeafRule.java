package org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;

import java.util.Optional;

/**
 * A self-signed client certificate is accepted only when that exact certificate is trusted (it is in the truststore)
 * or when {@code acceptSelfSigned} is on; otherwise SELF_SIGNED. This is a rule of the leaf itself, so it applies even
 * when {@code verifyChain} is off. An accepted self-signed leaf is not checked further by {@link PkixPathRule}: it is
 * its own trust anchor, and it names no issuer that could answer revocation questions.
 */
public final class SelfSignedLeafRule implements CertificateRule {

    @Override
    public Optional<Verdict> check(ChainContext context) {
        final boolean exactlyTrusted = context.policy().trustedCertificates().contains(context.leaf());
        if (!context.leafIsSelfSigned() || exactlyTrusted || context.policy().acceptSelfSigned()) {
            return Optional.empty();
        }
        return Optional.of(Verdict.failure(FailureReason.SELF_SIGNED, 0, "self-signed certificate is not in the truststore"));
    }
}
