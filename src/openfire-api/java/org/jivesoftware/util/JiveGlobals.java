// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.util;

public class JiveGlobals {
    private JiveGlobals() { throw new UnsupportedOperationException("compile-only declaration"); }

    public static String getProperty(String name) { throw new UnsupportedOperationException(); }
    public static String getProperty(String name, String defaultValue) { throw new UnsupportedOperationException(); }
    public static boolean getBooleanProperty(String name, boolean defaultValue) { throw new UnsupportedOperationException(); }
    public static void setProperty(String name, String value) { throw new UnsupportedOperationException(); }
    public static void deleteProperty(String name) { throw new UnsupportedOperationException(); }
}
