// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.container;

import java.io.File;

public interface Plugin {
    void initializePlugin(PluginManager manager, File pluginDirectory);
    void destroyPlugin();
}
