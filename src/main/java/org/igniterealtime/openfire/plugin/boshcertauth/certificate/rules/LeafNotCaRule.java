package org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;

import java.util.Optional;

/**
 * A client certificate must not be a CA certificate (basicConstraints CA:true): a CA key is not a user's key.
 *
 * <p>One exception: a self-signed certificate that the administrator put into the truststore itself. OpenSSL's
 * {@code req -x509} marks such certificates CA:true by default, and exempting it widens nothing — as a trust anchor
 * it is trusted for what it signs anyway.</p>
 */
public final class LeafNotCaRule implements CertificateRule {

    @Override
    public Optional<Verdict> check(ChainContext context) {
        if (context.leaf().getBasicConstraints() < 0) {
            return Optional.empty();
        }
        if (context.leafIsSelfSigned() && context.isTrusted(context.leaf())) {
            return Optional.empty();
        }
        return Optional.of(Verdict.failure(FailureReason.CA_CERTIFICATE, 0, "basicConstraints CA:true on the client certificate"));
    }
}
