package org.igniterealtime.openfire.plugin.boshcertauth.blocking;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The schema and DAO on a real PostgreSQL 15: initdb into a temporary directory and a server on a free loopback port,
 * run as an unprivileged user when the test runs as root (PostgreSQL refuses to run as root). Skipped when
 * PostgreSQL is not installed at {@value #BIN}.
 */
class JdbcBlockStorePostgresTest extends BlockStoreContract {

    static final String BIN = "/usr/lib/postgresql/15/bin";
    private static Path dataDir;
    private static Process server;
    private static int port;
    private static int database;

    @BeforeAll
    static void startPostgres() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(BIN, "initdb")), "PostgreSQL 15 is not installed");
        dataDir = Files.createTempDirectory("boshcertauth-pg");
        run(List.of("chmod", "777", dataDir.toString()));
        final Path data = dataDir.resolve("data");
        run(asUser(List.of(BIN + "/initdb", "-D", data.toString(), "-U", "openfire", "--auth=trust", "-E", "UTF8", "--no-sync")));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = new ProcessBuilder(asUser(List.of(BIN + "/postgres", "-D", data.toString(), "-p", String.valueOf(port),
            "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + dataDir, "-c", "fsync=off")))
            .redirectErrorStream(true).redirectOutput(dataDir.resolve("postgres.log").toFile()).start();
        for (int i = 0; ; i++) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "openfire", "")) {
                break;
            } catch (java.sql.SQLException e) {
                if (i > 300 || !server.isAlive()) {
                    throw new IllegalStateException("PostgreSQL did not start: " + Files.readString(dataDir.resolve("postgres.log")), e);
                }
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    static void stopPostgres() throws IOException, InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private String name;

    @BeforeEach
    void createDatabase() throws Exception {
        name = "blocks" + (++database);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "openfire", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        try (Connection c = connection()) {
            SchemaScripts.install(c, "postgresql");
        }
    }

    @AfterEach
    void dropDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "openfire", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE " + name);
        }
    }

    @Override
    Connection connection() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + name, "openfire", "");
    }

    /** The command as an unprivileged user when this JVM runs as root. */
    private static List<String> asUser(List<String> command) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return command;
        }
        final List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command + " failed: " + output);
        }
    }
}
