package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.identity.DirectoryQuery;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.DirectoryUnavailableException;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.LdapFilter;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.UserDirectory;
import org.jivesoftware.openfire.ldap.LdapManager;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.LdapName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Looks users up in Openfire's LDAP directory with Openfire's own LDAP configuration (host, bind DN, TLS, base DN and
 * alternate base DN, sub-tree search, username attribute: {@code ldap.*}): a search with the query's RFC 4515 filter
 * (values escaped), ANDed with Openfire's {@code ldap.searchFilter} when one is set (so an entry Openfire does not
 * treat as a user, e.g. a contact or computer with the same mail, is never found), below each base DN, returning the
 * username attribute, which becomes the Openfire user name as Openfire makes it ({@code ldap.usernameSuffix} removed;
 * {@link OpenfireLdapUsers}). Openfire's user provider then decides whether that user exists.
 */
public final class LdapUserDirectory implements UserDirectory {

    private final Supplier<LdapManager> manager;
    private final int timeLimitMillis;

    public LdapUserDirectory(Supplier<LdapManager> manager, int timeLimitMillis) {
        this.manager = manager;
        this.timeLimitMillis = timeLimitMillis;
    }

    @Override
    public List<String> usernames(DirectoryQuery query, int limit) {
        final LdapManager ldap = manager.get();
        final String usernameField = ldap.getUsernameField();
        final SearchControls controls = new SearchControls();
        controls.setSearchScope(ldap.isSubTreeSearch() ? SearchControls.SUBTREE_SCOPE : SearchControls.ONELEVEL_SCOPE);
        controls.setReturningAttributes(new String[] {usernameField});
        controls.setCountLimit(limit);
        controls.setTimeLimit(timeLimitMillis);
        final String filter = OpenfireLdapUsers.searchFilter(ldap.getSearchFilter(), usernameField)
            .map(admitted -> LdapFilter.restrictedTo(admitted, query.ldapFilter())).orElse(query.ldapFilter());
        final String usernameSuffix = ldap.getUsernameSuffix();
        final Set<String> usernames = new LinkedHashSet<>();
        final List<LdapName> bases = new ArrayList<>();
        bases.add(ldap.getBaseDN());
        if (ldap.getAlternateBaseDN() != null) {
            bases.add(ldap.getAlternateBaseDN());
        }
        for (LdapName base : bases) {
            LdapContext context = null;
            NamingEnumeration<SearchResult> results = null;
            try {
                context = ldap.getContext(base);
                results = context.search("", filter, controls);
                while (usernames.size() < limit && results.hasMore()) {
                    final Attribute username = results.next().getAttributes().get(usernameField);
                    if (username != null && username.get() instanceof String value) {
                        OpenfireLdapUsers.username(value, usernameSuffix).ifPresent(usernames::add);
                    }
                }
            } catch (javax.naming.SizeLimitExceededException e) {
                // more than the limit: what was read is enough to call it ambiguous
            } catch (NamingException | RuntimeException e) {
                throw new DirectoryUnavailableException("LDAP search below '" + base + "' failed: " + e, e);
            } finally {
                close(results, context);
            }
        }
        return List.copyOf(usernames);
    }

    private static void close(NamingEnumeration<?> results, LdapContext context) {
        try {
            if (results != null) {
                results.close();
            }
        } catch (NamingException ignored) {
            // closing only
        }
        try {
            if (context != null) {
                context.close();
            }
        } catch (NamingException ignored) {
            // closing only
        }
    }

    @Override
    public String describe() {
        try {
            final LdapManager ldap = manager.get();
            return "LDAP " + String.join(",", ldap.getHosts()) + ":" + ldap.getPort();
        } catch (RuntimeException e) {
            return "LDAP";
        }
    }
}
