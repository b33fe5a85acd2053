package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.igniterealtime.openfire.plugin.boshcertauth.util.ExpiringLruCache;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Downloads CRLs from distribution points and keeps them until their nextUpdate. A CRL is used only when it is issued
 * and signed by the certificate's issuer (no indirect CRLs, no delta CRLs) and is current; a CRL past its nextUpdate is
 * fetched again, and if the new one is not current either (or cannot be fetched), the status is unknown.
 */
final class CrlClient {

    static final String SOURCE = "CRL";
    /** How long a CRL without nextUpdate is reused before it is fetched again. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    private final RevocationFetcher fetcher;
    private final ExpiringLruCache<URI, X509CRL> cache;
    private final ConcurrentHashMap<URI, CompletableFuture<X509CRL>> inFlight = new ConcurrentHashMap<>();

    CrlClient(RevocationFetcher fetcher, ExpiringLruCache<URI, X509CRL> cache) {
        this.fetcher = fetcher;
        this.cache = cache;
    }

    /**
     * @throws IOException when the CRL could not be fetched (counted as a fetch failure by the caller)
     */
    RevocationStatus query(X509Certificate certificate, X509Certificate issuer, URI distributionPoint, long maxBytes,
                           Instant now, Duration timeout) throws IOException {
        final X509CRL cached = cache.get(distributionPoint, now).orElse(null);
        final X509CRL crl = cached != null ? cached : fetchOnce(distributionPoint, maxBytes, now, timeout);
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return RevocationStatus.unknown(SOURCE, "CRL at " + distributionPoint + " is issued by " + crl.getIssuerX500Principal()
                + ", not by the certificate's issuer");
        }
        try {
            crl.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
            return RevocationStatus.unknown(SOURCE, "CRL at " + distributionPoint + " is not signed by the certificate's issuer");
        }
        final Instant nextUpdate = crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
        if (nextUpdate != null && !now.isBefore(nextUpdate)) {
            return RevocationStatus.unknown(SOURCE, "CRL at " + distributionPoint + " is stale (nextUpdate " + nextUpdate + ")");
        }
        final X509CRLEntry entry = crl.getRevokedCertificate(certificate);
        return entry == null
            ? RevocationStatus.good(nextUpdate, SOURCE, "CRL: not revoked")
            : RevocationStatus.revoked(nextUpdate, SOURCE, "CRL: revoked at " + entry.getRevocationDate().toInstant());
    }

    /**
     * Downloads the CRL, or joins a download of the same URL already under way: after a CRL's nextUpdate a burst of
     * logins would otherwise fetch the same (possibly large) CRL once each.
     */
    private X509CRL fetchOnce(URI distributionPoint, long maxBytes, Instant now, Duration timeout) throws IOException {
        final CompletableFuture<X509CRL> mine = new CompletableFuture<>();
        final CompletableFuture<X509CRL> running = inFlight.putIfAbsent(distributionPoint, mine);
        if (running != null) {
            try {
                return running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new IOException("no CRL from " + distributionPoint + " within " + timeout.toMillis() + " ms", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + distributionPoint, e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(String.valueOf(e.getCause()), e.getCause());
            }
        }
        try {
            // A download that finished between our cache miss and taking the slot has filled the cache already.
            final Optional<X509CRL> justFetched = cache.peek(distributionPoint, now);
            final X509CRL crl = justFetched.isPresent() ? justFetched.get()
                : parse(fetcher.get(distributionPoint, maxBytes, timeout), distributionPoint);
            if (justFetched.isEmpty()) {
                // Cached before the slot is released, so that later arrivals find it.
                final Instant nextUpdate = crl.getNextUpdate() == null ? now.plus(DEFAULT_LIFETIME) : crl.getNextUpdate().toInstant();
                cache.put(distributionPoint, crl, nextUpdate, now);
            }
            mine.complete(crl);
            return crl;
        } catch (IOException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(distributionPoint, mine);
        }
    }

    private static X509CRL parse(byte[] der, URI distributionPoint) throws IOException {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException("no valid CRL at " + distributionPoint + ": " + e.getMessage(), e);
        }
    }
}
