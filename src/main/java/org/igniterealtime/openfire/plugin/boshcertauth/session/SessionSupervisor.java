package org.igniterealtime.openfire.plugin.boshcertauth.session;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.blocking.BlockList;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.SaslCondition;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.Jids;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.SaslEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Ends live certificate sessions whose certificate stopped being good enough to log in with. Runs on a short period
 * ({@link #PERIOD}) on every node for that node's own sessions; the block list comes from the database on every tick,
 * so a block made on any node reaches every node's sessions within one period.
 *
 * <p>Each tick: forget sessions Openfire closed; re-read the block list; for <em>every</em> session the cheap checks
 * (blocked, leaf expired — a map look-up and a comparison); for at most {@code verificationsPerTick} sessions, in a
 * round robin, the full re-validation: the chain and the identity through the current verifier, as a login with the
 * session's user as authzid (so a CA that left the truststore, a revocation, an expired intermediate, a changed policy,
 * or a certificate that no longer maps to that user — an identity setting, an issuer-name pin or a directory binding
 * changed — end it) and the account (deleted or locked out). The
 * verifier's caches are shared by all sessions: a thousand sessions under one CA cost one CRL download per CRL
 * lifetime, not one per session. A revocation status, directory or database that cannot answer right now (a temporary
 * failure) does not end a session (a responder outage must not log everybody out); it is tried again on the next round.</p>
 */
public final class SessionSupervisor {

    private static final Logger Log = LoggerFactory.getLogger(SessionSupervisor.class);

    public static final Duration PERIOD = Duration.ofSeconds(5);
    public static final int DEFAULT_VERIFICATIONS_PER_TICK = 200;

    private final LiveSessionRegistry registry;
    private final SessionEnder ender;
    private final Supplier<PluginRuntime> runtime;
    private final BlockList blocks;
    private final SaslEnvironment accounts;
    private final Clock clock;
    private final int verificationsPerTick;
    /** Longest time one round spends re-validating chains. */
    static final java.time.Duration REVALIDATION_BUDGET = java.time.Duration.ofSeconds(2);
    private final java.util.concurrent.atomic.AtomicBoolean revalidating = new java.util.concurrent.atomic.AtomicBoolean();
    private int cursor;

    public SessionSupervisor(LiveSessionRegistry registry, SessionEnder ender, Supplier<PluginRuntime> runtime, BlockList blocks,
                             SaslEnvironment accounts, Clock clock, int verificationsPerTick) {
        this.registry = registry;
        this.ender = ender;
        this.runtime = runtime;
        this.blocks = blocks;
        this.accounts = accounts;
        this.clock = clock;
        this.verificationsPerTick = Math.max(1, verificationsPerTick);
    }

    /**
     * One round; never throws (it runs on Openfire's timer). The cheap checks (closed, blocked, expired) run every round
     * under the lock the admin's "block" shares; the re-validation of chains (which may wait on revocation sources)
     * runs outside it, never in two rounds at once, and stops when {@link #REVALIDATION_BUDGET} is spent, so that a
     * stalled OCSP/CRL source delays neither blocking nor expiry nor the next rounds.
     */
    public void tick() {
        final PluginRuntime rt;
        try {
            rt = cheapRound();
        } catch (RuntimeException e) {
            Log.warn("Re-validation of live certificate sessions failed this round", e);
            return;
        }
        if (rt == null || !revalidating.compareAndSet(false, true)) {
            return;
        }
        try {
            final List<LiveCertificateSession> remaining = registry.byId();
            if (remaining.isEmpty()) {
                return;
            }
            final long deadline = clock.millis() + REVALIDATION_BUDGET.toMillis();
            final int count = Math.min(verificationsPerTick, remaining.size());
            final int start = cursor % remaining.size();
            int done = 0;
            while (done < count && clock.millis() < deadline) {
                revalidate(remaining.get((start + done) % remaining.size()), rt);
                done++;
            }
            cursor = (start + done) % remaining.size();
        } catch (RuntimeException e) {
            Log.warn("Re-validation of live certificate sessions failed this round", e);
        } finally {
            revalidating.set(false);
        }
    }

    /** The cheap checks of every session; the runtime to re-validate with (null: none loaded). */
    private synchronized PluginRuntime cheapRound() {
        registry.forgetClosed();
        blocks.refresh();
        final PluginRuntime rt = runtime.get();
        final boolean datesChecked = rt == null || rt.configuration().policy().verifyValidity();
        final long now = clock.millis();
        for (LiveCertificateSession session : registry.byId()) {
            cheapChecks(session, now, datesChecked);
        }
        return rt;
    }

    /** Ends one session now for this reason (the admin page's "end session"); false when it is gone already. */
    public boolean end(String id, FailureReason reason, String detail) {
        return registry.find(id).map(session -> ender.end(session, reason, detail)).orElse(false);
    }

    /** Ends every live session of this node whose certificate the block list now names; returns how many. */
    public synchronized int endBlocked() {
        int ended = 0;
        for (LiveCertificateSession session : registry.byId()) {
            final BlockList.Match match = blocks.match(session.leaf());
            if (match.blocked() && ender.end(session, FailureReason.CERTIFICATE_BLOCKED, blockDetail(match))) {
                ended++;
            }
        }
        return ended;
    }

    /** Ends every live session of this node whose leaf has this SHA-256 (a registered certificate disabled or revoked); returns how many. */
    public synchronized int endSessionsOf(String certificateSha256, FailureReason reason, String detail) {
        int ended = 0;
        for (LiveCertificateSession session : registry.byId()) {
            if (session.certificate().sha256().equals(certificateSha256) && ender.end(session, reason, detail)) {
                ended++;
            }
        }
        return ended;
    }

    private void cheapChecks(LiveCertificateSession session, long now, boolean datesChecked) {
        final BlockList.Match match = blocks.match(session.leaf());
        if (match.blocked()) {
            ender.end(session, FailureReason.CERTIFICATE_BLOCKED, blockDetail(match));
        } else if (datesChecked && now > session.notAfterMillis()) {
            ender.end(session, FailureReason.EXPIRED, "the certificate expired at " + session.notAfter());
        }
    }

    private void revalidate(LiveCertificateSession session, PluginRuntime rt) {
        final Optional<JID> jid = Jids.parse(session.jid());
        final boolean user = jid.isPresent() && jid.get().getNode() != null;
        // The chain and, for a user's session, who the certificate maps to now (review L3: an identity setting, a pin
        // or a directory binding may have changed), asked with the session's user as authzid as a login would be; the
        // directory mapping's answers are cached, so this adds no look-up per session beyond what the cache gives.
        final Verdict verdict = user ? rt.verifier().authenticate(session.chain(), jid.get().toBareJID())
            : rt.verifier().verifyChain(session.chain());
        if (!verdict.isSuccess()) {
            // a source that cannot answer right now (revocation, directory, database) must not log everybody out
            if (verdict.reason().condition() != SaslCondition.TEMPORARY_AUTH_FAILURE) {
                final FailureReason reason = verdict.reason() == FailureReason.AUTHZID_MISMATCH
                    ? FailureReason.IDENTITY_NOT_CERTIFICATE_IDENTITY : verdict.reason();
                ender.end(session, reason, "re-validation: " + verdict);
            }
            return;
        }
        if (!user) {
            return;
        }
        if (verdict.jid() != null && !verdict.jid().toBareJID().equals(jid.get().toBareJID())) {
            ender.end(session, FailureReason.IDENTITY_NOT_CERTIFICATE_IDENTITY, "re-validation: the certificate now maps to "
                + verdict.jid().toBareJID() + ", not " + jid.get().toBareJID());
            return;
        }
        try {
            if (!accounts.userExists(jid.get())) {
                ender.end(session, FailureReason.UNKNOWN_USER, "the account was deleted");
            } else if (accounts.accountDisabled(jid.get().getNode())) {
                ender.end(session, FailureReason.ACCOUNT_DISABLED, "the account was locked out");
            }
        } catch (RuntimeException e) {
            Log.debug("Could not look up the account of {}; checked again next round", session.jid(), e);
        }
    }

    private static String blockDetail(BlockList.Match match) {
        final String why = match.entry().reason();
        return "blocked by " + match.entry().blockedBy() + " at " + match.entry().blockedAt() + (why.isEmpty() ? "" : " (" + why + ")");
    }
}
