// Compile-only declaration of Openfire 5.x API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.user;

import java.util.Date;

/** An account; its user name (UserEventListener) and creation date (XEP-0257 registrations) are read. */
public class User {
    public User() {
    }

    public String getUsername() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public Date getCreationDate() {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
