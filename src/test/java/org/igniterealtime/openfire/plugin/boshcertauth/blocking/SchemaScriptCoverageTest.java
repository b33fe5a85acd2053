package org.igniterealtime.openfire.plugin.boshcertauth.blocking;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The plugin ships a schema script for exactly the databases Openfire ships its own schema for: Openfire's
 * SchemaManager runs {@code database/boshcertauth_<type>.sql} for the type DbConnectionManager detected, and a database
 * without our script has no block list (certificate logins are refused there, fail closed). Openfire 5.1.1 ships
 * {@code openfire_<type>.sql} for the types below (distribution/src/database); interbase is one of DbConnectionManager's
 * types but has no Openfire schema (SchemaManager refuses to install or upgrade it), so neither do we.
 */
class SchemaScriptCoverageTest {

    /** Openfire 5.1.1's distribution/src/database/openfire_*.sql (5.2.0-SNAPSHOT ships the same; 5.0.5 fewer). */
    static final Set<String> OPENFIRE_SCHEMAS = Set.of("cockroachdb", "db2", "firebird", "hsqldb", "mariadb", "mysql", "oracle",
        "postgresql", "sqlserver", "sybase");
    private static final Pattern OURS = Pattern.compile("boshcertauth_([a-z0-9]+)\\.sql");
    private static final Pattern OPENFIRES = Pattern.compile("resources/database/openfire_([a-z0-9]+)\\.sql");

    @Test
    void everyDatabaseOpenfireShipsASchemaForHasOurScriptAndNoOther() throws IOException {
        // Execute
        final Set<String> ours = ourTypes();

        // Verify
        assertEquals(new TreeSet<>(OPENFIRE_SCHEMAS), ours);
    }

    @Test
    void theListIsTheUnionOfTheSchemasInTheOpenfireArchivesAtHand() throws Exception {
        // Setup: ../shared/openfire-*/openfire-*.tar.gz (as OpenfireDeclarationsTest finds them)
        final Path shared = Path.of(System.getProperty("openfire.shared", "../shared")).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(shared), "no Openfire archives: " + shared + " does not exist (-Dopenfire.shared=DIR)");
        final List<Path> archives;
        try (Stream<Path> found = Files.find(shared, 2, (p, a) -> p.getFileName().toString().matches("openfire-.*\\.tar\\.gz"))) {
            archives = found.sorted().toList();
        }
        assumeFalse(archives.isEmpty(), "no openfire-*.tar.gz under " + shared);

        // Execute
        final Set<String> shipped = new TreeSet<>();
        for (Path archive : archives) {
            final Matcher m = OPENFIRES.matcher(list(archive));
            while (m.find()) {
                shipped.add(m.group(1));
            }
        }

        // Verify
        assertEquals(shipped, new TreeSet<>(OPENFIRE_SCHEMAS), "schemas in " + archives);
    }

    @Test
    void everyScriptCreatesTheBlockTableAndRegistersTheSchemaVersionInStatementsOpenfireCanRun() throws IOException {
        for (String type : ourTypes()) {
            // Execute
            final String script = Files.readString(SchemaScripts.DIRECTORY.resolve("boshcertauth_" + type + ".sql"), StandardCharsets.UTF_8);

            // Verify: SchemaManager sends a statement when a line ends with ';'
            assertTrue(Pattern.compile("CREATE TABLE ofBoshCertBlock \\((?s:[^;]*)PRIMARY KEY \\(blockKey\\)\\s*\\)[^;\\n]*;").matcher(script).find(), type);
            assertTrue(Pattern.compile("INSERT INTO ofVersion \\(name, version\\) VALUES \\('boshcertauth', \\d+\\);").matcher(script).find(), type);
        }
    }

    private static Set<String> ourTypes() throws IOException {
        final Set<String> types = new TreeSet<>();
        try (Stream<Path> files = Files.list(SchemaScripts.DIRECTORY)) {
            files.map(p -> OURS.matcher(p.getFileName().toString())).filter(Matcher::matches).forEach(m -> types.add(m.group(1)));
        }
        return types;
    }

    /** The archive's file names (the JDK has no tar reader; the system tar, as OpenfireServer unpacks with it). */
    private static String list(Path archive) throws Exception {
        final Process tar = new ProcessBuilder("tar", "-tzf", archive.toString()).redirectErrorStream(true).start();
        final String names = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(tar.waitFor(120, TimeUnit.SECONDS) && tar.exitValue() == 0, "tar -tzf " + archive + ": " + names);
        return names;
    }
}
