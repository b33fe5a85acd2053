// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.disco;

public class IQDiscoInfoHandler {
    private IQDiscoInfoHandler() { throw new UnsupportedOperationException("compile-only declaration"); }
    public void addServerFeature(String namespace) { throw new UnsupportedOperationException(); }
    public void removeServerFeature(String namespace) { throw new UnsupportedOperationException(); }
}
