package org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;

import java.util.Optional;

/**
 * When the client certificate has a keyUsage extension, it must allow digitalSignature (TLS client authentication
 * signs the handshake). No keyUsage at all means "any usage" (RFC 5280 §4.2.1.3). Runs unless
 * {@code requireDigitalSignature=false}.
 */
public final class KeyUsageRule implements CertificateRule {

    private static final int DIGITAL_SIGNATURE = 0;

    @Override
    public Optional<Verdict> check(ChainContext context) {
        final boolean[] keyUsage = context.leaf().getKeyUsage();
        return keyUsage == null || keyUsage[DIGITAL_SIGNATURE] ? Optional.empty()
            : Optional.of(Verdict.failure(FailureReason.BAD_KEY_USAGE, 0, "keyUsage lacks digitalSignature"));
    }
}
