// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.auth;

public class UnauthorizedException extends Exception {
    public UnauthorizedException() {
    }
}
