package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.igniterealtime.openfire.plugin.boshcertauth.util.ExpiringLruCache;
import org.igniterealtime.openfire.plugin.boshcertauth.util.SingleFlight;

import javax.security.auth.x500.X500Principal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.cert.CRLReason;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Downloads CRLs from distribution points and keeps them until their nextUpdate. A CRL is verified against the
 * certificate's issuer ({@link VerifiedCrl}: issuer, cRLSign, signature, thisUpdate/nextUpdate) before
 * it is cached or used; one that fails is dropped at once, so it makes only the login that received it "unknown" and
 * the next login downloads again. A CRL past its nextUpdate is fetched again, and if the new one is not current either
 * (or cannot be fetched), the status is unknown.
 *
 * <p>Cached per distribution point and issuer (the issuer a CRL was verified for). One download per distribution
 * point and issuer at a time: after a CRL's nextUpdate a burst of logins would otherwise fetch the same (possibly
 * large) CRL once each.</p>
 *
 * <p>In a cluster, a node first takes the CRL another node has shared and downloads only when there is none it can
 * verify; it shares what it downloads, and takes a newer shared CRL over its own cached copy ({@link SharedCrls}).</p>
 *
 * <p>Configured CRLs (setting {@code boshcertauth.revocation.crl.sources}) are handled alike: an http(s) URL is
 * downloaded, a {@code file:} URI read from disk (same size cap); either is verified before it is cached. A file is
 * read again when its modification time changes, and at the latest after {@value #DEFAULT_LIFETIME_MINUTES} minutes.
 * A configured source serves every certificate's check, also of CAs whose CRL it is not: what it gave is kept, before
 * verification, as the source's copy until its nextUpdate and at most {@value #DEFAULT_LIFETIME_MINUTES} minutes (it
 * is unverified until some issuer verifies it, so a forged nextUpdate cannot pin it), so that the CRL of another CA
 * is not downloaded again at every login; a copy that claims to be the issuer's CRL and fails its checks is dropped at
 * once, as a downloaded CRL is.</p>
 *
 * <p>All fetches for one certificate (its CRL and each candidate delta CRL) share one deadline: one login waits at
 * most the timeout it was given, however many delta CRLs are announced. A download under way is shared per place,
 * issuer and kind (complete or delta CRL), since its outcome depends on the kind asked for.</p>
 */
final class CrlClient {

    static final String SOURCE = "CRL";
    /** How long a CRL without nextUpdate is reused before it is fetched again; a CRL file at most this long. */
    private static final int DEFAULT_LIFETIME_MINUTES = 5;
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(DEFAULT_LIFETIME_MINUTES);
    /** Less time than this left for a certificate's checks is not worth a connection: the fetch counts as timed out. */
    static final Duration MIN_FETCH_TIME = Duration.ofMillis(10);

    /**
     * Which CRL: where it is published, whether the administrator configured that place (then its
     * issuingDistributionPoint is matched per certificate), whom it was verified for, and whether it was wanted as a
     * delta CRL: a delta learnt for a place must never take the place of the complete CRL cached for it, and back.
     */
    record Key(URI source, boolean configured, X500Principal issuerName, ByteBuffer issuerKey, List<ByteBuffer> otherKeys,
               List<X500Principal> namedCrlIssuers, ByteBuffer anchorKey, boolean delta) {
        static Key of(URI source, boolean configured, CrlIssuer issuer, boolean delta) {
            final X509Certificate certificateIssuer = issuer.certificateIssuer();
            return new Key(source, configured, certificateIssuer.getSubjectX500Principal(),
                ByteBuffer.wrap(certificateIssuer.getPublicKey().getEncoded()), issuer.otherKeys(),
                issuer.namedCrlIssuers(), issuer.signers().anchorKey(), delta);
        }

        /** Another key for a CRL from the same place, of the same kind (for whichever issuer it was verified). */
        boolean samePlace(Object other) {
            return other instanceof Key key && key.source.equals(source) && key.configured == configured && key.delta == delta;
        }

        /** Only the administrator's sources are read from disk; a file: name in a certificate or CRL is not. */
        boolean isFile() {
            return configured && "file".equalsIgnoreCase(source.getScheme());
        }
    }

    /** A verified CRL and, for a file, the modification time of the file it was read from (null for http). */
    private record Fetched(VerifiedCrl crl, FileTime modified) {}

    /** A configured source's CRL as read, not yet verified for anyone; {@code modified} as in {@link Fetched}. */
    private record Copy(X509CRL crl, FileTime modified) {}

    /** One download: which CRL, and whether it is wanted as a complete or as a delta CRL (its outcome differs). */
    private record Download(Key key, boolean delta) {}

    /**
     * What one download gave: a verified CRL, or why the downloaded one is unusable (stale: only past nextUpdate;
     * replay: correctly signed and current, but older than a CRL this node has used for the key).
     */
    private record Outcome(VerifiedCrl crl, String problem, boolean stale, boolean replay) {
        Outcome(VerifiedCrl crl, String problem, boolean stale) {
            this(crl, problem, stale, false);
        }
    }

    private final RevocationFetcher fetcher;
    private final ExpiringLruCache<Key, Fetched> cache;
    /** The configured sources' CRLs as read (any issuer's), so that each is read once per nextUpdate, not per login. */
    private final ExpiringLruCache<URI, Copy> configuredCopies;
    private final SingleFlight<Download, Outcome> downloads = new SingleFlight<>();
    /** The cluster's CRLs: taken before a download, offered after one (see {@link SharedCrls}). */
    private final SharedCrls shared;

    CrlClient(RevocationFetcher fetcher, int cacheEntries) {
        this(fetcher, cacheEntries, SharedRevocationAnswers.NONE);
    }

    CrlClient(RevocationFetcher fetcher, int cacheEntries, SharedRevocationAnswers sharedAnswers) {
        this.fetcher = fetcher;
        this.cache = new ExpiringLruCache<>(cacheEntries);
        this.configuredCopies = new ExpiringLruCache<>(cacheEntries);
        this.shared = new SharedCrls(sharedAnswers);
    }

    /**
     * The status according to the CRL at one of the certificate's distribution points.
     *
     * @throws IOException when the CRL could not be fetched (counted as a fetch failure by the caller)
     */
    RevocationStatus query(X509Certificate certificate, CrlIssuer issuer, URI distributionPoint, List<URI> configuredSources,
                           long maxBytes, Instant now, Duration timeout, ReasonCoverage coverage) throws IOException {
        return query(certificate, issuer, Key.of(distributionPoint, false, issuer, false), configuredSources, maxBytes, now, timeout, coverage);
    }

    /**
     * The status according to a configured CRL (a file or URL of {@code boshcertauth.revocation.crl.sources}), which
     * must be the issuer's complete CRL or the one for one of the certificate's distribution points.
     *
     * @throws IOException when the CRL could not be read
     */
    RevocationStatus queryConfigured(X509Certificate certificate, CrlIssuer issuer, URI source,
                                     List<URI> configuredSources, long maxBytes,
                                     Instant now, Duration timeout, ReasonCoverage coverage) throws IOException {
        return query(certificate, issuer, Key.of(source, true, issuer, false), configuredSources,
            maxBytes, now, timeout, coverage);
    }

    /**
     * @param configuredSources every configured CRL source: any of them may be a delta CRL of the complete CRL found
     * @param coverage          the reasons other CRLs have covered for this certificate so far (onlySomeReasons)
     */
    private RevocationStatus query(X509Certificate certificate, CrlIssuer issuer, Key key,
                                   List<URI> configuredSources, long maxBytes, Instant now, Duration timeout,
                                   ReasonCoverage coverage) throws IOException {
        final URI source = key.source();
        // the complete CRL and every delta candidate together: at most the timeout this certificate was given
        final RevocationDeadline deadline = RevocationDeadline.after(timeout);
        final Outcome outcome = fetch(key, issuer, false, maxBytes, now, deadline);
        if (outcome.problem() != null) {
            return outcome.stale() ? RevocationStatus.unknownStaleCrl(SOURCE, outcome.problem())
                : RevocationStatus.unknown(SOURCE, outcome.problem());
        }
        final VerifiedCrl crl = outcome.crl();
        // A download shared with another login was judged at that login's instant; ours may be later.
        if (crl.nextUpdate() != null && !now.isBefore(crl.nextUpdate())) {
            return RevocationStatus.unknownStaleCrl(SOURCE, "CRL at " + source + " is stale (nextUpdate " + crl.nextUpdate() + ")");
        }
        final int reasons = crl.reasonsFor(certificate);
        if (reasons == ReasonMask.NONE) {
            return RevocationStatus.unknown(SOURCE, "CRL at " + source + " is the CRL of a distribution point the "
                + "certificate does not name (issuingDistributionPoint, cRLIssuer or reasons)");
        }
        if (!crl.covers(certificate)) {
            return RevocationStatus.unknown(SOURCE, "CRL at " + source + " does not cover "
                + (crl.onlyUserCerts() ? "CA" : "end-entity") + " certificates (issuingDistributionPoint)");
        }
        if (crl.isDelta()) { // the place publishes a delta CRL where a complete one is wanted
            return RevocationStatus.unknown(SOURCE, notComplete(source));
        }
        // An indirect CRL's entries belong to the issuer the last certificateIssuer named: the JDK keys them so
        final X509CRLEntry completeEntry = crl.crl().getRevokedCertificate(certificate);
        if (completeEntry != null && completeEntry.getRevocationReason() != CRLReason.CERTIFICATE_HOLD) {
            // Revoked for good (RFC 5280 §5.3.1: only a hold can be lifted): no delta CRL can change that, nor its absence.
            return RevocationStatus.revoked(crl.nextUpdate(), SOURCE, "CRL: revoked at " + completeEntry.getRevocationDate().toInstant());
        }
        final List<URI> announced = announcedDeltas(crl, certificate);
        final List<String> deltaProblems = new ArrayList<>();
        final List<String> deltaReplays = new ArrayList<>();
        final Optional<VerifiedCrl> delta = delta(crl, issuer, announced, configuredSources, source, maxBytes, now, deadline,
            deltaProblems, deltaReplays);
        if (delta.isEmpty() && !deltaReplays.isEmpty()) {
            // a delta CRL older than one already used here hides what the newer one listed: never the complete CRL alone,
            // but a hold in the complete CRL stays a hold (only a usable delta CRL could lift it)
            return completeEntry != null
                ? RevocationStatus.revoked(crl.nextUpdate(), SOURCE, "CRL: on hold since " + completeEntry.getRevocationDate().toInstant()
                    + " (" + String.join("; ", deltaReplays) + ")")
                : RevocationStatus.unknown(SOURCE, String.join("; ", deltaReplays));
        }
        final X509CRLEntry entry = delta.map(d -> d.crl().getRevokedCertificate(certificate)).orElse(null);
        final Instant nextUpdate = delta.map(d -> earlier(crl.nextUpdate(), d.nextUpdate())).orElse(crl.nextUpdate());
        if (entry != null) {
            // RFC 5280 §5.3.1: removeFromCRL in a delta CRL lifts a certificateHold of the complete CRL.
            return entry.getRevocationReason() == CRLReason.REMOVE_FROM_CRL
                ? good(nextUpdate, source, reasons, coverage, "CRL: not revoked (hold removed by delta CRL)")
                : RevocationStatus.revoked(nextUpdate, SOURCE, "CRL: revoked at " + entry.getRevocationDate().toInstant() + " (delta CRL)");
        }
        if (completeEntry != null) {
            // On hold, and no delta CRL lifts it: a hold counts as revoked.
            return RevocationStatus.revoked(nextUpdate, SOURCE, "CRL: on hold since " + completeEntry.getRevocationDate().toInstant());
        }
        if (delta.isEmpty() && !announced.isEmpty()) {
            // The complete CRL alone misses every revocation since it was issued, which the CA publishes in its deltas.
            return RevocationStatus.unknown(SOURCE, "CRL at " + source + " has delta CRLs (freshestCRL " + announced
                + "), none of them usable" + (deltaProblems.isEmpty() ? "" : ": " + String.join("; ", deltaProblems)));
        }
        return good(nextUpdate, source, reasons, coverage, "CRL: not revoked");
    }

    /**
     * Not revoked for {@code reasons}: good once these and the reasons of the certificate's other CRLs cover all
     * reasons (RFC 5280 §6.3.3 (d), (k)); until then unknown, so that the next CRL is consulted.
     */
    private static RevocationStatus good(Instant nextUpdate, URI source, int reasons, ReasonCoverage coverage, String detail) {
        return coverage.add(reasons) ? RevocationStatus.good(nextUpdate, SOURCE, detail)
            : RevocationStatus.unknown(SOURCE, "CRL at " + source + " does not list the certificate but covers only some "
                + "revocation reasons (onlySomeReasons), and no other CRL has covered the rest");
    }

    private Outcome fetch(Key key, CrlIssuer issuer, boolean delta, long maxBytes, Instant now, RevocationDeadline deadline)
            throws IOException {
        final Optional<Fetched> cached = current(key, now);
        if (cached.isEmpty()) {
            final Optional<CrlSigners.SignedBySubject> ownSigners = issuer.signers().crlSignedBySubject(key::samePlace);
            if (ownSigners.isPresent()) {
                // opted in: the CRL being verified judges its signer's own certificate, checked now (neither cached nor shared)
                return judgedForItsSigner(key, issuer, delta, ownSigners.get(), now);
            }
            if (issuer.signers().isVerifying(key)) {
                // its signer's own status is being judged with the CRL we are verifying: it would vouch for itself
                return new Outcome(null, "CRL at " + key.source() + " is needed to judge its own signer (a cycle)", false);
            }
            final Duration timeout = deadline.remaining();
            if (timeout.compareTo(MIN_FETCH_TIME) < 0) {
                throw new IOException("time budget of this certificate's revocation check exhausted before this CRL");
            }
            return downloads.run(new Download(key, delta), timeout, () -> download(key, issuer, delta, maxBytes, now, timeout));
        }
        // A newer CRL that another cluster node has learnt replaces ours (a revocation known on one node is known on all).
        final long generation = cache.generation();
        final Optional<VerifiedCrl> newer = shared.newerThan(key, delta, cached.get().crl(), der -> check(key, issuer, delta, der, now));
        newer.ifPresent(crl -> keep(key, crl, null, now, generation));
        return new Outcome(newer.orElse(cached.get().crl()), null, false);
    }

    private static String notComplete(URI source) {
        return "CRL at " + source + " is a delta CRL, used only with its complete CRL";
    }

    /** The delta CRLs the complete CRL or the certificate announce (freshestCRL), http only (as distribution points). */
    private static List<URI> announcedDeltas(VerifiedCrl complete, X509Certificate certificate) {
        final List<URI> announced = new ArrayList<>(complete.freshest());
        RevocationSources.freshestCrls(certificate).stream().filter(uri -> !announced.contains(uri)).forEach(announced::add);
        return List.copyOf(announced);
    }

    /**
     * The first usable delta CRL of {@code complete} (RFC 5280 §6.3.3 (c)): from the configured sources, then from the
     * announced places; each verified against the same issuer like any CRL, and matched by {@link VerifiedCrl#isDeltaFor}.
     * A delta that is stale or unusable is skipped with its problem noted (an announced one's in {@code problems}); a
     * replayed one (older than a delta CRL already used for its place, configured or announced) in {@code replays}.
     */
    private Optional<VerifiedCrl> delta(VerifiedCrl complete, CrlIssuer issuer, List<URI> announced,
                                        List<URI> configuredSources, URI completeSource, long maxBytes, Instant now,
                                        RevocationDeadline deadline, List<String> problems, List<String> replays) {
        final List<Key> candidates = new ArrayList<>();
        configuredSources.stream().filter(uri -> !uri.equals(completeSource)).forEach(uri -> candidates.add(Key.of(uri, true, issuer, true)));
        announced.forEach(uri -> candidates.add(Key.of(uri, false, issuer, true)));
        for (Key candidate : candidates) {
            try {
                final Outcome outcome = fetch(candidate, issuer, true, maxBytes, now, deadline);
                if (outcome.crl() != null && outcome.crl().isDeltaFor(complete)
                        && (outcome.crl().nextUpdate() == null || now.isBefore(outcome.crl().nextUpdate()))) {
                    return Optional.of(outcome.crl());
                }
                if (outcome.replay()) {
                    replays.add(outcome.problem());
                } else if (!candidate.configured()) {
                    problems.add(outcome.problem() != null ? outcome.problem()
                        : "CRL at " + candidate.source() + " is not a current delta CRL of that CRL");
                }
            } catch (IOException e) {
                if (!candidate.configured()) {
                    problems.add(candidate.source() + ": " + e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    /** The cached CRL, unless it has expired or (for a file) the file has changed since it was read. */
    private Optional<Fetched> current(Key key, Instant now) {
        return cache.get(key, now).filter(fetched -> unchanged(key, fetched.modified()));
    }

    private static boolean unchanged(Key key, FileTime modified) {
        if (!key.isFile()) {
            return true;
        }
        try {
            return modified.equals(Files.getLastModifiedTime(Path.of(key.source())));
        } catch (IOException | RuntimeException e) {
            return false; // gone or unreadable: read it again, which reports why
        }
    }

    /** Runs once per key at a time (the others wait for its outcome); caches only a CRL that passed verification. */
    private Outcome download(Key key, CrlIssuer issuer, boolean delta, long maxBytes, Instant now, Duration timeout)
            throws IOException {
        final long generation = cache.generation();
        // A download that finished between our cache miss and taking the slot has filled the cache already.
        final Optional<Fetched> justFetched = cache.peek(key, now).filter(fetched -> unchanged(key, fetched.modified()));
        if (justFetched.isPresent()) {
            return new Outcome(justFetched.get().crl(), null, false);
        }
        // A CRL another cluster node downloaded, verified here exactly like a download: no request to the CA.
        final Optional<VerifiedCrl> fromCluster = shared.take(key, delta, der -> check(key, issuer, delta, der, now));
        if (fromCluster.isPresent()) {
            keep(key, fromCluster.get(), null, now, generation);
            return new Outcome(fromCluster.get(), null, false);
        }
        final Copy copy = read(key, maxBytes, now, timeout);
        final Outcome outcome = verify(key, issuer, delta, copy.crl(), now);
        if (outcome.crl() == null) {
            if (key.configured() && copy.crl().getIssuerX500Principal().equals(issuer.certificateIssuer().getSubjectX500Principal())) {
                // it claims to be this issuer's CRL and is not usable: read it again next time, as a downloaded one
                configuredCopies.remove(key.source());
            }
            return outcome;
        }
        final Optional<String> replay = shared.replay(key, delta, outcome.crl());
        if (replay.isPresent()) {
            // CRL replay: correctly signed and current, but older than one this node has used (e.g. an attacker on the
            // path to an http distribution point hiding a later revocation). Never shared, cached or used.
            return newerKnown(key, issuer, delta, outcome.crl(), copy.modified(), now, generation)
                .map(newer -> new Outcome(newer, null, false))
                .orElseGet(() -> new Outcome(null, "CRL at " + key.source() + " is " + replay.get(), false, true));
        }
        // Shared with the cluster, unless a node has shared a newer one meanwhile: then that one is used. Not a file
        // (each node reads its own), nor after a flush during the download (the flush cleared the shared CRLs, and
        // this one may predate it).
        final VerifiedCrl used;
        if (key.isFile() || cache.generation() != generation) {
            shared.downloaded(key, delta, outcome.crl());
            used = outcome.crl();
        } else {
            used = shared.offer(key, delta, encoded(copy.crl(), key.source()), outcome.crl(), now, der -> check(key, issuer, delta, der, now));
        }
        keep(key, used, copy.modified(), now, generation);
        return new Outcome(used, null, false);
    }

    /**
     * The CRL to use in place of a replayed {@code older} one while it is current: the one this node still holds for
     * the key (a file that went back to an older CRL; kept with the file's new time, so that the older file is not
     * verified again at every login), else a shared one that verifies and is not below this node's high-water mark.
     */
    private Optional<VerifiedCrl> newerKnown(Key key, CrlIssuer issuer, boolean delta, VerifiedCrl older, FileTime modified,
                                             Instant now, long generation) {
        final Optional<VerifiedCrl> held = cache.peek(key, now).map(Fetched::crl)
            .filter(crl -> SharedCrls.isNewer(crl, older) && (crl.nextUpdate() == null || now.isBefore(crl.nextUpdate())));
        if (held.isPresent()) {
            keep(key, held.get(), modified, now, generation);
            return held;
        }
        final Optional<VerifiedCrl> fromCluster = shared.take(key, delta, der -> check(key, issuer, delta, der, now));
        fromCluster.ifPresent(crl -> keep(key, crl, null, now, generation));
        return fromCluster;
    }

    /**
     * The CRL at the key's place, parsed but not verified: a configured source's from its copy when that is current,
     * else read (a file) or downloaded; a configured source's is then kept as its copy.
     */
    private Copy read(Key key, long maxBytes, Instant now, Duration timeout) throws IOException {
        final URI source = key.source();
        if (key.configured()) {
            final Optional<Copy> copy = configuredCopies.get(source, now).filter(c -> unchanged(key, c.modified()));
            if (copy.isPresent()) {
                return copy.get();
            }
        }
        final long generation = configuredCopies.generation();
        final FileTime modified;
        final byte[] encoded;
        if (key.isFile()) {
            final Path path = Path.of(source);
            // Taken before reading: a change while we read shows as a newer time at the next login.
            modified = Files.getLastModifiedTime(path);
            encoded = readFile(path, maxBytes);
        } else {
            modified = null;
            encoded = fetcher.get(source, maxBytes, timeout);
        }
        final Copy copy = new Copy(parse(encoded, source), modified);
        if (key.configured()) {
            // unverified: until its nextUpdate, but never longer than a file is trusted to be unchanged
            final Instant latest = now.plus(DEFAULT_LIFETIME);
            final Instant nextUpdate = copy.crl().getNextUpdate() == null ? latest : copy.crl().getNextUpdate().toInstant();
            configuredCopies.put(source, copy, nextUpdate.isBefore(latest) ? nextUpdate : latest, now, generation);
        }
        return copy;
    }

    /** The checks every CRL passes before it is used or cached, downloaded, read or taken from the cluster's cache. */
    private static Outcome verify(Key key, CrlIssuer issuer, boolean delta, X509CRL parsed, Instant now) {
        final URI source = key.source();
        final VerifiedCrl verified;
        issuer.signers().startVerifying(key, parsed); // a CRL signer's path checked meanwhile must not wait for this CRL
        try {
            verified = key.configured() ? VerifiedCrl.verifyConfigured(parsed, issuer, now, source)
                : VerifiedCrl.verify(parsed, issuer, now, source);
        } catch (VerifiedCrl.UnusableCrlException e) {
            return new Outcome(null, e.getMessage(), e.stale());
        } finally {
            issuer.signers().doneVerifying(key);
        }
        if (verified.isDelta() != delta) {
            // e.g. a delta CRL served at a distribution point: not the complete CRL the next login needs there either
            return new Outcome(null, delta ? "CRL at " + source + " is not a delta CRL" : notComplete(source), false);
        }
        return new Outcome(verified, null, false);
    }

    /** The CRL under verification, verified for its own signer's certificate ({@link VerifiedCrl#verifyForItsSigner}). */
    private static Outcome judgedForItsSigner(Key key, CrlIssuer issuer, boolean delta, CrlSigners.SignedBySubject own, Instant now) {
        final VerifiedCrl verified;
        try {
            verified = VerifiedCrl.verifyForItsSigner(own.crl(), issuer, own.signer(), now, key.source(), key.configured());
        } catch (VerifiedCrl.UnusableCrlException e) {
            return new Outcome(null, e.getMessage(), e.stale());
        }
        return verified.isDelta() != delta
            ? new Outcome(null, delta ? "CRL at " + key.source() + " is not a delta CRL" : notComplete(key.source()), false)
            : new Outcome(verified, null, false);
    }

    /** {@link #verify} for a CRL from the cluster's cache: the verified CRL, or empty when it is unusable here. */
    private static Optional<VerifiedCrl> check(Key key, CrlIssuer issuer, boolean delta, byte[] der, Instant now) {
        try {
            return Optional.ofNullable(verify(key, issuer, delta, parse(der, key.source()), now).crl());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Caches a verified CRL until its nextUpdate (a file: at most {@value #DEFAULT_LIFETIME_MINUTES} minutes). */
    private void keep(Key key, VerifiedCrl verified, FileTime modified, Instant now, long generation) {
        Instant expiry = verified.nextUpdate() == null ? now.plus(DEFAULT_LIFETIME) : verified.nextUpdate();
        if (key.isFile() && expiry.isAfter(now.plus(DEFAULT_LIFETIME))) {
            expiry = now.plus(DEFAULT_LIFETIME); // re-read now and then even if the file's time was preserved on a copy
        }
        // Cached before the slot is released, so that later arrivals find it; not if the caches were flushed meanwhile.
        cache.put(key, new Fetched(verified, modified), expiry, now, generation);
    }

    /** The DER of a parsed CRL, as the cluster's cache keeps it. */
    private static byte[] encoded(X509CRL crl, URI source) throws IOException {
        try {
            return crl.getEncoded();
        } catch (java.security.cert.CRLException e) {
            throw new IOException("CRL at " + source + " cannot be encoded again: " + e.getMessage(), e);
        }
    }

    /** The file's bytes, at most {@code maxBytes} of them (a bigger file is refused like a bigger download). */
    private static byte[] readFile(Path path, long maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            final byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (content.length > maxBytes) {
                throw new IOException("CRL file " + path + " is larger than " + maxBytes + " bytes");
            }
            return content;
        }
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
        configuredCopies.flush();
        shared.flush();
    }

    private static X509CRL parse(byte[] der, URI distributionPoint) throws IOException {
        if (der.length == 0) {
            throw new IOException("no CRL at " + distributionPoint + " (empty)");
        }
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException("no valid CRL at " + distributionPoint + ": " + e.getMessage(), e);
        }
    }
}
