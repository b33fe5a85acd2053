package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.identity.DirectoryQuery;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.UserDirectory;
import org.jivesoftware.openfire.ldap.LdapManager;
import org.jivesoftware.util.JiveGlobals;

import java.util.List;

/**
 * The user directory of this Openfire: its LDAP directory when users come from LDAP ({@code provider.user.className}
 * names an LDAP provider, e.g. org.jivesoftware.openfire.ldap.LdapUserProvider), else user properties of the
 * default user store. Decided at every question, so that changing the user provider needs no plugin reload.
 */
public final class OpenfireUserDirectory implements UserDirectory {

    static final String USER_PROVIDER = "provider.user.className";

    private final UserDirectory ldap = new LdapUserDirectory(LdapManager::getInstance, 10_000);
    private final UserDirectory properties = new UserPropertyDirectory();

    private UserDirectory current() {
        final String provider = JiveGlobals.getProperty(USER_PROVIDER, "");
        return provider.contains(".ldap.") || provider.endsWith("LdapUserProvider") ? ldap : properties;
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
