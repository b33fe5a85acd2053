// Compile-only declaration of Openfire API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.util;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Declares the SystemProperty members the plugin calls. The bodies are a minimal stand-in (String, Boolean, Integer,
 * Long and enum values stored through JiveGlobals) so unit tests can use real settings objects; Openfire's real
 * class is used at run time.
 */
public final class SystemProperty<T> {
    private static final Map<String, SystemProperty<?>> registry = new ConcurrentHashMap<>();

    private final Class<T> type;
    private final String key;
    private final T defaultValue;
    private final T minValue;
    private final T maxValue;
    private final String plugin;
    private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();

    private SystemProperty(Builder<T> b) {
        this.type = b.type;
        this.key = b.key;
        this.defaultValue = b.defaultValue;
        this.minValue = b.minValue;
        this.maxValue = b.maxValue;
        this.plugin = b.plugin;
    }

    public static void removePropertiesForPlugin(String plugin) {
        registry.values().removeIf(p -> plugin.equals(p.plugin));
    }

    public T getValue() {
        final String raw = JiveGlobals.getProperty(key);
        if (raw == null) {
            return defaultValue;
        }
        try {
            final T value = parse(raw.trim());
            if (value instanceof Comparable && ((minValue != null && compare(value, minValue) < 0) || (maxValue != null && compare(value, maxValue) > 0))) {
                return defaultValue;
            }
            return value;
        } catch (RuntimeException e) {
            return defaultValue;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private T parse(String raw) {
        if (type == String.class) return (T) raw;
        if (type == Boolean.class) return (T) Boolean.valueOf(raw);
        if (type == Integer.class) return (T) Integer.valueOf(raw);
        if (type == Long.class) return (T) Long.valueOf(raw);
        if (type.isEnum()) return (T) Enum.valueOf((Class) type, raw);
        throw new IllegalStateException("Unsupported type in the test stand-in: " + type);
    }

    // setValue(T) is not declared: OF-3313 made it return the old value in 5.2, and the plugin does not call it
    // (a setting is written through openfire.OpenfirePropertyWriter).

    public String getKey() { return key; }
    public T getDefaultValue() { return defaultValue; }
    public void addListener(Consumer<T> listener) { listeners.add(listener); }
    public void removeListener(Consumer<T> listener) { listeners.remove(listener); }

    public static final class Builder<T> {
        private final Class<T> type;
        private String key;
        private T defaultValue;
        private T minValue;
        private T maxValue;
        private String plugin;

        private Builder(Class<T> type) {
            this.type = type;
        }

        public static <T> Builder<T> ofType(Class<T> type) { return new Builder<>(type); }
        public Builder<T> setKey(String key) { this.key = key; return this; }
        public Builder<T> setDefaultValue(T defaultValue) { this.defaultValue = defaultValue; return this; }
        public Builder<T> setMinValue(T minValue) { this.minValue = minValue; return this; }
        public Builder<T> setMaxValue(T maxValue) { this.maxValue = maxValue; return this; }
        public Builder<T> setDynamic(boolean dynamic) { return this; }
        public Builder<T> setPlugin(String plugin) { this.plugin = plugin; return this; }

        public SystemProperty<T> build() throws IllegalArgumentException {
            if (registry.containsKey(key)) {
                throw new IllegalArgumentException("A property with key " + key + " already exists");
            }
            final SystemProperty<T> property = new SystemProperty<>(this);
            registry.put(key, property);
            return property;
        }
    }
}
