package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.identity.DirectoryQuery;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.UserDirectory;
import org.jivesoftware.openfire.ldap.LdapManager;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.openfire.user.UserProvider;
import org.jivesoftware.util.JiveGlobals;

import java.util.List;

/**
 * The user directory of this Openfire: its LDAP directory when users come from LDAP (the user provider Openfire runs
 * with is an LDAP one, e.g. org.jivesoftware.openfire.ldap.LdapUserProvider), else user properties of the default user
 * store. Decided at every question, so that changing the user provider needs no plugin reload. The provider is asked
 * of {@link UserManager#getUserProvider()} rather than read from {@code provider.user.className}: the provider in use
 * is what counts, whatever the property says (Openfire 5.0.x's unattended setup, for one, can overwrite the configured
 * provider class with the default one, OF-3297, and a changed property takes effect only through its listener).
 */
public final class OpenfireUserDirectory implements UserDirectory {

    static final String USER_PROVIDER = "provider.user.className";

    private final UserDirectory ldap = new LdapUserDirectory(LdapManager::getInstance, 10_000);
    private final UserDirectory properties = new UserPropertyDirectory();

    private UserDirectory current() {
        final String provider = providerClassName();
        return provider.contains(".ldap.") || provider.endsWith("LdapUserProvider") ? ldap : properties;
    }

    private static String providerClassName() {
        try {
            final UserProvider provider = UserManager.getUserProvider();
            return provider == null ? JiveGlobals.getProperty(USER_PROVIDER, "") : provider.getClass().getName();
        } catch (RuntimeException e) {
            return JiveGlobals.getProperty(USER_PROVIDER, ""); // UserManager not started yet
        }
    }

    @Override
    public List<String> usernames(DirectoryQuery query, int limit) {
        return current().usernames(query, limit);
    }

    @Override
    public String describe() {
        return current().describe();
    }
}
