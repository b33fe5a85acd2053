// Compile-only declaration of Openfire 5.x API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.user;

/** An account; only its user name is read (UserEventListener). */
public class User {
    public User() {
    }

    public String getUsername() {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
