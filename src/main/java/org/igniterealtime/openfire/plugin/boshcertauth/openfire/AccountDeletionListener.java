package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.registration.CertificateManagement;
import org.jivesoftware.openfire.event.UserEventDispatcher;
import org.jivesoftware.openfire.event.UserEventListener;
import org.jivesoftware.openfire.user.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.Map;

/**
 * Deletes a deleted account's registered certificates (XEP-0257) and ends their sessions, on Openfire's
 * {@code userDeleting} event: a name given to someone later must not inherit them (review M5); on {@code userCreated}
 * the name may register again (an append is refused while its account is being deleted).
 */
public final class AccountDeletionListener implements UserEventListener {

    private static final Logger Log = LoggerFactory.getLogger(AccountDeletionListener.class);

    private final CertificateManagement management;

    private AccountDeletionListener(CertificateManagement management) {
        this.management = management;
    }

    /** Registers a listener with Openfire; {@link #remove()} it when the plugin is destroyed. */
    public static AccountDeletionListener register(CertificateManagement management) {
        final AccountDeletionListener listener = new AccountDeletionListener(management);
        UserEventDispatcher.addListener(listener);
        return listener;
    }

    public void remove() {
        UserEventDispatcher.removeListener(this);
    }

    @Override
    public void userDeleting(User user, Map<String, Object> params) {
        final String username = user == null ? null : user.getUsername();
        if (username == null) {
            return;
        }
        try {
            management.accountDeleted(username);
        } catch (SQLException | RuntimeException e) {
            Log.warn("Could not delete the registered certificates (XEP-0257) of the account being deleted", e);
        }
    }

    @Override
    public void userCreated(User user, Map<String, Object> params) {
        // nothing registered yet; a name deleted a moment ago may register certificates again
        final String username = user == null ? null : user.getUsername();
        if (username != null) {
            management.accountCreated(username);
        }
    }

    @Override
    public void userModified(User user, Map<String, Object> params) {
        // registrations follow the user name, which does not change
    }
}
