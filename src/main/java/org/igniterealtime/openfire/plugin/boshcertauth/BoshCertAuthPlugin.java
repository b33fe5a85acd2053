package org.igniterealtime.openfire.plugin.boshcertauth;

import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;

/** Openfire entry point: wires the plugin's parts together on load and takes them apart on unload. */
public class BoshCertAuthPlugin implements Plugin {

    private static final Logger Log = LoggerFactory.getLogger(BoshCertAuthPlugin.class);

    @Override
    public void initializePlugin(PluginManager manager, File pluginDirectory) {
        Log.info("BOSH Client Certificate Authentication loaded");
    }

    @Override
    public void destroyPlugin() {
        Log.info("BOSH Client Certificate Authentication unloaded");
    }
}
