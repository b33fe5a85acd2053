// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.util;

public final class Version {
    private Version() { throw new UnsupportedOperationException("compile-only declaration"); }

    public String getVersionString() { throw new UnsupportedOperationException(); }
}
