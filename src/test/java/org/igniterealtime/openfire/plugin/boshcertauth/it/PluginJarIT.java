package org.igniterealtime.openfire.plugin.boshcertauth.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built plugin JAR (system property {@code plugin.jar}, i.e. target/boshcertauth.jar after {@code package}) has
 * the layout Openfire's PluginManager expects and bundles nothing that Openfire already provides: a second copy of
 * Openfire, Tinder, Bouncy Castle, Jetty, the Servlet API or SLF4J in the plugin's class loader causes
 * ClassCastExceptions/LinkageErrors at runtime. Needs no Openfire.
 */
class PluginJarIT {

    /** Packages Openfire's lib/ provides; none may be inside our JAR or its nested lib/*.jar. */
    private static final List<String> FORBIDDEN_PREFIXES = List.of(
            "org/jivesoftware/", "org/xmpp/", "org/bouncycastle/", "org/eclipse/jetty/", "javax/servlet/", "org/slf4j/");
    private static final String PLUGIN_CLASS = "org/igniterealtime/openfire/plugin/boshcertauth/BoshCertAuthPlugin.class";

    private static Path jar;

    @BeforeAll
    static void locateJar() {
        jar = OpenfireServer.pluginJarUnderTest();
    }

    @Test
    void bundlesNoClassesThatOpenfireProvides() throws IOException {
        // Execute
        final List<String> offending = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().toList()) {
                offending.addAll(forbidden(entry.getName(), ""));
                if (isNestedJar(entry)) {
                    try (JarInputStream nested = new JarInputStream(file.getInputStream(entry))) {
                        for (ZipEntry inner; (inner = nested.getNextEntry()) != null; ) {
                            offending.addAll(forbidden(inner.getName(), entry.getName() + "!/"));
                        }
                    }
                }
            }
        }

        // Verify
        assertEquals(List.of(), offending, "classes Openfire already provides are bundled");
    }

    @Test
    void hasTheEntriesOpenfireAndTheAdminConsoleNeed() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            for (String required : List.of("plugin.xml", "i18n/boshcertauth_i18n.properties", "web/WEB-INF/web.xml",
                    "readme.html", "changelog.html", "logo_small.png", "LICENSE", "database/boshcertauth_hsqldb.sql",
                    "database/boshcertauth_postgresql.sql")) {
                assertNotNull(file.getEntry(required), "missing " + required + " in " + jar);
            }
        }
    }

    @Test
    void pluginClassIsInALibJar() throws IOException {
        // Execute
        final List<String> holders = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().filter(PluginJarIT::isNestedJar).toList()) {
                try (JarInputStream nested = new JarInputStream(file.getInputStream(entry))) {
                    for (ZipEntry inner; (inner = nested.getNextEntry()) != null; ) {
                        if (inner.getName().equals(PLUGIN_CLASS)) {
                            holders.add(entry.getName());
                        }
                    }
                }
            }
        }

        // Verify: exactly one lib/*.jar, so the class loader never sees two copies.
        assertEquals(1, holders.size(), PLUGIN_CLASS + " in lib/*.jar: " + holders);
    }

    @Test
    void pluginXmlDeclaresWhatOpenfireChecks() throws Exception {
        // Setup
        final Document descriptor;
        try (JarFile file = new JarFile(jar.toFile()); InputStream in = file.getInputStream(file.getEntry("plugin.xml"))) {
            descriptor = OpenfireServer.Xml.newDocumentBuilder().parse(new ByteArrayInputStream(in.readAllBytes()));
        }

        // Verify
        assertEquals("plugin", descriptor.getDocumentElement().getTagName());
        assertEquals(PLUGIN_CLASS.replace('/', '.').replace(".class", ""), text(descriptor, "class"));
        assertFalse(text(descriptor, "name").isBlank(), "name");
        assertFalse(text(descriptor, "name").contains("${"), "unfiltered name: " + text(descriptor, "name"));
        assertTrue(text(descriptor, "version").matches("\\d+\\.\\d+\\.\\d+"), "version x.y.z: " + text(descriptor, "version"));
        assertEquals("5.0.5", text(descriptor, "minServerVersion"), "the oldest Openfire CI tests against");
        assertEquals("17", text(descriptor, "minJavaVersion"));
        // Openfire enforces the admin console's CSRF protection for plugin pages only when the plugin opts in.
        assertEquals("true", text(descriptor, "csrfProtectionEnabled"));
    }

    private static boolean isNestedJar(JarEntry entry) {
        return entry.getName().startsWith("lib/") && entry.getName().endsWith(".jar");
    }

    private static List<String> forbidden(String name, String container) {
        final List<String> hits = new ArrayList<>();
        if (name.endsWith(".class")) {
            // Also catches multi-release JARs (META-INF/versions/N/org/slf4j/...).
            final String path = name.replaceFirst("^META-INF/versions/\\d+/", "");
            for (String prefix : FORBIDDEN_PREFIXES) {
                if (path.startsWith(prefix)) {
                    hits.add(container + name);
                }
            }
        }
        return hits;
    }

    private static String text(Document doc, String topLevelElement) {
        final var nodes = doc.getDocumentElement().getElementsByTagName(topLevelElement);
        assertTrue(nodes.getLength() > 0, "plugin.xml has no <" + topLevelElement + ">");
        return nodes.item(0).getTextContent().trim();
    }
}
