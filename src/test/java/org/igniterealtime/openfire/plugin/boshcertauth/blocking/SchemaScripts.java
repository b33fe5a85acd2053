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
final class SchemaScripts {

    static final Path DIRECTORY = Path.of("src/main/database");

    private SchemaScripts() {}

    static void install(Connection connection, String databaseType) throws IOException, SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, version INTEGER NOT NULL, CONSTRAINT ofVersion_pk PRIMARY KEY (name))");
        }
        final StringBuilder command = new StringBuilder();
        for (String line : Files.readAllLines(DIRECTORY.resolve("boshcertauth_" + databaseType + ".sql"), StandardCharsets.UTF_8)) {
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
