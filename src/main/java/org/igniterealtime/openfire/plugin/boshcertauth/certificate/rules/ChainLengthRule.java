package org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;

import java.util.Optional;

/** Refuses chains longer than {@code maxChainLength}, before any expensive work is spent on them. */
public final class ChainLengthRule implements CertificateRule {

    private final int max;

    public ChainLengthRule(int maxChainLength) {
        if (maxChainLength < 1) {
            throw new IllegalArgumentException("maxChainLength must be at least 1");
        }
        this.max = maxChainLength;
    }

    @Override
    public Optional<Verdict> check(ChainContext context) {
        final int length = context.chain().size();
        return length <= max ? Optional.empty()
            : Optional.of(Verdict.failure(FailureReason.CHAIN_TOO_LONG, max,
                "chain has " + length + " certificates, at most " + max + " are allowed"));
    }
}
