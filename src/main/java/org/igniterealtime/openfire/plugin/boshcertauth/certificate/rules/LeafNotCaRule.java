package org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;

import java.util.Optional;

/** A client certificate must not be a CA certificate (basicConstraints CA:true): a CA key is not a user's key. */
public final class LeafNotCaRule implements CertificateRule {

    @Override
    public Optional<Verdict> check(ChainContext context) {
        return context.leaf().getBasicConstraints() < 0 ? Optional.empty()
            : Optional.of(Verdict.failure(FailureReason.CA_CERTIFICATE, 0, "basicConstraints CA:true on the client certificate"));
    }
}
