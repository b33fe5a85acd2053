// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.lockout;

public class LockOutManager {
    private LockOutManager() { throw new UnsupportedOperationException("compile-only declaration"); }

    public static LockOutManager getInstance() { throw new UnsupportedOperationException(); }
    public boolean isAccountDisabled(String username) { throw new UnsupportedOperationException(); }
    public void recordFailedLogin(String username) { throw new UnsupportedOperationException(); }
}
