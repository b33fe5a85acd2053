// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.util;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Declares the JiveGlobals members the plugin calls. The bodies are a minimal in-memory stand-in (property map and
 * change events) so that unit tests can exercise settings code; Openfire's real class is used at run time.
 */
public class JiveGlobals {
    private static final Map<String, String> properties = new ConcurrentHashMap<>();

    private JiveGlobals() {}

    public static Locale getLocale() {
        return Locale.ENGLISH;
    }

    /** Stand-in: no OPENFIRE_HOME in unit tests (Openfire also answers null before its home is known). */
    public static Path getHomePath() {
        return null;
    }

    /** Stand-in: lists are kept comma-separated under the parent key (Openfire uses numbered child properties). */
    public static List<String> getListProperty(String parent, List<String> defaultValues) {
        final String value = properties.get(parent);
        return value == null ? defaultValues : Arrays.asList(value.split("\\s*,\\s*"));
    }

    public static void setProperty(String name, List<String> values) {
        setProperty(name, values == null ? null : String.join(",", values));
    }

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
