package org.igniterealtime.openfire.plugin.boshcertauth.blocking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs the plugin's schema script for a database type the way Openfire's SchemaManager.executeSQLScript does: line by
 * line, skipping blank lines and comment lines ("//", "--", "#", "REM", "/*", "*"), a statement ending at a line
 * that ends with ";" (sent without it for Oracle and DB2, with it otherwise). Openfire's own ofVersion table is created
 * first, as Openfire's schema has it.
 */
public final class SchemaScripts {

    public static final Path DIRECTORY = Path.of("src/main/database");

    private SchemaScripts() {}

    /** plugin.xml's databaseVersion: what every create script must register and the upgrade scripts lead to. */
    public static int pluginDatabaseVersion() throws IOException {
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile("<databaseVersion>(\\d+)</databaseVersion>")
            .matcher(Files.readString(Path.of("plugin.xml"), StandardCharsets.UTF_8));
        if (!m.find()) {
            throw new IllegalStateException("plugin.xml has no databaseVersion");
        }
        return Integer.parseInt(m.group(1));
    }

    public static void install(Connection connection, String databaseType) throws IOException, SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, version INTEGER NOT NULL, CONSTRAINT ofVersion_pk PRIMARY KEY (name))");
        }
        run(connection, DIRECTORY.resolve("boshcertauth_" + databaseType + ".sql"));
    }

    /** Runs one script (e.g. an upgrade, {@code upgrade/N/boshcertauth_<database>.sql}) as Openfire does. */
    public static void run(Connection connection, Path script) throws IOException, SQLException {
        final StringBuilder command = new StringBuilder();
        for (String line : Files.readAllLines(script, StandardCharsets.UTF_8)) {
            final String trimmed = line.trim();
            if (!trimmed.isEmpty() && !(trimmed.startsWith("//") || trimmed.startsWith("--") || trimmed.startsWith("#")
                || trimmed.startsWith("REM") || trimmed.startsWith("/*") || trimmed.startsWith("*"))) {
                command.append(' ').append(line);
            }
            if (trimmed.endsWith(";")) {
                try (Statement s = connection.createStatement()) {
                    s.execute(command.toString());
                }
                command.setLength(0);
            }
        }
    }
}
