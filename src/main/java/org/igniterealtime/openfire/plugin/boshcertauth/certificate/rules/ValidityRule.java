package org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Each certificate of the chain must be valid at the clock's instant (runs unless {@code verifyValidity} is off).
 * Checked here rather than only by PKIX so that an expired certificate is reported as such (credentials-expired) with
 * its index, whatever else is wrong with the chain.
 */
public final class ValidityRule implements CertificateRule {

    @Override
    public Optional<Verdict> check(ChainContext context) {
        for (int i = 0; i < context.chain().size(); i++) {
            final X509Certificate certificate = context.chain().get(i);
            if (context.now().isAfter(certificate.getNotAfter().toInstant())) {
                return Optional.of(Verdict.failure(FailureReason.EXPIRED, i, "expired at " + certificate.getNotAfter().toInstant()));
            }
            if (context.now().isBefore(certificate.getNotBefore().toInstant())) {
                return Optional.of(Verdict.failure(FailureReason.NOT_YET_VALID, i, "valid from " + certificate.getNotBefore().toInstant()));
            }
        }
        return Optional.empty();
    }
}
