// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.http;

public class HttpSessionManager {
    private HttpSessionManager() { throw new UnsupportedOperationException("compile-only declaration"); }

    public HttpSession getSession(String streamID) { throw new UnsupportedOperationException(); }
}
