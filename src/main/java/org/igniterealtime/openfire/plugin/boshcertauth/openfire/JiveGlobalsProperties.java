package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.cluster.SettingsReconciler;
import org.jivesoftware.util.JiveGlobals;

/**
 * This node's properties through JiveGlobals: setting or deleting one goes through Openfire as an admin's change does
 * (database, this node's cache, property events, the other cluster members).
 */
public enum JiveGlobalsProperties implements SettingsReconciler.LocalProperties {
    INSTANCE;

    @Override
    public String get(String name) {
        return JiveGlobals.getProperty(name);
    }

    @Override
    public void set(String name, String value) {
        OpenfirePropertyWriter.get().set(name, value); // OF-3313: never linked directly
    }

    @Override
    public void delete(String name) {
        OpenfirePropertyWriter.get().delete(name);
    }
}
