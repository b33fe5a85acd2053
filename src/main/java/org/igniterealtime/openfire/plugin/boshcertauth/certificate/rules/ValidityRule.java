package org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Each certificate of the path below the trust anchor must be valid at the clock's instant (runs unless
 * {@code verifyValidity} is off). The trusted certificates at the end of the chain are not judged here: the anchor is
 * {@link TrustAnchorRule}'s, and what a client sends beyond it is not part of the path (RFC 8446 §4.4.2: extraneous
 * certificates are to be ignored).
 * Checked here rather than only by PKIX so that an expired certificate is reported as such (credentials-expired) with
 * its index, whatever else is wrong with the chain.
 */
public final class ValidityRule implements CertificateRule {

    @Override
    public Optional<Verdict> check(ChainContext context) {
        final List<X509Certificate> path = context.pathBelowAnchor();
        for (int i = 0; i < path.size(); i++) {
            final X509Certificate certificate = path.get(i);
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
