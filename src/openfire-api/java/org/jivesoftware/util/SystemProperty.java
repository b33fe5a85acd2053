// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.util;

import java.util.function.Consumer;

public final class SystemProperty<T> {
    private SystemProperty() { throw new UnsupportedOperationException("compile-only declaration"); }

    public static void removePropertiesForPlugin(String plugin) { throw new UnsupportedOperationException(); }
    public T getValue() { throw new UnsupportedOperationException(); }
    public void setValue(T value) { throw new UnsupportedOperationException(); }
    public String getKey() { throw new UnsupportedOperationException(); }
    public T getDefaultValue() { throw new UnsupportedOperationException(); }
    public void addListener(Consumer<T> listener) { throw new UnsupportedOperationException(); }
    public void removeListener(Consumer<T> listener) { throw new UnsupportedOperationException(); }

    public static final class Builder<T> {
        private Builder() { throw new UnsupportedOperationException("compile-only declaration"); }

        public static <T> Builder<T> ofType(Class<T> type) { throw new UnsupportedOperationException(); }
        public Builder<T> setKey(String key) { throw new UnsupportedOperationException(); }
        public Builder<T> setDefaultValue(T defaultValue) { throw new UnsupportedOperationException(); }
        public Builder<T> setMinValue(T minValue) { throw new UnsupportedOperationException(); }
        public Builder<T> setMaxValue(T maxValue) { throw new UnsupportedOperationException(); }
        public Builder<T> setDynamic(boolean dynamic) { throw new UnsupportedOperationException(); }
        public Builder<T> setPlugin(String plugin) { throw new UnsupportedOperationException(); }
        public SystemProperty<T> build() throws IllegalArgumentException { throw new UnsupportedOperationException(); }
    }
}
