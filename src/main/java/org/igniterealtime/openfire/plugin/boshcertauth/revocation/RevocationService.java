package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.util.ExpiringLruCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Determines whether a certificate has been revoked: OCSP first (fresher, smaller), then CRLs, with answers cached
 * until their nextUpdate in bounded caches. Uses no JVM-global settings; every call carries its own policy, clock
 * instant and deadline. Thread-safe; one instance serves all logins.
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

    /** Counters for diagnostics and benchmarks. */
    public record Stats(long ocspCacheHits, long ocspCacheMisses, long crlCacheHits, long crlCacheMisses,
                        long sourceQueries, long fetchFailures) {}

    private final RevocationFetcher fetcher;
    private final boolean ownsFetcher;
    private final ExpiringLruCache<OcspClient.Key, RevocationStatus> ocspAnswers;
    private final ExpiringLruCache<URI, X509CRL> crls;
    private final OcspClient ocsp;
    private final CrlClient crl;
    private final LongAdder sourceQueries = new LongAdder();
    private final LongAdder fetchFailures = new LongAdder();

    /** With the JDK HTTP client and caches of {@value #DEFAULT_CACHE_ENTRIES} entries. */
    public RevocationService() {
        this(new HttpRevocationFetcher(Duration.ofSeconds(10)), DEFAULT_CACHE_ENTRIES, true);
    }

    /** With another transport (closed by its owner, not here). */
    public RevocationService(RevocationFetcher fetcher, int cacheEntries) {
        this(fetcher, cacheEntries, false);
    }

    private RevocationService(RevocationFetcher fetcher, int cacheEntries, boolean ownsFetcher) {
        this.fetcher = fetcher;
        this.ownsFetcher = ownsFetcher;
        this.ocspAnswers = new ExpiringLruCache<>(cacheEntries);
        this.crls = new ExpiringLruCache<>(cacheEntries);
        this.ocsp = new OcspClient(fetcher);
        this.crl = new CrlClient(fetcher, crls);
    }

    /**
     * The status of {@code certificate}, whose issuer (already verified as such) is {@code issuer}.
     *
     * @param now       the validation instant (the verifier's clock): freshness of answers is judged against it
     * @param deadline  the time budget of the whole login
     */
    public RevocationStatus check(X509Certificate certificate, X509Certificate issuer, CertificatePolicy policy,
                                  Instant now, RevocationDeadline deadline) {
        final RevocationSources sources = RevocationSources.of(certificate);
        if (sources.isEmpty()) {
            return RevocationStatus.unknown("none", "the certificate names no OCSP responder and no CRL distribution point");
        }
        final List<String> problems = new ArrayList<>();
        final OcspClient.Key key = OcspClient.Key.of(certificate, issuer);
        final var cached = ocspAnswers.get(key, now);
        if (cached.isPresent()) {
            return cached.get();
        }
        for (URI responder : sources.ocspResponders()) {
            final RevocationStatus status = fetch(problems, deadline, policy,
                timeout -> ocsp.query(certificate, issuer, responder, policy.ocspNonce(), now, timeout), responder);
            if (status != null && status.isDefinitive()) {
                ocspAnswers.put(key, status, status.nextUpdate() != null ? status.nextUpdate() : now.plus(OCSP_DEFAULT_LIFETIME), now);
                return status;
            }
        }
        for (URI distributionPoint : sources.crlDistributionPoints()) {
            final RevocationStatus status = fetch(problems, deadline, policy,
                timeout -> crl.query(certificate, issuer, distributionPoint, policy.maxCrlBytes(), now, timeout), distributionPoint);
            if (status != null && status.isDefinitive()) {
                return status;
            }
        }
        return RevocationStatus.unknown(problems.isEmpty() ? "none" : "OCSP/CRL", String.join("; ", problems));
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
        final ExpiringLruCache.Stats c = crls.stats();
        return new Stats(o.hits(), o.misses(), c.hits(), c.misses(), sourceQueries.sum(), fetchFailures.sum());
    }

    /** Forgets all cached answers (e.g. when an administrator asks for it). */
    public void clearCaches() {
        ocspAnswers.clear();
        crls.clear();
    }

    @Override
    public void close() {
        clearCaches();
        if (ownsFetcher && fetcher instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                Log.debug("Closing the revocation fetcher failed", e);
            }
        }
    }
}
