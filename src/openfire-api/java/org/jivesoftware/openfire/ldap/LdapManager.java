// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.ldap;

import javax.naming.NamingException;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.LdapName;
import java.util.Collection;

public class LdapManager {
    private LdapManager() { throw new UnsupportedOperationException("compile-only declaration"); }

    public static LdapManager getInstance() { throw new UnsupportedOperationException(); }
    public LdapContext getContext(LdapName baseDN) throws NamingException { throw new UnsupportedOperationException(); }
    public Collection<String> getHosts() { throw new UnsupportedOperationException(); }
    public int getPort() { throw new UnsupportedOperationException(); }
    public String getUsernameField() { throw new UnsupportedOperationException(); }
    public String getUsernameSuffix() { throw new UnsupportedOperationException(); }
    public String getSearchFilter() { throw new UnsupportedOperationException(); }
    public LdapName getBaseDN() { throw new UnsupportedOperationException(); }
    public LdapName getAlternateBaseDN() { throw new UnsupportedOperationException(); }
    public boolean isSubTreeSearch() { throw new UnsupportedOperationException(); }
}
