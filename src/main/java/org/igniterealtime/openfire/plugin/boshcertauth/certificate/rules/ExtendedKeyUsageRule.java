package org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;

import java.security.cert.CertificateParsingException;
import java.util.List;
import java.util.Optional;

/**
 * When the client certificate has an extendedKeyUsage extension, it must include id-kp-clientAuth or
 * anyExtendedKeyUsage. No extension means unrestricted (RFC 5280 §4.2.1.12). Runs unless {@code requireClientAuthEku=false}.
 */
public final class ExtendedKeyUsageRule implements CertificateRule {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    @Override
    public Optional<Verdict> check(ChainContext context) {
        final List<String> purposes;
        try {
            purposes = context.leaf().getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return Optional.of(Verdict.failure(FailureReason.MALFORMED, 0, "extendedKeyUsage could not be parsed"));
        }
        return purposes == null || purposes.contains(CLIENT_AUTH) || purposes.contains(ANY_EXTENDED_KEY_USAGE)
            ? Optional.empty()
            : Optional.of(Verdict.failure(FailureReason.BAD_EKU, 0, "extendedKeyUsage " + purposes + " lacks clientAuth"));
    }
}
