// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.user;

/** Only its runtime class is used (which user store this Openfire runs with). */
public interface UserProvider {
}
