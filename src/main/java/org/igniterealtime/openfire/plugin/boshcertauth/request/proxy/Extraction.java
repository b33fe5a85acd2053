package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link ForwardedCertificateExtractor#extract}: what the servlet filter does next. Immutable.
 *
 * <ul>
 *   <li>{@link Outcome#ABSENT}: no forwarded certificate — use the TLS-layer certificate, if any.</li>
 *   <li>{@link Outcome#IGNORED_UNTRUSTED_PEER}: a forwarded-certificate header came from a peer that is not a trusted
 *       proxy; it was not read. Log it ({@link FailureReason#PROXY_UNTRUSTED_PEER}) and use the TLS-layer
 *       certificate, if any.</li>
 *   <li>{@link Outcome#CHAIN}: a trusted proxy forwarded this chain (still to be validated).</li>
 *   <li>{@link Outcome#FAILED}: a trusted proxy's header is unusable — refuse the certificate login.</li>
 * </ul>
 */
public final class Extraction {

    public enum Outcome { ABSENT, IGNORED_UNTRUSTED_PEER, CHAIN, FAILED }

    private static final Extraction ABSENT = new Extraction(Outcome.ABSENT, ParsedChain.absent(), null, "");

    private final Outcome outcome;
    private final ParsedChain parsed;
    private final FailureReason reason;
    private final String detail;

    private Extraction(Outcome outcome, ParsedChain parsed, FailureReason reason, String detail) {
        this.outcome = outcome;
        this.parsed = parsed;
        this.reason = reason;
        this.detail = detail;
    }

    static Extraction absent() {
        return ABSENT;
    }

    static Extraction ignoredUntrustedPeer(String detail) {
        return new Extraction(Outcome.IGNORED_UNTRUSTED_PEER, ParsedChain.absent(), FailureReason.PROXY_UNTRUSTED_PEER, detail);
    }

    static Extraction from(ParsedChain parsed) {
        return switch (parsed.status()) {
            case ABSENT -> ABSENT;
            case CHAIN -> new Extraction(Outcome.CHAIN, parsed, null, "");
            case FAILURE -> new Extraction(Outcome.FAILED, parsed, parsed.failure().orElseThrow(), parsed.detail());
        };
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The parser's result; {@link ParsedChain#absent()} for ABSENT and IGNORED_UNTRUSTED_PEER. */
    public ParsedChain parsed() {
        return parsed;
    }

    /** The forwarded chain, leaf first; empty unless CHAIN. */
    public List<X509Certificate> chain() {
        return parsed.chain();
    }

    /** PROXY_UNTRUSTED_PEER for IGNORED_UNTRUSTED_PEER (to log, not to refuse), the failure for FAILED; else empty. */
    public Optional<FailureReason> reason() {
        return Optional.ofNullable(reason);
    }

    /** For logs; never contains header content. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return switch (outcome) {
            case ABSENT -> "no forwarded certificate";
            case IGNORED_UNTRUSTED_PEER -> "ignored: untrusted peer (" + detail + ")";
            case CHAIN -> "forwarded " + parsed;
            case FAILED -> "forwarded certificate refused: " + parsed;
        };
    }
}
