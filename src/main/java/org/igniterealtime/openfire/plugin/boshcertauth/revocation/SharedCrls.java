package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link CrlClient}'s seam to the {@link SharedRevocationAnswers} of the cluster: which CRL a node may take from the
 * shared cache and which it puts there. Every CRL read from the cache goes through the caller's {@link Check}, the
 * very checks a download passes (parse, {@link VerifiedCrl}, complete or delta as expected, current at the caller's
 * instant); whatever fails them is ignored, so a poisoned or stale entry leads to a download, never to "good".
 *
 * <p>Newer wins ({@link #isNewer}: later thisUpdate, or the same thisUpdate and a higher cRLNumber): a node never
 * overwrites a shared CRL that verifies and is newer than its own download (it uses that one instead), and it takes
 * a shared CRL that is newer than its own cached copy, so a revocation one node has learnt is known to all at their
 * next revocation check.</p>
 *
 * <p>Beside each CRL it shares, a node puts a version stamp ({@link Stamp}: thisUpdate, cRLNumber, fetch time): a
 * node that has its own current copy reads only that stamp at each check, and the CRL itself (up to a megabyte from
 * the cluster) only when the stamp says it is newer, or when there is no stamp it can read. A stamp can only save a
 * read: what is read is verified as always, so a lying stamp costs a read or delays a newer CRL until the node's own
 * copy expires, never more.</p>
 *
 * <p>Configured CRL files are not shared: each node reads its own file. Every CRL a node uses, downloaded, read or
 * taken, raises its high-water mark for the key (thisUpdate, then cRLNumber); a CRL below the mark is a replay
 * ({@link #replay}) and is never used, wherever it comes from.</p>
 */
final class SharedCrls {

    private static final Logger Log = LoggerFactory.getLogger(SharedCrls.class);
    /** Entries examined and not taken, remembered so that an unchanged entry is not verified again at every check. */
    private static final int MAX_EXAMINED = 4096;

    /** The checks of a downloaded CRL: the verified CRL, or empty when it must not be used. */
    @FunctionalInterface
    interface Check {
        Optional<VerifiedCrl> verify(byte[] der);
    }

    private final SharedRevocationAnswers answers;
    /** Per shared key: the fetch time of the entry this node last examined (taken, put or found not newer). */
    private final Map<String, Instant> examined = new ConcurrentHashMap<>();
    /** Per shared key: the stamp that made this node read an entry that then was not taken (it is not read again). */
    private final Map<String, String> examinedStamps = new ConcurrentHashMap<>();

    /**
     * Per shared key: the newest CRL (thisUpdate, cRLNumber) this node has used. Kept across flushes: a CRL older
     * than one already seen is never used, so neither whoever can write the cluster cache nor an attacker on the path
     * to a distribution point can roll a node back to an older CRL that is still current (e.g. one from before a
     * revocation). In memory only: a node that restarts or joins takes any shared CRL that verifies (downloading first
     * instead would cost every node its own download of every CRL, which sharing exists to avoid). Accepted, because
     * only a cluster member can write the shared cache, and a member is inside the trust boundary anyway: it can log
     * anyone in and writes every clustered cache of Openfire (readme, Clustering).
     */
    private final Map<String, Mark> highWater = new ConcurrentHashMap<>();

    /** What a high-water mark keeps of a CRL (not the CRL itself: marks outlive the cached CRLs). */
    private record Mark(java.util.Date thisUpdate, java.math.BigInteger crlNumber) {
        static Mark of(VerifiedCrl crl) {
            return new Mark(crl.crl().getThisUpdate(), crl.crlNumber());
        }

        /** As {@link #isNewer}: later thisUpdate with a cRLNumber that is not lower, or the same and a higher number. */
        boolean isNewerThan(Mark than) {
            final int byTime = thisUpdate.compareTo(than.thisUpdate);
            final int byNumber = crlNumber == null || than.crlNumber == null ? 0 : crlNumber.compareTo(than.crlNumber);
            return byTime > 0 ? byNumber >= 0 : byTime == 0 && byNumber > 0;
        }

        /**
         * Older than {@code seen} for the replay check: an earlier thisUpdate, or the same and a lower cRLNumber. By
         * time first, whatever the number: a CA that restarted its numbering (new CA software, a key rollover) issues
         * lower numbers later, and a CRL of the old series from before the newest one seen is a replay all the same.
         */
        boolean isBefore(Mark seen) {
            final int byTime = thisUpdate.compareTo(seen.thisUpdate);
            final int byNumber = crlNumber == null || seen.crlNumber == null ? 0 : crlNumber.compareTo(seen.crlNumber);
            if (byNumber > 0 && !thisUpdate.toInstant().isBefore(seen.thisUpdate.toInstant().minus(VerifiedCrl.CLOCK_SKEW))) {
                // a higher number a little earlier in time: the CA's clock was set back (the seen CRL came from a clock
                // running fast, within the skew every CRL is allowed), not a replay
                return false;
            }
            return byTime < 0 || byTime == 0 && byNumber < 0;
        }
    }

    SharedCrls(SharedRevocationAnswers answers) {
        this.answers = answers;
    }

    /** The shared key: kind, where it is published, and whom it was verified for (a digest of the issuer's name and keys). */
    static String key(CrlClient.Key key, boolean delta) {
        try {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(key.issuerName().getEncoded());
            digest.update(key.issuerKey().duplicate());
            for (ByteBuffer other : key.otherKeys()) {
                digest.update(other.duplicate());
            }
            return "crl|" + (delta ? "delta" : "complete") + '|' + (key.configured() ? "configured" : "dp") + '|'
                + HexFormat.of().formatHex(digest.digest()) + '|' + key.source();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** A shared CRL that passes {@code check}, for a node that has none (before it would download one). */
    Optional<VerifiedCrl> take(CrlClient.Key key, boolean delta, Check check) {
        if (key.isFile()) {
            return Optional.empty();
        }
        final String shared = key(key, delta);
        return answers.get(shared).flatMap(answer -> {
            examined.remove(shared);
            final Optional<VerifiedCrl> verified = check.verify(answer.der()).filter(crl -> !belowHighWater(shared, crl));
            if (verified.isEmpty()) {
                Log.debug("Shared CRL for {} fails verification here or is older than one seen; downloading it", key.source());
            } else {
                remember(shared, answer.fetchedAt());
                used(shared, verified.get());
            }
            return verified;
        });
    }

    /**
     * A shared CRL that passes {@code check} and is newer than {@code own}, the node's cached copy; an entry already
     * examined (unchanged since) is not verified again.
     */
    Optional<VerifiedCrl> newerThan(CrlClient.Key key, boolean delta, VerifiedCrl own, Check check) {
        if (key.isFile()) {
            return Optional.empty();
        }
        final String shared = key(key, delta);
        final Optional<String> stamp = answers.stamp(shared);
        if (stamp.isPresent() && (stamp.get().equals(examinedStamps.get(shared))
                || Stamp.parse(stamp.get()).filter(theirs -> !theirs.isNewerThan(Mark.of(own))).isPresent())) {
            return Optional.empty(); // not newer by its stamp, or read under this stamp already: not worth a read
        }
        final Optional<VerifiedCrl> newer = answers.get(shared).flatMap(answer -> {
            if (answer.fetchedAt().equals(examined.get(shared))) {
                return Optional.empty();
            }
            remember(shared, answer.fetchedAt());
            final Optional<VerifiedCrl> verified = check.verify(answer.der())
                .filter(candidate -> isNewer(candidate, own) && !belowHighWater(shared, candidate));
            verified.ifPresent(crl -> used(shared, crl));
            return verified;
        });
        if (newer.isEmpty() && stamp.isPresent()) {
            if (examinedStamps.size() >= MAX_EXAMINED) {
                examinedStamps.clear();
            }
            examinedStamps.put(shared, stamp.get());
        }
        return newer;
    }

    /**
     * Shares a CRL this node has just downloaded and verified, unless the cache holds one that verifies and is newer:
     * then that one is returned, for the caller to use instead of its own.
     */
    VerifiedCrl offer(CrlClient.Key key, boolean delta, byte[] der, VerifiedCrl downloaded, Instant now, Check check) {
        if (key.isFile()) {
            return downloaded;
        }
        final String shared = key(key, delta);
        final Optional<SharedRevocationAnswers.Answer> present = answers.get(shared);
        if (present.isPresent()) {
            final Optional<VerifiedCrl> theirs = check.verify(present.get().der()).filter(crl -> isNewer(crl, downloaded));
            if (theirs.isPresent() && !belowHighWater(shared, theirs.get())) {
                remember(shared, present.get().fetchedAt());
                used(shared, theirs.get());
                return theirs.get();
            }
        }
        if (answers.put(shared, new SharedRevocationAnswers.Answer(der, now))) {
            final Mark ours = Mark.of(downloaded);
            // only forward: a stamp of the same or a newer CRL stays (another node's share may have landed meanwhile)
            answers.putStamp(shared, Stamp.of(downloaded, now), stamp -> Stamp.parse(stamp)
                .map(theirs -> !theirs.equals(ours) && !theirs.isNewerThan(ours)).orElse(true));
            remember(shared, now);
        }
        used(shared, downloaded);
        return downloaded;
    }

    /** Notes a CRL this node downloaded or read and uses without offering it (a file, or a flush during the download). */
    void downloaded(CrlClient.Key key, boolean delta, VerifiedCrl crl) {
        used(key(key, delta), crl);
    }

    /**
     * Why {@code crl}, downloaded or read for {@code key}, must not be used: it is older than the newest CRL this node
     * has used for the key (a replay); empty when it is not.
     */
    Optional<String> replay(CrlClient.Key key, boolean delta, VerifiedCrl crl) {
        final Mark seen = highWater.get(key(key, delta));
        final Mark candidate = Mark.of(crl);
        if (seen == null || !candidate.isBefore(seen)) {
            return Optional.empty();
        }
        return Optional.of("an older CRL than one already seen for it (thisUpdate " + candidate.thisUpdate().toInstant()
            + ", cRLNumber " + candidate.crlNumber() + "; seen thisUpdate " + seen.thisUpdate().toInstant() + ", cRLNumber "
            + seen.crlNumber() + "): a replayed CRL is not used");
    }

    private void used(String shared, VerifiedCrl crl) {
        if (!highWater.containsKey(shared) && highWater.size() >= MAX_EXAMINED) {
            return; // bounded: a key beyond the cap gets no mark (its CRLs are still verified and newer-wins)
        }
        highWater.merge(shared, Mark.of(crl), (seen, candidate) -> seen.isBefore(candidate) ? candidate : seen);
    }

    /** Older than the newest CRL this node has used for the key: the same one or a newer one is not below. */
    private boolean belowHighWater(String shared, VerifiedCrl candidate) {
        final Mark seen = highWater.get(shared);
        return seen != null && Mark.of(candidate).isBefore(seen);
    }

    /** Forgets what was examined (the shared answers themselves are cleared by the service). */
    void flush() {
        examined.clear();
        examinedStamps.clear();
        // highWater is kept: a flush must not let an older CRL back in. The first fetch after a flush may take a shared
        // CRL (every settings change flushes, and the cluster's one-download-per-CRL must survive that); the mark keeps
        // anything older than what this node has used out.
    }

    /** Later thisUpdate with a cRLNumber that is not lower, or the same thisUpdate and a higher cRLNumber. */
    static boolean isNewer(VerifiedCrl candidate, VerifiedCrl than) {
        final int byTime = candidate.crl().getThisUpdate().compareTo(than.crl().getThisUpdate());
        final int byNumber = candidate.crlNumber() == null || than.crlNumber() == null ? 0
            : candidate.crlNumber().compareTo(than.crlNumber());
        return byTime > 0 ? byNumber >= 0 : byTime == 0 && byNumber > 0;
    }

    /**
     * The text of a version stamp: {@code 1|thisUpdate|cRLNumber|fetchedAt} (milliseconds; the number in decimal,
     * empty when the CRL has none). The fetch time makes each share's stamp its own, even for the same CRL.
     */
    static final class Stamp {
        private static final int MAX_NUMBER_DIGITS = 50; // a cRLNumber is at most 20 octets (RFC 5280 §5.2.3)

        private Stamp() {
        }

        static String of(VerifiedCrl crl, Instant fetchedAt) {
            return "1|" + crl.crl().getThisUpdate().getTime() + '|' + (crl.crlNumber() == null ? "" : crl.crlNumber().toString())
                + '|' + fetchedAt.toEpochMilli();
        }

        /** The (thisUpdate, cRLNumber) a stamp claims; empty for anything that is not a stamp of this form. */
        private static Optional<Mark> parse(String stamp) {
            final String[] parts = stamp.split("\\|", -1);
            if (parts.length != 4 || !"1".equals(parts[0]) || parts[2].length() > MAX_NUMBER_DIGITS) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Mark(new java.util.Date(Long.parseLong(parts[1])),
                    parts[2].isEmpty() ? null : new java.math.BigInteger(parts[2])));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    private void remember(String shared, Instant fetchedAt) {
        if (examined.size() >= MAX_EXAMINED) {
            examined.clear();
        }
        examined.put(shared, fetchedAt);
    }
}
