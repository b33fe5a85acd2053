package org.igniterealtime.openfire.plugin.boshcertauth;

/**
 * What the admin page shows about the plugin's own health.
 *
 * @param active          whether the plugin installed its parts
 * @param problem         why it is inactive, in plain words (null when active)
 * @param filterInstalled whether the filter is in the BOSH context now
 * @param filterFirst     whether it is the first filter there
 * @param providerFirst   whether our SASL provider is the JVM's first security provider
 * @param webSocket       whether certificate login over WebSocket (/ws) is in place
 */
public record PluginStatus(boolean active, String problem, boolean filterInstalled, boolean filterFirst, boolean providerFirst,
                           boolean webSocket) {

    static PluginStatus notStarted() {
        return new PluginStatus(false, "not started", false, false, false, false);
    }

    static PluginStatus inactive(String problem) {
        return new PluginStatus(false, problem, false, false, false, false);
    }

    static PluginStatus started() {
        return new PluginStatus(true, null, true, true, true, true);
    }

    PluginStatus with(boolean filterInstalled, boolean filterFirst, boolean providerFirst, boolean webSocket) {
        return new PluginStatus(active, problem, filterInstalled, filterFirst, providerFirst, webSocket);
    }
}
