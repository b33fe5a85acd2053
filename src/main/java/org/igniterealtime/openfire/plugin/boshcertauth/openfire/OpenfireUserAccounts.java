package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.registration.UserAccounts;
import org.jivesoftware.openfire.user.DefaultUserProvider;
import org.jivesoftware.openfire.user.User;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.openfire.user.UserNotFoundException;

import java.util.Date;

/**
 * Openfire's accounts for XEP-0257 registrations ({@link UserAccounts}), through {@code UserManager.getUser} (cached by
 * Openfire, as for its own login checks).
 *
 * <p>The creation date is believed only from Openfire's own user store ({@code DefaultUserProvider}, column
 * {@code ofUser.creationDate}, set when the account is created). Others do not keep one (Openfire 5.0.5–5.2):
 * {@code LdapUserProvider.loadUser} reads {@code createTimestamp} but keeps it only when it is blank, so the date is
 * null (or, for a blank value, the time of loading); {@code JDBCUserProvider.loadUser} gives the time of loading; the
 * hybrid and mapped providers pass on whichever store they ask. A date of loading would make every registration look
 * older than its account, so any store but the default one counts as "creation unknown".</p>
 *
 * <p>"No such account" only when Openfire says so and nothing else went wrong: Openfire's providers wrap every failure
 * (an LDAP or database outage included) in {@link UserNotFoundException}, so one caused by anything but another
 * UserNotFoundException means the store could not be asked, never that the account is gone. Even a bare "not found" is
 * final only from exactly {@code DefaultUserProvider}: {@code HybridUserProvider} swallows each provider's exception (an
 * LDAP outage included) and throws a bare one, and an LDAP search that finds nothing may be a changed base DN or ACL;
 * from those it is {@link Account#NOT_FOUND_UNCONFIRMED} (refused, never deleted: review M1).</p>
 */
public final class OpenfireUserAccounts implements UserAccounts {

    @Override
    public Account account(String username) {
        final User user;
        try {
            user = UserManager.getInstance().getUser(username);
        } catch (UserNotFoundException e) {
            if (onlyNotFound(e)) {
                return notFound();
            }
            throw new IllegalStateException("the user store could not be asked for " + username + ": " + e.getCause(), e);
        }
        if (user == null) {
            return notFound();
        }
        final Date created = isOpenfiresOwnStore() ? user.getCreationDate() : null;
        return created == null ? Account.CREATION_UNKNOWN : Account.createdAt(created.toInstant());
    }

    private static boolean onlyNotFound(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (!(cause instanceof UserNotFoundException)) {
                return false;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return true;
    }

    private static Account notFound() {
        return isOpenfiresOwnStore() ? Account.MISSING : Account.NOT_FOUND_UNCONFIRMED;
    }

    /**
     * Exactly Openfire's own store: its subclasses (NativeUserProvider, POP3UserProvider) create accounts on first login,
     * and the multi-providers (hybrid, mapped) cannot tell "not found" from an outage of one of theirs.
     */
    private static boolean isOpenfiresOwnStore() {
        final Object provider = UserManager.getUserProvider();
        return provider != null && provider.getClass() == DefaultUserProvider.class;
    }
}
