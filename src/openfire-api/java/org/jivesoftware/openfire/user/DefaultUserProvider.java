// Compile-only declaration of Openfire 5.x API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.user;

/** Openfire's own user store (table ofUser): only its class is used (it keeps each account's creation date). */
public class DefaultUserProvider implements UserProvider {
    public DefaultUserProvider() {
        // minimal stand-in for unit tests
    }
}
