// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.http;

/** The BOSH context itself is reached by reflection (Openfire keeps it in a private field); see BoshContextLocator. */
public final class HttpBindManager {
    /**
     * Openfire has a private field of this name (a Jetty {@code Handler.Sequence} whose first element is the BOSH
     * context); BoshContextLocator reads it by reflection. Declared so that tests can fill it; private members are not
     * part of the checked API.
     */
    @SuppressWarnings("unused")
    private Object handlerList;

    // CORS settings, read by openfire.OpenfireCorsHeaders (same in 5.0.5, 5.1.1 and 5.2). Null here: compile-only.
    public static final org.jivesoftware.util.SystemProperty<java.lang.Boolean> HTTP_BIND_CORS_ENABLED = null;
    public static final org.jivesoftware.util.SystemProperty<java.util.Set<java.lang.String>> HTTP_BIND_CORS_ALLOW_METHODS = null;
    public static final org.jivesoftware.util.SystemProperty<java.util.Set<java.lang.String>> HTTP_BIND_CORS_ALLOW_HEADERS = null;
    public static final org.jivesoftware.util.SystemProperty<java.time.Duration> HTTP_BIND_CORS_MAX_AGE = null;

    private HttpBindManager() { throw new UnsupportedOperationException("compile-only declaration"); }

    public static synchronized HttpBindManager getInstance() { throw new UnsupportedOperationException(); }
    public HttpSessionManager getSessionManager() { throw new UnsupportedOperationException(); }
    public boolean isHttpBindActive() { throw new UnsupportedOperationException(); }
    public boolean isHttpsBindActive() { throw new UnsupportedOperationException(); }
    public boolean isAllOriginsAllowed() { throw new UnsupportedOperationException(); }
    public boolean isThisOriginAllowed(java.lang.String origin) { throw new UnsupportedOperationException(); }
}
