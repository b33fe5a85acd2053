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
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every compile-only Openfire declaration (src/openfire-api/java) must have exactly the signature of every supported
 * Openfire: each member that {@code javap -protected} shows of our compiled declaration must appear, character for
 * character, in the real server JAR's listing — always the copied 5.1.1 subset (src/test/resources/openfire-api), and
 * each {@code xmppserver-*-api.txt} listing under ../shared/openfire-* (5.0.5, 5.1.1, 5.2.0-SNAPSHOT) when that
 * directory is there ({@code -Dopenfire.shared=DIR} points elsewhere). A member whose signature differs between
 * versions is not declared but resolved at run time in the openfire package (OF-3313: OpenfirePropertyWriter).
 */
class OpenfireDeclarationsTest {

    /** The versions the plugin claims (plugin.xml, readme's compatibility table): each must have a listing in shared/. */
    private static final List<String> SUPPORTED_VERSIONS = List.of("5.0.5", "5.1.1", "5.2.0-SNAPSHOT");

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
    void everyDeclarationMatchesEveryOpenfireInShared() throws Exception {
        // Setup
        final Path shared = Path.of(System.getProperty("openfire.shared", "../shared")).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(shared), "no Openfire API listings: " + shared + " does not exist (-Dopenfire.shared=DIR)");
        final Path classes = Path.of(Plugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        final List<String> declared = declaredClasses(classes);
        final Map<String, List<String>> members = javap(classes, declared);

        // Execute
        final Map<String, List<String>> differencesByVersion = new TreeMap<>();
        for (String version : SUPPORTED_VERSIONS) {
            final Path listing = shared.resolve("openfire-" + version).resolve("xmppserver-" + version + "-api.txt");
            assertTrue(Files.isRegularFile(listing), "missing API listing of Openfire " + version + ": " + listing);
            differencesByVersion.put(version, compare(parse(Files.readString(listing, StandardCharsets.UTF_8)), members));
        }

        // Verify
        final Map<String, List<String>> none = new TreeMap<>();
        SUPPORTED_VERSIONS.forEach(v -> none.put(v, List.of()));
        assertEquals(none, differencesByVersion, "declarations that differ from a supported Openfire, by version");
    }

    @Test
    void theMembersThatOf3313ChangedAreNotDeclared() throws Exception {
        // Setup: void in 5.0/5.1, returning the old value in 5.2; a declaration of either shape breaks the other
        final Path classes = Path.of(Plugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        // Execute
        final Map<String, List<String>> members = javap(classes, List.of("org.jivesoftware.util.JiveGlobals", "org.jivesoftware.util.SystemProperty"));

        // Verify
        final List<String> changed = new ArrayList<>();
        members.values().forEach(list -> list.stream()
            .filter(m -> m.matches(".* (setProperty|deleteProperty|setValue)\\(.*"))
            .forEach(changed::add));
        assertEquals(List.of(), changed, "resolve these at run time (OpenfirePropertyWriter), never declare them");
    }

    @Test
    void theUnitTestStandInHasEveryDeclaredMember() throws Exception {
        // Setup: src/test/java's JiveGlobals shadows the declaration in unit tests, so it must offer all of it
        final Path declarations = Path.of(Plugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        final Path standIns = Path.of(OpenfireDeclarationsTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        final List<String> shadowed = declaredClasses(standIns);

        // Execute
        final Map<String, List<String>> declared = javap(declarations, shadowed);
        final Map<String, List<String>> offered = javap(standIns, shadowed);

        // Verify
        assertTrue(shadowed.contains("org.jivesoftware.util.JiveGlobals"), "expected the JiveGlobals stand-in under " + standIns + ", found " + shadowed);
        final List<String> missing = new ArrayList<>();
        declared.forEach((cls, list) -> list.stream().filter(m -> !offered.get(cls).contains(m)).forEach(m -> missing.add(cls + ": " + m)));
        assertEquals(List.of(), missing, "declared members the unit-test stand-in lacks");
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
