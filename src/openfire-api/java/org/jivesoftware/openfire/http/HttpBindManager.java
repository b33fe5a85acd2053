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

    private HttpBindManager() { throw new UnsupportedOperationException("compile-only declaration"); }

    public static synchronized HttpBindManager getInstance() { throw new UnsupportedOperationException(); }
    public HttpSessionManager getSessionManager() { throw new UnsupportedOperationException(); }
    public boolean isHttpBindActive() { throw new UnsupportedOperationException(); }
    public boolean isHttpsBindActive() { throw new UnsupportedOperationException(); }
}
