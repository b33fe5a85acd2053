package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.registration.UserAccounts;
import org.jivesoftware.openfire.user.DefaultUserProvider;
import org.jivesoftware.openfire.user.User;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.openfire.user.UserNotFoundException;
import org.jivesoftware.openfire.user.UserProvider;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

import javax.naming.CommunicationException;
import java.time.Instant;
import java.util.Date;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

/**
 * Openfire's accounts as XEP-0257 sees them (review M5): the creation date only from Openfire's own user store, "no
 * such account" only when nothing but UserNotFoundException was thrown (LdapUserProvider wraps an outage in one too).
 */
class OpenfireUserAccountsTest {

    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void theDefaultUserStoresCreationDateIsBelieved() throws Exception {
        // Execute / Verify
        assertEquals(UserAccounts.Account.createdAt(CREATED), withUser(new DefaultUserProvider(), user(CREATED)));
    }

    @Test
    void anyOtherUserStoresDateIsUnknown() throws Exception {
        // Setup: LdapUserProvider gives null, JDBCUserProvider the time of loading: neither is a creation date
        final UserProvider ldap = mock(UserProvider.class);

        // Execute / Verify
        assertEquals(UserAccounts.Account.CREATION_UNKNOWN, withUser(ldap, user(CREATED)));
        assertEquals(UserAccounts.Account.CREATION_UNKNOWN, withUser(new DefaultUserProvider(), user(null)));
    }

    @Test
    void notFoundIsMissingButAnOutageIsNot() throws Exception {
        // Execute / Verify: Openfire's DefaultUserProvider throws a bare one; LdapUserProvider wraps its own in another
        assertEquals(UserAccounts.Account.MISSING, withFailure(new UserNotFoundException()));
        assertEquals(UserAccounts.Account.MISSING, withFailure(new UserNotFoundException(new UserNotFoundException("Username alice not found"))));
        assertThrows(IllegalStateException.class, () -> withFailure(new UserNotFoundException(new CommunicationException("ldap down"))));
        assertThrows(IllegalStateException.class, () -> withFailure(new UserNotFoundException(new java.sql.SQLException("db down"))));
    }

    @Test
    void notFoundFromAnyStoreButOpenfiresOwnIsUnconfirmed() throws Exception {
        // Setup: what HybridUserProvider.loadUser (5.1.1) throws when its LDAP provider is down: a bare one (review M1)
        final UserProvider hybrid = mock(UserProvider.class);

        // Execute
        final UserAccounts.Account account = withFailure(hybrid, new UserNotFoundException());

        // Verify
        assertEquals(UserAccounts.Account.NOT_FOUND_UNCONFIRMED, account);
        assertFalse(account.surelyGone());
        assertEquals(UserAccounts.Account.NOT_FOUND_UNCONFIRMED, withUser(hybrid, null));
    }

    private static User user(Instant created) {
        final User user = mock(User.class);
        when(user.getCreationDate()).thenReturn(created == null ? null : Date.from(created));
        return user;
    }

    private static UserAccounts.Account withUser(UserProvider provider, User user) throws Exception {
        final UserManager manager = mock(UserManager.class);
        when(manager.getUser("alice")).thenReturn(user);
        try (MockedStatic<UserManager> statics = mockStatic(UserManager.class)) {
            statics.when(UserManager::getInstance).thenReturn(manager);
            statics.when(UserManager::getUserProvider).thenReturn(provider);
            return new OpenfireUserAccounts().account("alice");
        }
    }

    private static UserAccounts.Account withFailure(UserNotFoundException failure) throws Exception {
        return withFailure(new DefaultUserProvider(), failure);
    }

    private static UserAccounts.Account withFailure(UserProvider provider, UserNotFoundException failure) throws Exception {
        final UserManager manager = mock(UserManager.class);
        when(manager.getUser("alice")).thenThrow(failure);
        try (MockedStatic<UserManager> statics = mockStatic(UserManager.class)) {
            statics.when(UserManager::getInstance).thenReturn(manager);
            statics.when(UserManager::getUserProvider).thenReturn(provider);
            return new OpenfireUserAccounts().account("alice");
        }
    }
}
