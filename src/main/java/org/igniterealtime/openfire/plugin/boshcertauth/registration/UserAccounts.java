package org.igniterealtime.openfire.plugin.boshcertauth.registration;

import java.time.Instant;
import java.util.Optional;

/**
 * The user store as XEP-0257 registrations need it (Openfire's {@code UserManager} in the plugin:
 * {@code openfire.OpenfireUserAccounts}): whether an account of a name exists, and since when. A registration made
 * before the account of its owner's name was created belongs to an earlier account of that name (deleted without
 * Openfire telling the plugin, as for users from LDAP/AD, which Openfire never deletes itself): it must not log in as
 * the later one (review M5).
 */
@FunctionalInterface
public interface UserAccounts {

    /** Every account exists, its creation unknown: the behaviour before this check (tests that do not care). */
    UserAccounts EXISTING = username -> Account.CREATION_UNKNOWN;

    /**
     * May ask the user store, as every login's own account check does.
     *
     * @throws RuntimeException when the user store cannot tell now (a directory outage is not "no such account")
     */
    Account account(String username);

    /**
     * @param exists     whether the account exists
     * @param created    when it was created, where the user store keeps that (Openfire's own store does; LDAP does not)
     * @param surelyGone "no such account" is final: said by exactly Openfire's own store. Any other (LDAP, JDBC, the
     *                   hybrid and mapped providers, which turn an LDAP outage into a bare "not found") may say it while
     *                   it cannot see the account: such a registration is refused but kept (review M1)
     */
    record Account(boolean exists, Optional<Instant> created, boolean surelyGone) {
        /** Openfire's own store has no account of that name. */
        public static final Account MISSING = new Account(false, Optional.empty(), true);
        /** Another store says it has no account of that name, which may be an outage or a changed search base. */
        public static final Account NOT_FOUND_UNCONFIRMED = new Account(false, Optional.empty(), false);
        public static final Account CREATION_UNKNOWN = new Account(true, Optional.empty(), false);

        public static Account createdAt(Instant created) {
            return new Account(true, Optional.of(created), false);
        }
    }
}
