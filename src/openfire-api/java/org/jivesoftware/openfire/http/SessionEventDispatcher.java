// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.http;

public class SessionEventDispatcher {
    private SessionEventDispatcher() { throw new UnsupportedOperationException("compile-only declaration"); }

    public static void addListener(SessionListener listener) { throw new UnsupportedOperationException(); }
    public static void removeListener(SessionListener listener) { throw new UnsupportedOperationException(); }
}
