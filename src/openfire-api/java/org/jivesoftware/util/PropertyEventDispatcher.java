// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.util;

public class PropertyEventDispatcher {
    private PropertyEventDispatcher() { throw new UnsupportedOperationException("compile-only declaration"); }

    public static void addListener(PropertyEventListener listener) { throw new UnsupportedOperationException(); }
    public static void removeListener(PropertyEventListener listener) { throw new UnsupportedOperationException(); }
}
