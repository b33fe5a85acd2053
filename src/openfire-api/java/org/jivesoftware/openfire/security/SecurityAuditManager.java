// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.security;

public class SecurityAuditManager {
    private SecurityAuditManager() { throw new UnsupportedOperationException("compile-only declaration"); }

    public static SecurityAuditManager getInstance() { throw new UnsupportedOperationException(); }
    public void logEvent(String username, String summary, String details) { throw new UnsupportedOperationException(); }
}
