// Compile-only declaration of Openfire API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.util;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Declares the JiveGlobals members the plugin calls, each with the same signature in Openfire 5.0, 5.1 and 5.2.
 * Not declared: {@code setProperty(String, String)}, {@code setProperty(String, List)} and
 * {@code deleteProperty(String)}, whose return type OF-3313 changed in 5.2; the plugin resolves them at run time
 * (openfire.OpenfirePropertyWriter). Unit tests run against the in-memory stand-in of the same name in
 * src/test/java (test classes come first on the test class path), which has those three with 5.1's signatures.
 */
public class JiveGlobals {
    private JiveGlobals() { throw new UnsupportedOperationException("compile-only declaration"); }

    public static Locale getLocale() { throw new UnsupportedOperationException(); }
    public static Path getHomePath() { throw new UnsupportedOperationException(); }
    public static List<String> getListProperty(String parent, List<String> defaultValues) { throw new UnsupportedOperationException(); }
    public static String getProperty(String name) { throw new UnsupportedOperationException(); }
    public static String getProperty(String name, String defaultValue) { throw new UnsupportedOperationException(); }
    public static boolean getBooleanProperty(String name, boolean defaultValue) { throw new UnsupportedOperationException(); }
}
