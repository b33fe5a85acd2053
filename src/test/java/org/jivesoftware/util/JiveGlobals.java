// Unit-test stand-in for Openfire's JiveGlobals (see src/openfire-api/README.md): shadows the compile-only declaration.
package org.jivesoftware.util;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * An in-memory stand-in (property map and change events) for the JiveGlobals members the plugin calls, so that unit
 * tests can exercise settings code; Openfire's real class is used at run time. It has every member of the
 * compile-only declaration in src/openfire-api/java (OpenfireDeclarationsTest checks that) plus the writers that the
 * declaration leaves out because OF-3313 changed their return type in 5.2; here they have 5.0/5.1's {@code void}
 * signatures, which is what the plugin's run-time resolution (openfire.OpenfirePropertyWriter) finds in unit tests.
 *
 * <p>Lists are stored as Openfire 5 stores them (JiveGlobals/JiveProperties): one numbered child property per value
 * ({@code name.00001}, {@code name.00002}, …), the parent's own value deleted; an empty list is one empty child. A
 * list is read from the children in name order, skipping empty values, or — when there are no children — from a
 * legacy comma-separated parent value. A reader that asks for the parent's value of a list therefore gets null, as
 * it does on a real server.</p>
 */
public class JiveGlobals {
    private static final SortedMap<String, String> properties = new ConcurrentSkipListMap<>();

    private JiveGlobals() {}

    public static Locale getLocale() {
        return Locale.ENGLISH;
    }

    /** Stand-in: no OPENFIRE_HOME in unit tests (Openfire also answers null before its home is known). */
    public static Path getHomePath() {
        return null;
    }

    public static List<String> getListProperty(String parent, List<String> defaultValues) {
        final List<String> children = childNames(parent);
        if (children.isEmpty()) {
            final String legacy = properties.get(parent);
            return legacy == null ? defaultValues : Arrays.asList(legacy.split("\\s*,\\s*"));
        }
        final List<String> values = new ArrayList<>();
        for (String child : children) {
            final String value = properties.get(child);
            if (value != null && !value.isEmpty()) {
                values.add(value);
            }
        }
        return values;
    }

    public static void setProperty(String name, List<String> values) {
        if (getListProperty(name, new ArrayList<>()).equals(values)) {
            return; // Openfire writes nothing (and fires nothing) for an unchanged list
        }
        deleteProperty(name);
        if (values == null) {
            return;
        }
        int index = 1;
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                setProperty(name + "." + String.format(Locale.ROOT, "%05d", index++), value);
            }
        }
        if (index == 1) {
            setProperty(name + ".00001", ""); // marks an empty list (as opposed to an unset one)
        }
        final Map<String, Object> params = new HashMap<>();
        params.put("value", values);
        PropertyEventDispatcher.fire(name, false, params);
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
        final Map<String, Object> params = new HashMap<>();
        params.put("value", value);
        PropertyEventDispatcher.fire(name, false, params);
    }

    /** Deletes the property and every property below it (a list's children too), as Openfire does. */
    public static void deleteProperty(String name) {
        boolean removed = properties.remove(name) != null;
        removed |= properties.keySet().removeIf(key -> key.startsWith(name + "."));
        if (removed) {
            PropertyEventDispatcher.fire(name, true, Map.of());
        }
    }

    /** The direct children of a property, in name order (Openfire sorts them the same way). */
    private static List<String> childNames(String parent) {
        final List<String> names = new ArrayList<>();
        for (String key : properties.subMap(parent + ".", parent + "/").keySet()) {
            if (key.indexOf('.', parent.length() + 1) < 0) {
                names.add(key);
            }
        }
        return names;
    }
}
