package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.cert.ocsp.CertificateID;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.util.ExpiringLruCache;
import org.igniterealtime.openfire.plugin.boshcertauth.util.SingleFlight;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Determines whether a certificate has been revoked: OCSP first (fresher, smaller), then CRLs, with answers cached
 * until their nextUpdate in bounded caches. Uses no JVM-global settings; every call carries its own policy, clock
 * instant and deadline. Thread-safe; one instance serves all logins and outlives configurations.
 *
 * <p>Only verified answers are cached: an OCSP answer once {@link OcspClient} has checked its signer, certID, nonce
 * and validity (a definitive status), a CRL once {@link VerifiedCrl} has. Concurrent logins that need the same
 * answer share one request: one OCSP request per certificate and responder, one download per CRL. {@link #flush()}
 * forgets every cached answer (the admin page's button, and every settings change).</p>
 *
 * <p>The administrator's {@link RevocationOptions} (from the policy) add to this: a configured OCSP responder is asked
 * instead of the certificate's own, a designated responder certificate may sign OCSP answers, and configured CRLs
 * (files or URLs, verified and cached exactly like downloaded ones) are consulted before the distribution points.</p>
 *
 * <p>CRLs and OCSP answers obtained without a nonce are shared with the other nodes of a cluster
 * ({@link SharedRevocationAnswers}; a node verifies a shared answer again like one it fetched, see {@link SharedCrls}
 * and {@link SharedOcsp}); OCSP answers to a request with a nonce, which belongs to the node that asked, stay per
 * node.</p>
 *
 * <p>The verifier consults it through {@link ServiceRevocationChecker}, a {@link java.security.cert.PKIXRevocationChecker}
 * added per call to the JDK's PKIX validation, so revocation is judged in path order with each certificate's verified
 * issuer.</p>
 */
public final class RevocationService implements AutoCloseable {

    private static final Logger Log = LoggerFactory.getLogger(RevocationService.class);

    /** Reuse of an OCSP answer without nextUpdate. */
    private static final Duration OCSP_DEFAULT_LIFETIME = Duration.ofMinutes(5);
    public static final int DEFAULT_CACHE_ENTRIES = 1000;

    /**
     * Counters for diagnostics and benchmarks.
     *
     * @param sharedQueries how many OCSP requests and CRL downloads a login did not make because another login was
     *                      already making the same one (single flight)
     */
    public record Stats(long ocspCacheHits, long ocspCacheMisses, long crlCacheHits, long crlCacheMisses,
                        long sourceQueries, long fetchFailures, long sharedQueries) {}

    /** One OCSP question: this certificate (issuer key + serial), this responder, with or without a nonce. */
    private record OcspQuestion(OcspClient.Key certificate, URI responder, boolean nonce) {}

    private final RevocationFetcher fetcher;
    private final boolean ownsFetcher;
    private final ExpiringLruCache<OcspClient.Key, RevocationStatus> ocspAnswers;
    private final SingleFlight<OcspQuestion, RevocationStatus> ocspQueries = new SingleFlight<>();
    private final OcspClient ocsp;
    private final CrlClient crl;
    private final SharedRevocationAnswers shared;
    private final SharedOcsp sharedOcsp;
    private final LongAdder sourceQueries = new LongAdder();
    private final LongAdder fetchFailures = new LongAdder();

    /** With the JDK HTTP client and caches of {@value #DEFAULT_CACHE_ENTRIES} entries. */
    public RevocationService() {
        this(new HttpRevocationFetcher(Duration.ofSeconds(10)), DEFAULT_CACHE_ENTRIES, true);
    }

    /**
     * As {@link #RevocationService()}, sharing CRLs with the other nodes of a cluster through {@code shared} (closed by
     * its owner, not here).
     */
    public RevocationService(SharedRevocationAnswers shared) {
        this(new HttpRevocationFetcher(Duration.ofSeconds(10)), DEFAULT_CACHE_ENTRIES, true, shared);
    }

    /** With another transport (closed by its owner, not here). */
    public RevocationService(RevocationFetcher fetcher, int cacheEntries) {
        this(fetcher, cacheEntries, false, SharedRevocationAnswers.NONE);
    }

    /** With another transport and the cluster's shared answers (both closed by their owners, not here). */
    public RevocationService(RevocationFetcher fetcher, int cacheEntries, SharedRevocationAnswers shared) {
        this(fetcher, cacheEntries, false, shared);
    }

    private RevocationService(RevocationFetcher fetcher, int cacheEntries, boolean ownsFetcher) {
        this(fetcher, cacheEntries, ownsFetcher, SharedRevocationAnswers.NONE);
    }

    private RevocationService(RevocationFetcher fetcher, int cacheEntries, boolean ownsFetcher, SharedRevocationAnswers shared) {
        this.fetcher = fetcher;
        this.ownsFetcher = ownsFetcher;
        this.shared = shared;
        this.sharedOcsp = new SharedOcsp(shared);
        this.ocspAnswers = new ExpiringLruCache<>(cacheEntries);
        this.ocsp = new OcspClient(fetcher);
        this.crl = new CrlClient(fetcher, cacheEntries, shared);
    }

    /**
     * The status of {@code certificate}, whose issuer (already verified as such) is {@code issuer}.
     *
     * @param now       the validation instant (the verifier's clock): freshness of answers is judged against it
     * @param deadline  the time budget of the whole login
     */
    public RevocationStatus check(X509Certificate certificate, X509Certificate issuer, CertificatePolicy policy,
                                  Instant now, RevocationDeadline deadline) {
        return check(certificate, CrlIssuer.of(issuer), policy, now, deadline);
    }

    /**
     * As above, with the certificates that may have signed the issuer's CRL besides the issuer ({@link CrlIssuer}).
     */
    public RevocationStatus check(X509Certificate certificate, CrlIssuer crlIssuer, CertificatePolicy policy,
                                  Instant now, RevocationDeadline deadline) {
        final X509Certificate issuer = crlIssuer.certificateIssuer();
        final RevocationOptions options = policy.revocationOptions();
        final RevocationSources own = RevocationSources.of(certificate);
        // The configured responder replaces the certificate's AIA (which is then never contacted).
        final List<URI> responders = options.ocspResponder() != null ? List.of(options.ocspResponder()) : own.ocspResponders();
        if (responders.isEmpty() && options.crlSources().isEmpty() && own.crlDistributionPoints().isEmpty()) {
            return RevocationStatus.unknown("none", "the certificate names no OCSP responder and no CRL distribution point");
        }
        final List<String> problems = new ArrayList<>();
        final OcspClient.Key key = OcspClient.Key.of(certificate, issuer);
        final var cached = ocspAnswers.get(key, now);
        if (cached.isPresent()) {
            return cached.get();
        }
        for (URI responder : responders) {
            final OcspQuestion question = new OcspQuestion(key, responder, policy.ocspNonce());
            final RevocationStatus status = fetch(problems, deadline, policy,
                timeout -> ocspQueries.run(question, timeout,
                    () -> askOcsp(question, certificate, issuer, options.designatedResponder(), now, timeout)), responder);
            if (status != null && status.isDefinitive()) {
                return status;
            }
        }
        boolean staleCrl = false;
        final ReasonCoverage coverage = new ReasonCoverage();
        // Configured CRLs first: the administrator's choice, local files are fast, and they work offline.
        for (URI source : options.crlSources()) {
            final RevocationStatus status = fetch(problems, deadline, policy, timeout -> crl.queryConfigured(certificate,
                crlIssuer, source, options.crlSources(), policy.maxCrlBytes(), now, timeout, coverage), source);
            if (status != null && status.isDefinitive()) {
                return status;
            }
            staleCrl |= status != null && status.staleCrl();
        }
        for (URI distributionPoint : own.crlDistributionPoints()) {
            final RevocationStatus status = fetch(problems, deadline, policy,
                timeout -> crl.query(certificate, crlIssuer, distributionPoint, options.crlSources(), policy.maxCrlBytes(), now, timeout, coverage), distributionPoint);
            if (status != null && status.isDefinitive()) {
                return status;
            }
            staleCrl |= status != null && status.staleCrl();
        }
        final String source = problems.isEmpty() ? "none" : "OCSP/CRL";
        return staleCrl ? RevocationStatus.unknownStaleCrl(source, String.join("; ", problems))
            : RevocationStatus.unknown(source, String.join("; ", problems));
    }

    /**
     * Asks the responder once for all concurrent logins that need this answer. Our nonce (when the policy asks for
     * one) is the first login's; the answer was checked against it moments ago, which is all a nonce can prove to the
     * others. Only a definitive answer, which {@link OcspClient} returns only after verifying it, is cached.
     */
    private RevocationStatus askOcsp(OcspQuestion question, X509Certificate certificate, X509Certificate issuer,
                                     X509Certificate designated, Instant now, Duration timeout) throws IOException {
        final long generation = ocspAnswers.generation();
        // An answer that arrived between our cache miss and taking the slot is in the cache already.
        final var justAnswered = ocspAnswers.peek(question.certificate(), now);
        if (justAnswered.isPresent()) {
            return justAnswered.get();
        }
        final RevocationStatus status = question.nonce()
            ? ocsp.query(certificate, issuer, question.responder(), true, designated, now, timeout)
            : askOcspSharingWithTheCluster(question, certificate, issuer, designated, now, timeout);
        if (status.isDefinitive()) {
            ocspAnswers.put(question.certificate(), status,
                status.nextUpdate() != null ? status.nextUpdate() : now.plus(OCSP_DEFAULT_LIFETIME), now, generation);
        }
        return status;
    }
    /**
     * Without a nonce: the answer another node fetched (verified here like a fresh one, see {@link SharedOcsp}), else
     * the responder's, which is then shared. With a nonce nothing is shared: the answer is bound to the node that asked.
     */
    private RevocationStatus askOcspSharingWithTheCluster(OcspQuestion question, X509Certificate certificate, X509Certificate issuer,
                                                          X509Certificate designated, Instant now, Duration timeout) throws IOException {
        final CertificateID id;
        try {
            id = OcspClient.certificateId(certificate, issuer);
        } catch (Exception e) {
            return ocsp.query(certificate, issuer, question.responder(), false, designated, now, timeout);
        }
        final String key = SharedOcsp.key(question.responder(), id);
        final SharedOcsp.Check check = der -> OcspClient.verifyShared(der, id, issuer, designated, now);
        final var taken = sharedOcsp.take(key, check);
        if (taken.isPresent()) {
            return taken.get().status();
        }
        final OcspClient.Answer fetched = ocsp.ask(certificate, issuer, question.responder(), false, designated, now, timeout);
        return sharedOcsp.offer(key, fetched, now, check).status();
    }

    @FunctionalInterface
    private interface Query {
        RevocationStatus run(Duration timeout) throws IOException;
    }

    /** Runs one query within the remaining budget; records why it gave no answer. */
    private RevocationStatus fetch(List<String> problems, RevocationDeadline deadline, CertificatePolicy policy, Query query, URI source) {
        final Duration remaining = deadline.remaining();
        if (remaining.isZero()) {
            problems.add("time budget of " + policy.revocationTimeout().toMillis() + " ms exhausted before " + source);
            return null;
        }
        final Duration timeout = remaining.compareTo(policy.revocationTimeout()) < 0 ? remaining : policy.revocationTimeout();
        try {
            sourceQueries.increment();
            final RevocationStatus status = query.run(timeout);
            if (!status.isDefinitive()) {
                problems.add(status.detail());
            }
            return status;
        } catch (IOException e) {
            fetchFailures.increment();
            Log.debug("Revocation source {} failed: {}", source, e.getMessage());
            problems.add(source + ": " + e.getMessage());
            return null;
        }
    }

    public Stats stats() {
        final ExpiringLruCache.Stats o = ocspAnswers.stats();
        final ExpiringLruCache.Stats c = crl.stats();
        return new Stats(o.hits(), o.misses(), c.hits(), c.misses(), sourceQueries.sum(), fetchFailures.sum(),
            ocspQueries.joined() + crl.sharedDownloads());
    }

    /**
     * Forgets every cached OCSP answer and CRL, so that the next login asks the responders again: for the admin page
     * (e.g. after revoking a certificate that has logged in before) and for every settings change. An answer being
     * fetched at this moment is not cached when it arrives (it may predate the flush). Cheap; safe at any time.
     * In a cluster it also clears the shared CRLs and OCSP answers, so that this node asks the CAs again instead of
     * taking back what it meant to forget; the other nodes keep their own copies (and take the newer CRL this node will
     * share; a node's own OCSP answer stays in its cache until its nextUpdate).
     */
    public void flush() {
        ocspQueries.forgetRunning();
        ocspAnswers.flush();
        shared.clear();
        crl.flush();
    }

    /** How many revocation answers the cluster's shared cache holds on this node (0 without a cluster cache). */
    public int sharedAnswers() {
        return shared.size();
    }

    @Override
    public void close() {
        flush();
        if (ownsFetcher && fetcher instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                Log.debug("Closing the revocation fetcher failed", e);
            }
        }
    }
}
