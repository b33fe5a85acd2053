package org.igniterealtime.openfire.plugin.boshcertauth.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A throw-away PostgreSQL server for cluster tests: a fresh data directory in a temporary directory, listening on
 * 127.0.0.1 only (free port, Unix socket in the same directory), trust authentication, durability off (test data).
 * PostgreSQL refuses to run as root, so as root it runs as the system user {@code postgres} ({@code runuser}).
 * {@link #close()} stops it ({@code pg_ctl stop -m fast}, then a kill) and deletes the directory.
 */
final class TestPostgres implements AutoCloseable {

    /** Debian's PostgreSQL 15; {@code -Dpostgres.bin=...} for another one. */
    static final String BIN_PROPERTY = "postgres.bin";
    static final String USER = "openfire";
    static final String DATABASE = "openfire";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final Path bin;
    private final int port;
    private Process process;

    private TestPostgres(Path dir, Path bin, int port) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
    }

    static Path assumeBinaries() {
        final Path bin = Path.of(System.getProperty(BIN_PROPERTY, "/usr/lib/postgresql/15/bin"));
        assumeTrue(Files.isExecutable(bin.resolve("postgres")) && Files.isExecutable(bin.resolve("initdb")),
            "PostgreSQL not found at " + bin + " (install Debian's postgresql, or -D" + BIN_PROPERTY + "=<bin directory>)");
        return bin;
    }

    static TestPostgres start() throws Exception {
        final Path bin = assumeBinaries();
        final Path dir = Files.createTempDirectory("postgres-it-");
        TestPostgres server = null;
        try {
            // The server's user must reach its directory; nothing secret is in it (trust auth on loopback, test data).
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            final Path data = dir.resolve("data");
            Files.createDirectory(data);
            if (asRoot()) {
                run(List.of("chown", "postgres:postgres", data.toString(), dir.toString()), dir.resolve("chown.log"));
            }
            server = new TestPostgres(dir, bin, freePort());
            server.initdb();
            server.launch();
            server.createDatabase();
            return server;
        } catch (Throwable e) {
            if (server != null) {
                server.close();
            } else {
                deleteRecursively(dir);
            }
            throw e;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    OpenfireServer.Database openfireDatabase() {
        return new OpenfireServer.Database("org.postgresql.Driver", jdbcUrl(), USER, "");
    }

    /** A connection to the Openfire database (for the test's own look at what Openfire stored). */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    private void initdb() throws Exception {
        run(command(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER, "--auth=trust",
            "-E", "UTF8", "--locale=C", "--no-sync"), dir.resolve("initdb.log"));
    }

    private void launch() throws Exception {
        final ProcessBuilder pb = new ProcessBuilder(command(bin.resolve("postgres").toString(), "-D", dir.resolve("data").toString(),
            "-h", "127.0.0.1", "-p", String.valueOf(port), "-k", dir.toString(),
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            "-c", "shared_buffers=32MB", "-c", "max_connections=60"))
            .redirectErrorStream(true).redirectOutput(dir.resolve("postgres.log").toFile());
        process = pb.start();
        final Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            try (Connection ignored = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "")) {
                return;
            } catch (SQLException notYet) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("PostgreSQL did not start within " + START_TIMEOUT + ":\n" + log(), notYet);
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    private void createDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        }
    }

    String log() {
        try {
            return Files.readString(dir.resolve("postgres.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        try {
            if (process != null && process.isAlive()) {
                try {
                    run(command(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "stop", "-m", "fast", "-w", "-t", "20"),
                        dir.resolve("stop.log"));
                } catch (Exception e) {
                    System.err.println("pg_ctl stop failed: " + e);
                }
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            deleteRecursively(dir);
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The command, run as the system user postgres when we are root (PostgreSQL refuses root). */
    private static List<String> command(String... arguments) {
        final List<String> command = new ArrayList<>();
        if (asRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.addAll(List.of(arguments));
        return command;
    }

    private static void run(List<String> command, Path log) throws Exception {
        final Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("Timed out: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("Failed (" + p.exitValue() + "): " + command + "\n" + Files.readString(log));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e);
        }
    }
}
