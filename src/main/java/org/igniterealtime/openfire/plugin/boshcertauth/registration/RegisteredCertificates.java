package org.igniterealtime.openfire.plugin.boshcertauth.registration;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.DirectoryUnavailableException;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.RegisteredIdentities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The registered certificates as logins consult them: an in-memory snapshot of the table, read again every few seconds
 * ({@link #refresh()}, driven by the plugin's timer) so that a change made on another cluster node takes effect here
 * within that period, and a login never waits for the database. Changes made on this node update it at once.
 *
 * <p>Fails closed: while the feature is on and the table has never been read, every certificate login is refused
 * ({@link RegisteredIdentities.Lookup#UNAVAILABLE}), since a disabled certificate cannot be told apart; after a failed
 * re-read the last snapshot stays in effect. A snapshot older than the feature's last switch-on is never used
 * ({@link #featureSwitched}).</p>
 */
public final class RegisteredCertificates implements RegisteredIdentities {

    private static final Logger Log = LoggerFactory.getLogger(RegisteredCertificates.class);

    private final RegistrationStore store;
    private final Supplier<RegistrationLimits> limits;
    private final Supplier<String> domain;
    private final UserAccounts accounts;
    private volatile Map<String, RegisteredCertificate> bySha256;
    private volatile boolean lastReadFailed;
    /**
     * The snapshot may predate the feature's last switch-on: it was read while the feature was off, or the feature has
     * been seen off since (the periodic re-read skips while off, so changes made on other nodes meanwhile are missing).
     * While set, the feature being on, every lookup is UNAVAILABLE until the table is read again (review L4).
     */
    private volatile boolean stale;
    /** How often the snapshot was marked stale: a re-read keeps it stale if this changed while it read. */
    private final AtomicLong staleMarks = new AtomicLong();
    /** Certificates a re-read found stopped and {@link #refresh()} has not reported yet (guarded by this). */
    private final Set<String> unreported = new HashSet<>();

    public RegisteredCertificates(RegistrationStore store, Supplier<RegistrationLimits> limits, Supplier<String> domain) {
        this(store, limits, domain, UserAccounts.EXISTING);
    }

    /** @param accounts the user store, asked at login whether a registration still belongs to its owner's account */
    public RegisteredCertificates(RegistrationStore store, Supplier<RegistrationLimits> limits, Supplier<String> domain, UserAccounts accounts) {
        this.store = store;
        this.limits = limits;
        this.domain = domain;
        this.accounts = accounts;
    }

    /**
     * Reads the table again.
     *
     * @return the SHA-256 of every certificate that could log in before and no longer can (disabled or revoked here or
     *         on another node, also when registered again since, by its owner or anyone else: the row's owner or addedAt
     *         differs): their live sessions are to be ended. This includes what the re-reads after this node's
     *         own changes found since the last call (they may have seen another node's change first). Empty after a
     *         failed read.
     */
    public synchronized Set<String> refresh() {
        reread();
        final Set<String> stopped = Set.copyOf(unreported);
        unreported.clear();
        return stopped;
    }

    /**
     * The periodic re-read: reads the whole table (certificates included) only when a narrow probe of every other
     * column ({@link RegistrationStore#states()}) differs from the snapshot, or the snapshot is stale, unread or the last
     * read failed; otherwise reports what earlier re-reads found stopped. Any change is seen as by {@link #refresh()}.
     */
    public synchronized Set<String> refreshIfChanged() {
        final Map<String, RegisteredCertificate> snapshot = bySha256;
        if (snapshot != null && !stale && !lastReadFailed) {
            try {
                if (unchanged(snapshot, store.states())) {
                    final Set<String> stopped = Set.copyOf(unreported);
                    unreported.clear();
                    return stopped;
                }
            } catch (SQLException | RuntimeException e) {
                Log.debug("Could not probe the registered certificates; reading them in full", e);
            }
        }
        return refresh();
    }

    private static boolean unchanged(Map<String, RegisteredCertificate> snapshot, List<RegistrationStore.RowState> states) {
        if (states.size() != snapshot.size()) {
            return false;
        }
        for (RegistrationStore.RowState state : states) {
            final RegisteredCertificate entry = snapshot.get(state.sha256());
            if (entry == null || !RegistrationStore.RowState.of(entry).equals(state)) {
                return false;
            }
        }
        return true;
    }

    /** Reads the table; what stopped is kept for the next {@link #refresh()}. */
    private synchronized void reread() {
        final Map<String, RegisteredCertificate> before = bySha256;
        final Map<String, RegisteredCertificate> now;
        // a switch-off while the table is being read must leave the snapshot stale: the marks are counted (review)
        final long marksBefore = staleMarks.get();
        final boolean readWhileOff = !limits.get().enabled();
        try {
            now = store.all().stream().collect(Collectors.toUnmodifiableMap(RegisteredCertificate::sha256, Function.identity(), (a, b) -> a));
        } catch (SQLException | RuntimeException e) {
            if (!lastReadFailed) {
                Log.warn("Could not read the registered certificates (XEP-0257) from the database; {}", bySha256 == null
                    ? "certificate logins are refused while the feature is on, until they can be read" : "the last list read stays in effect", e);
            }
            lastReadFailed = true;
            return;
        }
        if (lastReadFailed) {
            Log.info("The registered certificates (XEP-0257) can be read again ({} entries)", now.size());
        }
        lastReadFailed = false;
        bySha256 = now;
        stale = readWhileOff || staleMarks.get() != marksBefore;
        if (before == null) {
            return;
        }
        before.values().stream().filter(RegisteredCertificate::enabled).map(RegisteredCertificate::sha256).forEach(sha256 -> {
            final RegisteredCertificate current = now.get(sha256);
            // revoked and registered again (by anyone) within one round is a stop too: sessions of the revoked
            // registration on other nodes must end (review M2)
            if (current == null || !current.enabled() || reRegistered(before.get(sha256), current)) {
                unreported.add(sha256);
            }
        });
    }

    /** The same certificate now belongs to another registration: another owner, or the same one added anew. */
    private static boolean reRegistered(RegisteredCertificate before, RegisteredCertificate current) {
        return !before.username().equals(current.username()) || before.addedAtMillis() != current.addedAtMillis();
    }

    /** The snapshot may miss changes from now on (the feature is off): counted before flagged, see {@link #reread()}. */
    private void markStale() {
        staleMarks.incrementAndGet();
        stale = true;
    }

    @Override
    public Lookup find(X509Certificate leaf) {
        final RegistrationLimits current = limits.get();
        if (!current.enabled()) {
            markStale();
            return Lookup.NONE;
        }
        final Map<String, RegisteredCertificate> snapshot = bySha256;
        if (snapshot == null || stale) {
            return Lookup.UNAVAILABLE;
        }
        final RegisteredCertificate entry = snapshot.isEmpty() ? null : snapshot.get(CertificateSummary.sha256(leaf));
        if (entry == null) {
            return Lookup.NONE;
        }
        return new Lookup(new JID(entry.username(), domain.get(), null), entry.name(), entry.enabled(), current.allowSelfSigned(), false);
    }

    /**
     * A registration made before the account of its owner's name was created, or whose account no longer exists, is
     * deleted (its sessions here are ended at the next {@link #refresh()}) and named stale. Where the user store keeps
     * no creation date (LDAP), only the second holds, and "no such account" from any store but Openfire's own only
     * refuses the login (the row is kept: review M1); where it cannot answer now, nothing is deleted and the login is
     * refused for now.
     *
     * @throws DirectoryUnavailableException when the user store cannot answer now
     */
    @Override
    public Optional<String> stale(X509Certificate leaf) {
        final Map<String, RegisteredCertificate> snapshot = bySha256;
        final RegisteredCertificate entry = snapshot == null ? null : snapshot.get(CertificateSummary.sha256(leaf));
        if (entry == null) {
            return Optional.empty();
        }
        final UserAccounts.Account account;
        try {
            account = accounts.account(entry.username());
        } catch (RuntimeException e) {
            // fail closed: a stale row must not log in while the store errors, e.g. as a later account of its name (review L2)
            throw new DirectoryUnavailableException("the user store could not tell whether the account " + entry.username()
                + " of a registered certificate still exists: " + e.getMessage(), e);
        }
        final String why;
        if (!account.exists() && !account.surelyGone()) {
            // a user store other than Openfire's own may say "not found" during an outage: refuse, never delete (review M1)
            Log.info("The registered certificate '{}' of {} (sha256 {}) is refused: the user store finds no account {}; it is kept, "
                + "since that store cannot tell a missing account from one it cannot see now", entry.name(), entry.username(), entry.sha256(),
                entry.username());
            return Optional.of("the user store finds no account " + entry.username() + " it was registered by (the registration is kept)");
        } else if (!account.exists()) {
            why = "the account " + entry.username() + " it was registered by no longer exists";
        } else if (account.created().filter(created -> entry.addedAtMillis() < created.toEpochMilli()).isPresent()) {
            why = "registered at " + entry.addedAt() + ", before the account " + entry.username() + " was created at "
                + account.created().get() + " (an earlier account of that name registered it)";
        } else {
            return Optional.empty();
        }
        try {
            removeAll(entry.username(), List.of(entry.name()));
        } catch (SQLException | RuntimeException e) {
            Log.warn("Could not delete the stale registered certificate '{}' (sha256 {}); it is refused at every login", entry.name(),
                entry.sha256(), e);
        }
        Log.info("The registered certificate '{}' of {} (sha256 {}) is deleted: {}", entry.name(), entry.username(), entry.sha256(), why);
        return Optional.of(why);
    }

    /**
     * The feature's switch as a configuration (re)load sees it: off marks the snapshot stale; on reads the table again
     * if the snapshot is stale, so a switch-on never uses a list read before it.
     *
     * @return as {@link #refresh()}; empty when nothing was read
     */
    public Set<String> featureSwitched(boolean enabled) {
        if (!enabled) {
            markStale();
            return Set.of();
        }
        return stale || bySha256 == null ? refresh() : Set.of();
    }

    /** The entry of this SHA-256 in the snapshot, if any. */
    public java.util.Optional<RegisteredCertificate> bySha256(String sha256) {
        final Map<String, RegisteredCertificate> snapshot = bySha256;
        return snapshot == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(snapshot.get(sha256));
    }

    /** Every entry (admin page): by user, then name; empty when never read. */
    public List<RegisteredCertificate> entries() {
        final Map<String, RegisteredCertificate> snapshot = bySha256;
        return snapshot == null ? List.of() : snapshot.values().stream()
            .sorted(Comparator.comparing(RegisteredCertificate::username).thenComparing(RegisteredCertificate::name)).toList();
    }

    public boolean readable() {
        return bySha256 != null && !lastReadFailed;
    }

    /** The user's certificates, from the database (not the snapshot: the owner must see their own change at once). */
    public List<RegisteredCertificate> of(String username) throws SQLException {
        return store.of(username);
    }

    /** @return false when the certificate or the name is taken */
    public boolean add(RegisteredCertificate entry) throws SQLException {
        final boolean added = store.add(entry);
        reread();
        return added;
    }

    public boolean disable(String username, String name) throws SQLException {
        final boolean changed = store.disable(username, name);
        reread();
        return changed;
    }

    public boolean remove(String username, String name) throws SQLException {
        final boolean removed = store.remove(username, name);
        reread();
        return removed;
    }

    /**
     * Deletes these registrations of one user, then reads the table once. By owner and name, never by SHA-256 alone:
     * if the certificate was re-registered by another user meanwhile, that user's row stays.
     *
     * @return how many there were
     */
    public int removeAll(String username, Collection<String> names) throws SQLException {
        int removed = 0;
        try {
            for (String name : names) {
                if (store.remove(username, name)) {
                    removed++;
                }
            }
        } finally {
            reread();
        }
        return removed;
    }
}
