package org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Refuses chains longer than {@code maxChainLength}, before any expensive work is spent on them. It judges the path
 * built from the client's certificates (see {@code CertificationPathBuilder}); a trusted certificate the path ends at
 * but the client did not send is not counted, so the limit counts what the client sends up to its trusted CA.
 *
 * <p>Self-issued certificates between the client's own and the top of the chain (subject = issuer, e.g. a CA's key
 * rollover certificates) are not counted, as RFC 5280 §6.1.4 (l) does not count them against a path length. The
 * client's certificate and the top of the chain always count, as they did before. Self-issued certificates cost an
 * attacker nothing, so the chain as sent may still be at most twice {@code maxChainLength} long.</p>
 */
public final class ChainLengthRule implements CertificateRule {

    private final int max;
    private final int hardMax;

    public ChainLengthRule(int maxChainLength) {
        if (maxChainLength < 1) {
            throw new IllegalArgumentException("maxChainLength must be at least 1");
        }
        this.max = maxChainLength;
        this.hardMax = 2 * maxChainLength;
    }

    @Override
    public Optional<Verdict> check(ChainContext context) {
        // a trusted certificate the path was built to but the client did not send is not counted, as before paths
        // were built (the limit has always counted what the client sends, up to the trusted CA)
        final List<X509Certificate> whole = context.chain();
        final boolean anchorAdded = whole.size() > 1 && !context.wasPresented(whole.get(whole.size() - 1));
        final List<X509Certificate> chain = anchorAdded ? whole.subList(0, whole.size() - 1) : whole;
        final int length = chain.size();
        if (length > hardMax) {
            return Optional.of(Verdict.failure(FailureReason.CHAIN_TOO_LONG, hardMax,
                "chain has " + length + " certificates, at most " + hardMax + " are allowed even with self-issued ones"));
        }
        int counted = 0;
        int firstBeyondMax = -1;
        for (int i = 0; i < length; i++) {
            if (i == 0 || i == length - 1 || !isSelfIssued(chain.get(i))) {
                counted++;
                firstBeyondMax = counted == max + 1 ? i : firstBeyondMax;
            }
        }
        if (firstBeyondMax < 0) {
            return Optional.empty();
        }
        final String uncounted = counted < length ? " (" + counted + " counted; self-issued ones in between are not)" : "";
        return Optional.of(Verdict.failure(FailureReason.CHAIN_TOO_LONG, firstBeyondMax,
            "chain has " + length + " certificates" + uncounted + ", at most " + max + " are allowed"));
    }

    private static boolean isSelfIssued(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }
}
