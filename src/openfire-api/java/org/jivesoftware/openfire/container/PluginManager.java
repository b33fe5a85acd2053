// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.container;

import java.util.Optional;

public final class PluginManager {
    private PluginManager() { throw new UnsupportedOperationException("compile-only declaration"); }
    public synchronized Optional<Plugin> getPluginByCanonicalName(String canonicalName) { throw new UnsupportedOperationException(); }
}
