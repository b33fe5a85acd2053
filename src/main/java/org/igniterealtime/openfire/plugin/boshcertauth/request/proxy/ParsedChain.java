package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the forwarded-certificate headers of a request yield — from a {@link ForwardedCertificateParser}, and as the
 * answer of {@link ForwardedCertificateExtractor#extract}: nothing (the caller falls back to the TLS-layer
 * certificate), a header from a peer that is not a trusted proxy (not read; logged, then the TLS-layer certificate is
 * used), a certificate chain (leaf first, as the proxy received it — not yet validated), or a failure (refuse the
 * certificate login). Immutable.
 */
public final class ParsedChain {

    public enum Status {
        /** No forwarded-certificate header: not a failure. */
        ABSENT,
        /**
         * A forwarded-certificate header came from a peer that is not a trusted proxy; it was not read. Log it
         * ({@link FailureReason#PROXY_UNTRUSTED_PEER}) and use the TLS-layer certificate, if any. Only the extractor
         * answers this, never a parser.
         */
        IGNORED_UNTRUSTED_PEER,
        /** A decoded chain, leaf first. */
        CHAIN,
        /** The header was there but must not be used; see {@link #failure()}. */
        FAILURE
    }

    private static final ParsedChain ABSENT = new ParsedChain(Status.ABSENT, List.of(), null, null, "");

    private final Status status;
    private final List<X509Certificate> chain;
    private final String proxyVerifyStatus;
    private final FailureReason reason;
    private final String detail;

    private ParsedChain(Status status, List<X509Certificate> chain, String proxyVerifyStatus, FailureReason reason, String detail) {
        this.status = status;
        this.chain = chain;
        this.proxyVerifyStatus = proxyVerifyStatus;
        this.reason = reason;
        this.detail = detail;
    }

    public static ParsedChain absent() {
        return ABSENT;
    }

    /**
     * @param chain              leaf first, at least one certificate
     * @param proxyVerifyStatus  the proxy's own verification result as it sent it (e.g. nginx {@code SUCCESS}), or
     *                           null when the format or configuration has none
     */
    public static ParsedChain of(List<X509Certificate> chain, String proxyVerifyStatus) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("A parsed chain needs at least the client's certificate");
        }
        return new ParsedChain(Status.CHAIN, List.copyOf(chain), proxyVerifyStatus, null, "");
    }

    static ParsedChain ignoredUntrustedPeer(String detail) {
        return new ParsedChain(Status.IGNORED_UNTRUSTED_PEER, List.of(), null, FailureReason.PROXY_UNTRUSTED_PEER, detail);
    }

    public static ParsedChain failure(FailureReason reason, String detail) {
        return new ParsedChain(Status.FAILURE, List.of(), null, Objects.requireNonNull(reason), detail == null ? "" : detail);
    }

    public Status status() {
        return status;
    }

    public boolean isAbsent() {
        return status == Status.ABSENT;
    }

    public boolean hasChain() {
        return status == Status.CHAIN;
    }

    public boolean isFailure() {
        return status == Status.FAILURE;
    }

    /** Leaf first; empty unless {@link #hasChain()}. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The client's own certificate; empty unless {@link #hasChain()}. */
    public Optional<X509Certificate> leaf() {
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0));
    }

    /** The proxy's verification status as it sent it; only ever informative (it can refuse, never accept). */
    public Optional<String> proxyVerifyStatus() {
        return Optional.ofNullable(proxyVerifyStatus);
    }

    /** Why the header was not used: the refusal for FAILURE, PROXY_UNTRUSTED_PEER (to log, not to refuse) for IGNORED_UNTRUSTED_PEER. */
    public Optional<FailureReason> failure() {
        return Optional.ofNullable(reason);
    }

    /** Human-readable detail of a failure or an ignored header, for logs; never contains header content. Empty otherwise. */
    public String detail() {
        return detail;
    }

    /** The failure as the certificate core's verdict; only for {@link #isFailure()}. */
    public Verdict toVerdict() {
        if (!isFailure()) {
            throw new IllegalStateException("Only a failure has a verdict here, this is " + status);
        }
        return Verdict.failure(reason, -1, detail);
    }

    @Override
    public String toString() {
        return switch (status) {
            case ABSENT -> "absent";
            case IGNORED_UNTRUSTED_PEER -> "ignored: untrusted peer (" + detail + ")";
            case CHAIN -> "chain of " + chain.size() + " (leaf " + chain.get(0).getSubjectX500Principal().getName() + ")"
                + (proxyVerifyStatus == null ? "" : ", proxy verify " + proxyVerifyStatus);
            case FAILURE -> reason + (detail.isEmpty() ? "" : ": " + detail);
        };
    }
}
