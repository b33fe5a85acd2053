// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.util;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/** Declares the members the plugin calls; the bodies are a minimal stand-in for unit tests (see JiveGlobals). */
public class PropertyEventDispatcher {
    private static final Set<PropertyEventListener> listeners = new CopyOnWriteArraySet<>();

    private PropertyEventDispatcher() {}

    public static void addListener(PropertyEventListener listener) {
        listeners.add(listener);
    }

    public static void removeListener(PropertyEventListener listener) {
        listeners.remove(listener);
    }

    static void fire(String property, boolean deleted, Map<String, Object> params) {
        for (PropertyEventListener l : listeners) {
            if (deleted) {
                l.propertyDeleted(property, params);
            } else {
                l.propertySet(property, params);
            }
        }
    }
}
