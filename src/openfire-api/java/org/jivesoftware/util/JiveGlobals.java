// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.util;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Declares the JiveGlobals members the plugin calls. The bodies are a minimal in-memory stand-in (property map and
 * change events) so that unit tests can exercise settings code; Openfire's real class is used at run time.
 */
public class JiveGlobals {
    private static final Map<String, String> properties = new ConcurrentHashMap<>();

    private JiveGlobals() {}

    public static String getProperty(String name) {
        return properties.get(name);
    }

    public static String getProperty(String name, String defaultValue) {
        return properties.getOrDefault(name, defaultValue);
    }

    public static boolean getBooleanProperty(String name, boolean defaultValue) {
        final String value = properties.get(name);
        return value == null ? defaultValue : Boolean.parseBoolean(value.trim());
    }

    public static void setProperty(String name, String value) {
        if (value == null) {
            deleteProperty(name);
            return;
        }
        properties.put(name, value);
        PropertyEventDispatcher.fire(name, false);
    }

    public static void deleteProperty(String name) {
        if (properties.remove(name) != null) {
            PropertyEventDispatcher.fire(name, true);
        }
    }
}
