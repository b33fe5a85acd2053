// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.container;

import java.io.File;
import java.time.Duration;

public class AdminConsolePlugin implements Plugin {
    private AdminConsolePlugin() { throw new UnsupportedOperationException("compile-only declaration"); }
    public void initializePlugin(PluginManager manager, File pluginDirectory) { throw new UnsupportedOperationException(); }
    public void destroyPlugin() { throw new UnsupportedOperationException(); }
    public synchronized void pauseAutoRestartEnabled(Duration pause) { throw new UnsupportedOperationException(); }
}
