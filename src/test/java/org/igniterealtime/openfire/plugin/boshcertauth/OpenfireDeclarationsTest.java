package org.igniterealtime.openfire.plugin.boshcertauth;

import org.jivesoftware.openfire.container.Plugin;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every compile-only Openfire declaration (src/openfire-api/java) must have exactly the signature of Openfire 5.1.1:
 * each member that {@code javap -protected} shows of our compiled declaration must appear, character for character,
 * in the real server JAR's listing (src/test/resources/openfire-api, copied from ../shared).
 */
class OpenfireDeclarationsTest {

    private static final Pattern CLASS_LINE = Pattern.compile(
        "^(?:public |protected |abstract |final |static |sealed |non-sealed )*(?:class|interface|enum|record|@interface) ([\\w.$-]+)");

    @Test
    void everyDeclarationMatchesOpenfire511() throws Exception {
        // Setup
        final Map<String, Set<String>> api = parse(readResource("/openfire-api/xmppserver-5.1.1-api-subset.txt"));
        final Path classes = Path.of(Plugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        // Execute
        final List<String> declared = declaredClasses(classes);
        final List<String> differences = compare(api, javap(classes, declared));

        // Verify
        assertTrue(declared.size() >= 10, "expected the compile-only declarations under " + classes + ", found " + declared);
        assertEquals(List.of(), differences, "declarations that differ from Openfire 5.1.1");
    }

    @Test
    void aDeclarationThatDiffersIsReported() throws Exception {
        // Setup: the real listing without one member we declare
        final Map<String, Set<String>> api = parse(readResource("/openfire-api/xmppserver-5.1.1-api-subset.txt"));
        api.get("org.jivesoftware.openfire.container.Plugin").remove("public abstract void destroyPlugin();");
        final Path classes = Path.of(Plugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        // Execute
        final List<String> differences = compare(api, javap(classes, List.of("org.jivesoftware.openfire.container.Plugin")));

        // Verify
        assertEquals(List.of("org.jivesoftware.openfire.container.Plugin: public abstract void destroyPlugin();"), differences);
    }

    @Test
    void aClassOpenfireDoesNotHaveIsReported() throws Exception {
        // Setup
        final Map<String, Set<String>> api = parse(readResource("/openfire-api/xmppserver-5.1.1-api-subset.txt"));
        api.remove("org.jivesoftware.openfire.StreamID");
        final Path classes = Path.of(Plugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        // Execute
        final List<String> differences = compare(api, javap(classes, List.of("org.jivesoftware.openfire.StreamID")));

        // Verify
        assertFalse(differences.isEmpty());
        assertTrue(differences.get(0).startsWith("not in Openfire 5.1.1: org.jivesoftware.openfire.StreamID"));
    }

    static Map<String, Set<String>> parse(String listing) {
        final Map<String, Set<String>> api = new HashMap<>();
        Set<String> current = null;
        for (String line : listing.split("\n")) {
            final Matcher m = CLASS_LINE.matcher(line);
            if (m.find()) {
                current = new HashSet<>();
                api.put(m.group(1), current);
            } else if (current != null && line.startsWith("  ")) {
                current.add(line.strip());
            }
        }
        return api;
    }

    private static List<String> declaredClasses(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                .map(p -> root.relativize(p).toString().replace('\\', '/'))
                .filter(p -> p.startsWith("org/jivesoftware/") || p.startsWith("org/xmpp/"))
                .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                .sorted()
                .toList();
        }
    }

    /** javap -protected of each class, as class name → member lines. */
    private static Map<String, List<String>> javap(Path classpath, List<String> classNames) {
        final ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow(() -> new IllegalStateException("javap not available"));
        final Map<String, List<String>> result = new HashMap<>();
        for (String className : classNames) {
            final StringWriter out = new StringWriter();
            final int rc = javap.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-protected", "-cp", classpath.toString(), className);
            assertEquals(0, rc, "javap failed for " + className);
            final List<String> members = new ArrayList<>();
            for (String line : out.toString().split("\n")) {
                if (line.startsWith("  ")) {
                    members.add(line.strip());
                }
            }
            result.put(className, members);
        }
        return result;
    }

    private static List<String> compare(Map<String, Set<String>> api, Map<String, List<String>> declared) {
        final List<String> differences = new ArrayList<>();
        declared.keySet().stream().sorted().forEach(className -> {
            final Set<String> real = api.get(className);
            if (real == null) {
                differences.add("not in Openfire 5.1.1: " + className);
                return;
            }
            for (String member : declared.get(className)) {
                if (!real.contains(member)) {
                    differences.add(className + ": " + member);
                }
            }
        });
        return differences;
    }

    private static String readResource(String name) throws IOException {
        try (InputStream in = OpenfireDeclarationsTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
