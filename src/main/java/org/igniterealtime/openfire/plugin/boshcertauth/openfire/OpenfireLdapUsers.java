package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import java.util.Optional;

/**
 * Which LDAP entries Openfire's LdapUserProvider treats as users, and under which user name, as its LdapManager
 * decides (Openfire 5.0.5–5.2, {@code org.jivesoftware.openfire.ldap.LdapManager}): the plugin must never map a
 * certificate to an entry Openfire would not load as a user, nor to another name than Openfire gives it.
 *
 * <ul>
 *   <li>Users are the entries of {@code getSearchFilter()}: {@code (&(usernameField={0})searchFilter)} when
 *       {@code ldap.searchFilter} is set, else {@code (usernameField={0})}. {@link #searchFilter} gives back the
 *       administrator's part as written (the plugin ANDs it with its own filter).</li>
 *   <li>The user name is the usernameField's value with {@code ldap.usernameSuffix} removed from its end
 *       ({@code LdapManager.retrieveList(..., suffixToTrim, ...)}), and {@code findUserRDN} appends the suffix again to
 *       load the user. So a value that does not end with the suffix is no user Openfire can load (Openfire would look
 *       for value+suffix, possibly another entry): it names nobody here. JID node escaping (a space is {@code \20})
 *       is applied later, where every directory's user names become JIDs.</li>
 * </ul>
 *
 * <p>Mirrored here rather than called: {@code retrieveList} would do the suffix and the escaping, but it logs and
 * swallows every LDAP error (an unreachable directory would read as "no such user") and takes no time limit.</p>
 */
final class OpenfireLdapUsers {

    private OpenfireLdapUsers() {}

    /**
     * The administrator's {@code ldap.searchFilter} inside Openfire's user search filter, as written; empty when none
     * is set. An unexpected shape (a future Openfire) is kept whole, with {@code {0}} as {@code *}: still exactly the
     * entries Openfire lists as users.
     */
    static Optional<String> searchFilter(String openfireUserFilter, String usernameField) {
        if (openfireUserFilter == null || openfireUserFilter.isBlank()) {
            return Optional.empty();
        }
        final String usernameTerm = "(" + usernameField + "={0})";
        if (openfireUserFilter.equals(usernameTerm)) {
            return Optional.empty();
        }
        final String prefix = "(&" + usernameTerm;
        if (openfireUserFilter.startsWith(prefix) && openfireUserFilter.endsWith(")")
            && openfireUserFilter.length() > prefix.length() + 1) {
            return Optional.of(openfireUserFilter.substring(prefix.length(), openfireUserFilter.length() - 1));
        }
        return Optional.of(openfireUserFilter.replace("{0}", "*"));
    }

    /** The Openfire user name of an entry's usernameField value (unescaped), or empty when Openfire could not load it. */
    static Optional<String> username(String value, String usernameSuffix) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (usernameSuffix == null || usernameSuffix.isEmpty()) {
            return Optional.of(value);
        }
        if (!value.endsWith(usernameSuffix) || value.length() == usernameSuffix.length()) {
            return Optional.empty();
        }
        return Optional.of(value.substring(0, value.length() - usernameSuffix.length()));
    }
}
