package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import java.util.List;

/**
 * Where user accounts are looked up by an attribute value: Openfire's LDAP directory (openfire.LdapUserDirectory,
 * through Openfire's own LDAP configuration) or Openfire's default user store (openfire.UserPropertyDirectory, user
 * properties). Implementations may block; {@link DirectoryLookups} bounds how long a login waits and caches answers.
 */
public interface UserDirectory {

    /**
     * The user names (as the user store knows them, unescaped) of every entry that matches any of the query's
     * assertions, at most {@code limit} of them.
     *
     * @throws DirectoryUnavailableException when the directory cannot be asked or fails
     */
    List<String> usernames(DirectoryQuery query, int limit);

    /** A short description for the admin page and logs, e.g. "LDAP ldap://dc1:389". */
    String describe();
}
