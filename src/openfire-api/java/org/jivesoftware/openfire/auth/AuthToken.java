// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.auth;

/** What Openfire keeps in the admin console session (attribute {@code jive.admin.authToken}) for the logged-in admin. */
public class AuthToken {
    private AuthToken() { throw new UnsupportedOperationException("compile-only declaration"); }

    public String getUsername() { throw new UnsupportedOperationException(); }
}
