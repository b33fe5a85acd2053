package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.igniterealtime.openfire.plugin.boshcertauth.util.ExpiringLruCache;
import org.igniterealtime.openfire.plugin.boshcertauth.util.SingleFlight;

import javax.security.auth.x500.X500Principal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Downloads CRLs from distribution points and keeps them until their nextUpdate. A CRL is verified against the
 * certificate's issuer ({@link VerifiedCrl}: issuer, cRLSign, signature, thisUpdate/nextUpdate, no delta CRL) before
 * it is cached or used; one that fails is dropped at once, so it makes only the login that received it "unknown" and
 * the next login downloads again. A CRL past its nextUpdate is fetched again, and if the new one is not current either
 * (or cannot be fetched), the status is unknown.
 *
 * <p>Cached per distribution point and issuer (the issuer a CRL was verified for). One download per distribution
 * point and issuer at a time: after a CRL's nextUpdate a burst of logins would otherwise fetch the same (possibly
 * large) CRL once each.</p>
 */
final class CrlClient {

    static final String SOURCE = "CRL";
    /** How long a CRL without nextUpdate is reused before it is fetched again. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    /** Which CRL: where it is published and whom it was verified for. */
    record Key(URI distributionPoint, X500Principal issuerName, ByteBuffer issuerKey) {
        static Key of(URI distributionPoint, X509Certificate issuer) {
            return new Key(distributionPoint, issuer.getSubjectX500Principal(), ByteBuffer.wrap(issuer.getPublicKey().getEncoded()));
        }
    }

    /** What one download gave: a verified CRL, or why the downloaded one is unusable. */
    private record Outcome(VerifiedCrl crl, String problem) {}

    private final RevocationFetcher fetcher;
    private final ExpiringLruCache<Key, VerifiedCrl> cache;
    private final SingleFlight<Key, Outcome> downloads = new SingleFlight<>();

    CrlClient(RevocationFetcher fetcher, int cacheEntries) {
        this.fetcher = fetcher;
        this.cache = new ExpiringLruCache<>(cacheEntries);
    }

    /**
     * @throws IOException when the CRL could not be fetched (counted as a fetch failure by the caller)
     */
    RevocationStatus query(X509Certificate certificate, X509Certificate issuer, URI distributionPoint, long maxBytes,
                           Instant now, Duration timeout) throws IOException {
        final Key key = Key.of(distributionPoint, issuer);
        final Optional<VerifiedCrl> cached = cache.get(key, now);
        final Outcome outcome = cached.isPresent() ? new Outcome(cached.get(), null)
            : downloads.run(key, timeout, () -> download(key, issuer, maxBytes, now, timeout));
        if (outcome.problem() != null) {
            return RevocationStatus.unknown(SOURCE, outcome.problem());
        }
        final VerifiedCrl crl = outcome.crl();
        // A download shared with another login was judged at that login's instant; ours may be later.
        if (crl.nextUpdate() != null && !now.isBefore(crl.nextUpdate())) {
            return RevocationStatus.unknown(SOURCE, "CRL at " + distributionPoint + " is stale (nextUpdate " + crl.nextUpdate() + ")");
        }
        if (!crl.covers(certificate)) {
            return RevocationStatus.unknown(SOURCE, "CRL at " + distributionPoint + " does not cover "
                + (crl.onlyUserCerts() ? "CA" : "end-entity") + " certificates (issuingDistributionPoint)");
        }
        final X509CRLEntry entry = crl.crl().getRevokedCertificate(certificate);
        return entry == null
            ? RevocationStatus.good(crl.nextUpdate(), SOURCE, "CRL: not revoked")
            : RevocationStatus.revoked(crl.nextUpdate(), SOURCE, "CRL: revoked at " + entry.getRevocationDate().toInstant());
    }

    /** Runs once per key at a time (the others wait for its outcome); caches only a CRL that passed verification. */
    private Outcome download(Key key, X509Certificate issuer, long maxBytes, Instant now, Duration timeout) throws IOException {
        final long generation = cache.generation();
        // A download that finished between our cache miss and taking the slot has filled the cache already.
        final Optional<VerifiedCrl> justFetched = cache.peek(key, now);
        if (justFetched.isPresent()) {
            return new Outcome(justFetched.get(), null);
        }
        final X509CRL downloaded = parse(fetcher.get(key.distributionPoint(), maxBytes, timeout), key.distributionPoint());
        final VerifiedCrl verified;
        try {
            verified = VerifiedCrl.verify(downloaded, issuer, now, key.distributionPoint());
        } catch (VerifiedCrl.UnusableCrlException e) {
            return new Outcome(null, e.getMessage());
        }
        // Cached before the slot is released, so that later arrivals find it; not if the caches were flushed meanwhile.
        cache.put(key, verified, verified.nextUpdate() == null ? now.plus(DEFAULT_LIFETIME) : verified.nextUpdate(), now, generation);
        return new Outcome(verified, null);
    }

    ExpiringLruCache.Stats stats() {
        return cache.stats();
    }

    /** How many logins waited for a download another login had started. */
    long sharedDownloads() {
        return downloads.joined();
    }

    /** Forgets every cached CRL; downloads under way are not joined any more and cache nothing. */
    void flush() {
        downloads.forgetRunning();
        cache.flush();
    }

    private static X509CRL parse(byte[] der, URI distributionPoint) throws IOException {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException("no valid CRL at " + distributionPoint + ": " + e.getMessage(), e);
        }
    }
}
