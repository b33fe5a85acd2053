// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.container;

import org.jivesoftware.util.Version;

public class PluginMetadataHelper {
    public PluginMetadataHelper() { throw new UnsupportedOperationException("compile-only declaration"); }

    public static Version getVersion(Plugin plugin) { throw new UnsupportedOperationException(); }
}
