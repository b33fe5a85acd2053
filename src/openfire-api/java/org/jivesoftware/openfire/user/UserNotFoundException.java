// Compile-only declaration of Openfire 5.x API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.user;

/** Thrown by UserManager.getUser: no such account, or (with another cause) the user store could not be asked. */
public class UserNotFoundException extends Exception {
    public UserNotFoundException() {
    }

    public UserNotFoundException(String message) {
        super(message);
    }

    public UserNotFoundException(Throwable cause) {
        super(cause);
    }
}
