package org.igniterealtime.openfire.plugin.boshcertauth.it;

import org.junit.jupiter.api.Assumptions;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Openfire 5.x, started as a child process in a throw-away copy, for integration tests.
 *
 * <p>The Openfire to use comes from the system property {@code openfire.home} (an installation directory or a
 * distribution archive {@code .tar.gz}/{@code .tgz}/{@code .zip}); when it is absent or empty, {@link Builder#start()}
 * aborts the calling test with a JUnit assumption, so the test is reported as skipped — users run these tests
 * against their own Openfire.</p>
 *
 * <pre>
 *   &#64;ExtendWith(AttachOpenfireLogs.class)          // puts Openfire's log tail into failure messages
 *   class MyIT {
 *       static OpenfireServer openfire;
 *
 *       &#64;BeforeAll static void start() throws Exception {
 *           openfire = OpenfireServer.builder()
 *                   .user("alice", "alice-secret")
 *                   .property("httpbind.client.cert.policy", "wanted")   // copied into the DB by autosetup
 *                   .trustClientCertificate("test-root", root.certificate())
 *                   .start();                                             // skips the test class if no Openfire
 *       }
 *       &#64;AfterAll static void stop() { if (openfire != null) openfire.close(); }
 *
 *       &#64;Test void login() throws Exception {
 *           try (BoshClient bosh = BoshClient.builder(openfire.boshHttpsUri()).clientCertificate(p12, pw).build()) { ... }
 *       }
 *   }
 * </pre>
 *
 * <p>Every listener gets a free ephemeral port on loopback (the machine may be shared, and Openfire's defaults
 * 5222/7070/7443/9090 may be taken): ask {@link #boshHttpsUri()}, {@link #boshHttpsPort()}, {@link #port(String)}
 * rather than hard-coding them ({@link Builder#openfireDefaultPorts()} restores Openfire's defaults). Openfire binds
 * to {@code 127.0.0.1} only ({@code network.interface}/{@code adminConsole.interface}). {@link #close()} stops the
 * process (gracefully with Openfire's own {@code exit} console command, then SIGTERM, then SIGKILL) and deletes the
 * temporary directory.</p>
 */
public final class OpenfireServer implements AutoCloseable {

    /** System property naming the Openfire installation directory or distribution archive. */
    public static final String OPENFIRE_HOME_PROPERTY = "openfire.home";
    /** System property with Openfire properties for every test's server: {@code key=value,key=value}. */
    public static final String EXTRA_PROPERTIES_PROPERTY = "openfire.extra-properties";
    /** System property naming the plugin JAR under test (set by the pom to target/boshcertauth.jar). */
    public static final String PLUGIN_JAR_PROPERTY = "plugin.jar";
    /** The canonical plugin name: the name of the JAR in plugins/ and of the directory Openfire extracts it to. */
    public static final String PLUGIN_CANONICAL_NAME = "boshcertauth";
    /** What our plugin logs (INFO) at the end of initializePlugin. */
    public static final String PLUGIN_LOADED_MESSAGE = "Certificate Login for Web Clients loaded";

    public static final String DOMAIN = "localhost";
    public static final String HOST = "localhost";
    /** Where every listener binds unless {@link Builder#bindAddress} says otherwise. */
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    /**
     * The listeners Openfire opens, as (property, Openfire's default port). The admin console ports live in
     * openfire.xml only; all others are database properties that autosetup copies before the modules start.
     */
    private static final Map<String, Integer> PORT_PROPERTIES = orderedMap(
            "adminConsole.port", 9090,
            "adminConsole.securePort", 9091,
            "httpbind.port.plain", 7070,                // BOSH over HTTP
            "httpbind.port.secure", 7443,               // BOSH over HTTPS (Direct TLS)
            "xmpp.socket.plain.port", 5222,             // c2s
            "xmpp.socket.ssl.port", 5223,               // c2s Direct TLS
            "xmpp.server.socket.port", 5269,            // s2s
            "xmpp.server.socket.ssl.port", 5270,
            "xmpp.component.socket.port", 5275,
            "xmpp.component.ssl.port", 5276,
            "xmpp.multiplex.socket.port", 5262,
            "xmpp.multiplex.ssl.port", 5263,
            "xmpp.proxy.port", 7777);                   // XEP-0065 file transfer proxy

    /** Servers currently running in this JVM; {@link AttachOpenfireLogs} appends their logs to test failures. */
    private static final Set<OpenfireServer> RUNNING = Collections.synchronizedSet(new LinkedHashSet<>());

    private final Builder config;
    private final Path tempDir;
    private final Path home;
    /** property → port actually used by this instance. */
    private final Map<String, Integer> ports;
    private Process process;
    private OutputStream processStdin;

    private OpenfireServer(Builder config, Path tempDir, Path home, Map<String, Integer> ports) {
        this.config = config;
        this.tempDir = tempDir;
        this.home = home;
        this.ports = ports;
    }

    private static Map<String, Integer> orderedMap(Object... keyValues) {
        final Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], (Integer) keyValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** Openfire's default ports, or free ephemeral ones (the default: the machine may be shared). */
    private static Map<String, Integer> choosePorts(boolean openfireDefaults) throws IOException {
        final Map<String, Integer> chosen = new LinkedHashMap<>();
        final List<java.net.ServerSocket> held = new ArrayList<>();
        try {
            for (Map.Entry<String, Integer> entry : PORT_PROPERTIES.entrySet()) {
                if (openfireDefaults) {
                    chosen.put(entry.getKey(), entry.getValue());
                } else {
                    // Hold every socket until all are chosen so that no two listeners get the same port.
                    final java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                    held.add(socket);
                    chosen.put(entry.getKey(), socket.getLocalPort());
                }
            }
        } finally {
            for (java.net.ServerSocket socket : held) {
                socket.close();
            }
        }
        return chosen;
    }

    /** The port of an Openfire listener by its property (e.g. {@code httpbind.port.secure}). */
    public int port(String property) {
        final Integer port = ports.get(property);
        if (port == null) {
            throw new IllegalArgumentException("Unknown port property: " + property);
        }
        return port;
    }

    /** BOSH over HTTPS (Openfire's default 7443). */
    public int boshHttpsPort() {
        return port("httpbind.port.secure");
    }

    /** BOSH over plain HTTP (Openfire's default 7070). */
    public int boshHttpPort() {
        return port("httpbind.port.plain");
    }

    /** Admin console over plain HTTP (Openfire's default 9090). */
    public int adminConsolePort() {
        return port("adminConsole.port");
    }

    /** Client-to-server XMPP (Openfire's default 5222). */
    public int c2sPort() {
        return port("xmpp.socket.plain.port");
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The configured Openfire installation/archive, or aborts the calling test (JUnit assumption → "skipped") when the
     * system property {@value #OPENFIRE_HOME_PROPERTY} is absent or empty.
     */
    public static Path assumeOpenfireDistribution() {
        final String value = System.getProperty(OPENFIRE_HOME_PROPERTY, "").trim();
        if (value.isEmpty()) {
            // An aborted @BeforeAll shows as "Tests run: 0" in failsafe's summary: say why in the build output.
            System.out.println("SKIPPED: integration tests against Openfire need -D" + OPENFIRE_HOME_PROPERTY + "=...");
        }
        Assumptions.assumeFalse(value.isEmpty(),
                "No Openfire given (-D" + OPENFIRE_HOME_PROPERTY + "=/path/to/openfire or openfire-5.x.tar.gz): skipped");
        final Path path = Path.of(value).toAbsolutePath();
        if (!Files.exists(path)) {
            // Given but wrong is a configuration error, not a reason to skip silently.
            throw new IllegalStateException(OPENFIRE_HOME_PROPERTY + " points to a missing path: " + path);
        }
        return path;
    }

    /** The plugin JAR under test (system property {@value #PLUGIN_JAR_PROPERTY}); fails if it was not built. */
    public static Path pluginJarUnderTest() {
        final String value = System.getProperty(PLUGIN_JAR_PROPERTY, "").trim();
        final Path jar = value.isEmpty() ? Path.of("target", PLUGIN_CANONICAL_NAME + ".jar") : Path.of(value);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Plugin JAR not found: " + jar.toAbsolutePath() + " (run 'mvn package' first)");
        }
        return jar.toAbsolutePath();
    }

    static Set<OpenfireServer> running() {
        synchronized (RUNNING) {
            return new LinkedHashSet<>(RUNNING);
        }
    }

    /**
     * Log tails of servers closed since {@link #forgetClosedLogTails()}: with try-with-resources the server is closed
     * (and its directory deleted) before JUnit sees the failure, so {@link #close()} keeps the tail for
     * {@link AttachOpenfireLogs}.
     */
    private static final List<String> CLOSED_LOG_TAILS = Collections.synchronizedList(new ArrayList<>());

    static List<String> closedLogTails() {
        synchronized (CLOSED_LOG_TAILS) {
            return new ArrayList<>(CLOSED_LOG_TAILS);
        }
    }

    static void forgetClosedLogTails() {
        CLOSED_LOG_TAILS.clear();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Accessors

    /** OPENFIRE_HOME of this (temporary) instance. */
    public Path home() {
        return home;
    }

    public Path logsDir() {
        return home.resolve("logs");
    }

    public Path pluginsDir() {
        return home.resolve("plugins");
    }

    public String adminPassword() {
        return config.adminPassword;
    }

    /** The password of a user created at setup (see {@link Builder#user}). */
    public String password(String username) {
        final String password = config.users.get(username);
        if (password == null) {
            throw new IllegalArgumentException("No such user configured: " + username);
        }
        return password;
    }

    /** The host name in this server's URIs: {@link #HOST}, or the address given with {@link Builder#bindAddress}. */
    public String host() {
        return config.bindAddress.equals(DEFAULT_BIND_ADDRESS) ? HOST : config.bindAddress;
    }

    /** Every listener's port (property → port), e.g. for a second cluster node that must use the same ones. */
    public Map<String, Integer> ports() {
        return Map.copyOf(ports);
    }

    public URI boshHttpsUri() {
        return URI.create("https://" + host() + ":" + boshHttpsPort() + "/http-bind/");
    }

    public URI boshHttpUri() {
        return URI.create("http://" + host() + ":" + boshHttpPort() + "/http-bind/");
    }

    public URI adminConsoleUri() {
        return URI.create("http://" + host() + ":" + adminConsolePort() + "/");
    }

    /** A new admin console session, logged in as {@code admin}. */
    public AdminConsole adminConsole() throws IOException, InterruptedException {
        return AdminConsole.login(adminConsoleUri(), "admin", config.adminPassword);
    }

    /** Openfire's process (e.g. for its resident memory); empty before the start. */
    public Optional<ProcessHandle> processHandle() {
        return Optional.ofNullable(process).map(Process::toHandle);
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Logs

    /** Everything Openfire logged so far: logs/*.log* (openfire.log, its rolled files) and the process' console output. */
    public String logs() {
        final StringBuilder all = new StringBuilder();
        for (Path file : logFiles()) {
            try {
                all.append(stripAnsi(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                all.append("[could not read ").append(file).append(": ").append(e).append("]\n");
            }
        }
        return all.toString();
    }

    /**
     * Only logs/openfire.log (log4j's file: timestamp, level, thread, logger, message), without the ANSI colour codes
     * that Openfire's {@code %highlight{%-5p}} layout writes around the level even into the file.
     */
    public String openfireLog() {
        final Path file = logsDir().resolve("openfire.log");
        try {
            return Files.exists(file) ? stripAnsi(Files.readString(file, StandardCharsets.UTF_8)) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*m");

    static String stripAnsi(String text) {
        return ANSI_ESCAPE.matcher(text).replaceAll("");
    }

    /** The last {@code lines} lines of each log file, with headers: for failure messages. */
    public String logTail(int lines) {
        final StringBuilder out = new StringBuilder();
        for (Path file : logFiles()) {
            out.append("----- ").append(file).append(" (last ").append(lines).append(" lines) -----\n");
            try {
                final List<String> all = stripAnsi(Files.readString(file, StandardCharsets.UTF_8)).lines().toList();
                all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> out.append(l).append('\n'));
            } catch (IOException e) {
                out.append("[could not read: ").append(e).append("]\n");
            }
        }
        return out.toString();
    }

    private List<Path> logFiles() {
        final List<Path> files = new ArrayList<>();
        if (Files.isDirectory(logsDir())) {
            try (Stream<Path> list = Files.list(logsDir())) {
                list.filter(Files::isRegularFile).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** A position in the logs: pass it to {@link #waitForLog(LogMark, Pattern, Duration)} to see only newer lines. */
    public record LogMark(int openfireLogLength, int consoleLogLength) {}

    /** The current end of the logs. */
    public LogMark logMark() {
        return new LogMark(openfireLog().length(), consoleLog().length());
    }

    /**
     * Waits until a line of logs/openfire.log or of Openfire's console output matches {@code pattern}
     * ({@link Matcher#find()}) and returns that line.
     *
     * @throws AssertionError with the log tail, on timeout or when Openfire died meanwhile
     */
    public String waitForLog(Pattern pattern, Duration timeout) throws InterruptedException {
        return waitForLog(new LogMark(0, 0), pattern, timeout);
    }

    /** As {@link #waitForLog(Pattern, Duration)}, but only for lines logged after {@code since}. */
    public String waitForLog(LogMark since, Pattern pattern, Duration timeout) throws InterruptedException {
        final Instant deadline = Instant.now().plus(timeout);
        while (true) {
            final Optional<String> line = firstMatchingLine(after(openfireLog(), since.openfireLogLength()), pattern)
                    .or(() -> firstMatchingLine(after(consoleLog(), since.consoleLogLength()), pattern));
            if (line.isPresent()) {
                return line.get();
            }
            if (!isRunning()) {
                throw new AssertionError("Openfire is not running while waiting for log /" + pattern + "/\n" + logTail(80));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("No log line matched /" + pattern + "/ within " + timeout + "\n" + logTail(80));
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    private static final Pattern TRUSTSTORE_RELOAD = Pattern.compile("A file system change was detected");
    private static final Pattern BOSH_STARTED = Pattern.compile("HTTP bind service started");
    /** Longer than the 5 s poll of Openfire's CertificateStoreWatcher, so that a later event of the same write is seen. */
    private static final Duration TRUSTSTORE_QUIET = Duration.ofSeconds(7);

    /**
     * Waits until Openfire has finished restarting BOSH after a truststore file changed on disk: at least one restart,
     * as many restarts as store reloads, and no new reload or restart for {@link #TRUSTSTORE_QUIET}.
     * <p>
     * Why not just the first "HTTP bind service started": Openfire's CertificateStoreWatcher reloads every store backed
     * by the changed file (the BOSH and the c2s truststore may share one) and may see one write as several events; each
     * reload restarts BOSH, and a request sent during the second restart gets Jetty's 404 (seen in CI, ClusterIT).
     */
    public void waitForTruststoreRestarts(LogMark since, Duration timeout) throws InterruptedException {
        waitForLog(since, BOSH_STARTED, timeout);
        final Instant deadline = Instant.now().plus(timeout);
        long seen = -1;
        Instant quietSince = Instant.now();
        while (true) {
            final String log = openfireLogSince(since);
            final long reloads = log.lines().filter(l -> TRUSTSTORE_RELOAD.matcher(l).find()).count();
            final long starts = log.lines().filter(l -> BOSH_STARTED.matcher(l).find()).count();
            final long events = reloads * 1_000_000 + starts;
            if (events != seen) {
                seen = events;
                quietSince = Instant.now();
            } else if (starts >= reloads && Duration.between(quietSince, Instant.now()).compareTo(TRUSTSTORE_QUIET) >= 0) {
                return;
            }
            if (!isRunning()) {
                throw new AssertionError("Openfire is not running while waiting for BOSH restarts\n" + logTail(80));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("BOSH restarts did not settle within " + timeout + " (" + reloads + " truststore reloads, "
                    + starts + " starts)\n" + logTail(80));
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    /** The openfire.log text written after {@code since}. */
    public String openfireLogSince(LogMark since) {
        return after(openfireLog(), since.openfireLogLength());
    }

    private static String after(String text, int offset) {
        return text.substring(Math.min(offset, text.length()));
    }

    String consoleLog() {
        try {
            final Path console = logsDir().resolve("console.log");
            return Files.exists(console) ? stripAnsi(Files.readString(console, StandardCharsets.UTF_8)) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static Optional<String> firstMatchingLine(String text, Pattern pattern) {
        return text.lines().filter(l -> pattern.matcher(l).find()).findFirst();
    }

    private static final Pattern OUR_WARN_OR_ERROR = Pattern.compile(
            "^\\S+ \\S+ (ERROR|WARN)\\s+\\[[^\\]]*\\]: org\\.igniterealtime\\.openfire\\.plugin\\." + PLUGIN_CANONICAL_NAME);
    private static final Pattern ANY_WARN_OR_ERROR = Pattern.compile("^\\S+ \\S+ (ERROR|WARN)\\s+\\[");
    private static final Pattern OUR_STACK_FRAME = Pattern.compile("^\\s+at org\\.igniterealtime\\.openfire\\.plugin\\." + PLUGIN_CANONICAL_NAME + "\\.");
    private static final Pattern EXCEPTION_TEXT = Pattern.compile("(Exception|Error)\\b");

    /**
     * Lines of {@code logText} that show our plugin in trouble: WARN/ERROR from loggers under
     * {@code org.igniterealtime.openfire.plugin.boshcertauth}, any WARN/ERROR or exception text mentioning
     * "boshcertauth" (PluginManager/PluginMonitor report load and unload failures that way), and stack frames of our
     * code. Empty means clean.
     */
    public static List<String> pluginProblems(String logText) {
        final List<String> problems = new ArrayList<>();
        for (String line : logText.lines().toList()) {
            final boolean mentionsUs = line.contains(PLUGIN_CANONICAL_NAME);
            if (OUR_WARN_OR_ERROR.matcher(line).find()
                    || (mentionsUs && ANY_WARN_OR_ERROR.matcher(line).find())
                    || (mentionsUs && EXCEPTION_TEXT.matcher(line).find())
                    || OUR_STACK_FRAME.matcher(line).find()) {
                problems.add(line);
            }
        }
        return problems;
    }

    /** {@link #pluginProblems(String)} of everything Openfire logged so far. */
    public List<String> pluginProblems() {
        return pluginProblems(logs());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Plugin hot (un)deployment

    /** Path of our plugin JAR inside plugins/. */
    public Path installedPluginJar() {
        return pluginsDir().resolve(PLUGIN_CANONICAL_NAME + ".jar");
    }

    /**
     * Copies the plugin JAR into plugins/ of the running server and waits until our plugin logged that it loaded
     * (Openfire's PluginMonitor picks it up on its next scan; see {@link Builder#pluginMonitorInterval}).
     */
    public void installPlugin(Duration timeout) throws IOException, InterruptedException {
        final LogMark mark = logMark();
        // Copy under a temporary name and move: the monitor must never see a half-written JAR.
        final Path tmp = pluginsDir().resolve(PLUGIN_CANONICAL_NAME + ".jar.part");
        Files.copy(config.pluginJar(), tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, installedPluginJar(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        waitForLog(mark, Pattern.compile(Pattern.quote(PLUGIN_LOADED_MESSAGE)), timeout);
    }

    /**
     * Deletes the plugin JAR from plugins/ of the running server (what an admin does to uninstall it from disk) and
     * waits for PluginManager's {@code Successfully unloaded plugin 'boshcertauth'.}. Returns the log text written
     * from the deletion up to and including the unload.
     */
    public String removePlugin(Duration timeout) throws IOException, InterruptedException {
        final LogMark mark = logMark();
        Files.delete(installedPluginJar());
        waitForLog(mark, Pattern.compile("Successfully unloaded plugin '" + PLUGIN_CANONICAL_NAME + "'"), timeout);
        return openfireLogSince(mark);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Lifecycle

    private void launch() throws IOException, InterruptedException {
        assertPortsFree();
        final Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        final Path lib = home.resolve("lib");
        // The command line of bin/openfire.sh (OPENFIRE_OPTS and JAVACMD flags), minus the shell.
        final List<String> command = new ArrayList<>(List.of(
                javaBin.toString(),
                "-server",
                "-Xmx" + config.maxHeap,
                "-DopenfireHome=" + home,
                "-Dopenfire.lib.dir=" + lib,
                "-Djava.security.properties=" + home.resolve("resources/security/java.security"),
                "-Djdk.tls.server.enableStatusRequestExtension=true",
                "-Dcom.sun.security.enableCRLDP=true",
                "-Dlog4j.configurationFile=" + lib.resolve("log4j2.xml"),
                "-Dlog4j2.formatMsgNoLookups=true",
                "-Djdk.tls.ephemeralDHKeySize=matched",
                "-Djsse.SSLEngine.acceptLargeFragments=true",
                "-Djava.net.preferIPv6Addresses=system"));
        command.addAll(config.jvmArguments);
        command.addAll(List.of("-classpath", lib.resolve("startup.jar").toString(), "-jar", lib.resolve("startup.jar").toString()));

        Files.createDirectories(logsDir());
        final ProcessBuilder pb = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logsDir().resolve("console.log").toFile());
        pb.environment().put("OPENFIRE_HOME", home.toString());
        process = pb.start();
        // Openfire polls stdin once a second for the console command "exit" (XMPPServer.Terminator): our graceful stop.
        processStdin = process.getOutputStream();
        RUNNING.add(this);

        final Instant deadline = Instant.now().plus(config.startTimeout);
        // 1. The admin console is the last thing a first start brings up after autosetup.
        waitForPort(adminConsolePort(), deadline);
        // 2. Openfire prints "Openfire <version> [date]" when XMPPServer.start() has finished (modules + plugins).
        waitForLog(Pattern.compile("^Openfire \\d+\\.\\d+\\.\\d+"), Duration.between(Instant.now(), deadline));
        // 3. BOSH listens (its Jetty is started by a module, so it should already be up).
        waitForPort(boshHttpsPort(), deadline);
        if (config.installPlugin && config.waitForPluginLoaded) {
            waitForLog(Pattern.compile(Pattern.quote(PLUGIN_LOADED_MESSAGE)), Duration.between(Instant.now(), deadline));
        }
    }

    /** An ERROR of XMPPServer on the main thread during start means the start failed, whether or not the JVM exits. */
    private static final Pattern FATAL_START_ERROR = Pattern.compile("ERROR\\s+\\[main\\]: org\\.jivesoftware\\.openfire\\.XMPPServer - ");

    private void waitForPort(int port, Instant deadline) throws InterruptedException {
        while (true) {
            if (isPortOpen(port)) {
                return;
            }
            if (FATAL_START_ERROR.matcher(openfireLog()).find()) {
                throw new AssertionError("Openfire failed to start (XMPPServer logged an ERROR)\n" + logTail(120));
            }
            if (!isRunning()) {
                throw new AssertionError("Openfire exited (code " + process.exitValue() + ") before opening port " + port + "\n" + logTail(120));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Openfire did not open port " + port + " within " + config.startTimeout + "\n" + logTail(120));
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    private boolean isPortOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(config.bindAddress, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void assertPortsFree() {
        for (Map.Entry<String, Integer> port : ports.entrySet()) {
            if (isPortOpen(port.getValue())) {
                throw new IllegalStateException("Port " + port.getValue() + " (" + port.getKey() + ") on " + config.bindAddress + " is already in use");
            }
        }
    }

    /** Stops Openfire (console command "exit", then SIGTERM, then SIGKILL) and deletes its temporary directory. */
    @Override
    public void close() {
        try {
            stopProcess();
        } finally {
            RUNNING.remove(this);
            CLOSED_LOG_TAILS.add(this + " (stopped)\n" + logTail(AttachOpenfireLogs.TAIL_LINES));
            if (!config.keepTempDir) {
                deleteRecursively(tempDir);
            } else {
                System.err.println("Keeping Openfire directory " + tempDir);
            }
        }
    }

    private void stopProcess() {
        if (process == null) {
            return;
        }
        try {
            if (process.isAlive()) {
                try {
                    processStdin.write("exit\n".getBytes(StandardCharsets.US_ASCII));
                    processStdin.flush();
                } catch (IOException ignored) {
                    // stdin already closed: go on with signals
                }
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroy();    // SIGTERM: runs Openfire's shutdown hook
                    if (!process.waitFor(15, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                        process.waitFor(10, TimeUnit.SECONDS);
                    }
                }
            }
            // Grandchildren are not expected, but never leave anything behind.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e);
        }
    }

    /** Copies a directory tree (following no links out of it), creating {@code target}. */
    private static void copyRecursively(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                final Path destination = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Openfire at " + home;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Preparing the copy

    /** Copies or unpacks the distribution into {@code target} and returns OPENFIRE_HOME inside it. */
    static Path materialize(Path source, Path target) throws IOException, InterruptedException {
        final String name = source.getFileName().toString();
        if (Files.isDirectory(source)) {
            final Path home = target.resolve("openfire");
            copyInstallation(source, home);
            return home;
        } else if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            // The JDK has no tar reader; the system tar keeps the file modes (bin/*.sh) as well.
            final Process tar = new ProcessBuilder("tar", "-xzf", source.toString(), "-C", target.toString())
                    .redirectErrorStream(true).start();
            final String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!tar.waitFor(120, TimeUnit.SECONDS) || tar.exitValue() != 0) {
                throw new IOException("Unpacking " + source + " failed: " + out);
            }
        } else if (name.endsWith(".zip")) {
            unzip(source, target);
        } else {
            throw new IllegalArgumentException("Not an Openfire directory or .tar.gz/.tgz/.zip archive: " + source);
        }
        return findHome(target);
    }

    private static Path findHome(Path unpacked) throws IOException {
        if (Files.isRegularFile(unpacked.resolve("lib/startup.jar"))) {
            return unpacked;
        }
        try (Stream<Path> children = Files.list(unpacked)) {
            return children.filter(p -> Files.isRegularFile(p.resolve("lib/startup.jar")))
                    .findFirst()
                    .orElseThrow(() -> new IOException("No Openfire (lib/startup.jar) found in the archive"));
        }
    }

    private static void unzip(Path archive, Path target) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                final Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("Zip entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(zip, out);
                }
            }
        }
    }

    /**
     * Copies an installation, leaving out state of earlier runs (database, logs, extracted plugins other than the
     * admin console) so that every test gets a first start with autosetup.
     */
    private static void copyInstallation(Path source, Path home) throws IOException {
        final Set<Path> skipped = Set.of(source.resolve("embedded-db"), source.resolve("logs"));
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (skipped.contains(dir)
                        || (dir.getParent() != null && dir.getParent().equals(source.resolve("plugins")) && !dir.endsWith("admin"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(home.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (file.getParent().equals(source.resolve("plugins"))) {
                    return FileVisitResult.CONTINUE; // other plugins' JARs: not ours to test with
                }
                Files.copy(file, home.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Rewrites conf/openfire.xml for an unattended first start: removes the state of an earlier setup, binds to
     * loopback and adds {@code <autosetup>} plus the requested properties as nested elements
     * ({@code a.b.c=v} → {@code <a><b><c>v</c></b></a>}), which Openfire copies into its database at the end of setup
     * (XMPPServer.finalSetupSteps).
     */
    static void writeOpenfireXml(Path openfireXml, Builder config, Map<String, Integer> ports) throws Exception {
        final DocumentBuilder parser = Xml.newDocumentBuilder();
        final Document doc = parser.parse(openfireXml.toFile());
        final Element root = doc.getDocumentElement();
        for (String stale : List.of("setup", "database", "connectionProvider", "autosetup", "network", "nodeID")) {
            removeChildren(root, stale);
        }
        setNested(doc, "network.interface", config.bindAddress);
        setNested(doc, "adminConsole.interface", config.bindAddress);
        ports.forEach((key, port) -> setNested(doc, key, String.valueOf(port)));

        // Without it DbConnectionManager falls back to DefaultConnectionProvider, which autosetup's "embedded" mode
        // never configures ("Check JDBC properties; data source was not be initialised"); openfire-demoboot.xml has it too.
        setNested(doc, "autosetup.run", "true");
        setNested(doc, "autosetup.locale", "en");
        setNested(doc, "autosetup.xmpp.domain", DOMAIN);
        setNested(doc, "autosetup.xmpp.fqdn", config.fqdn != null ? config.fqdn : DOMAIN);
        if (config.database == null) {
            setNested(doc, "connectionProvider.className", "org.jivesoftware.database.EmbeddedConnectionProvider");
            setNested(doc, "autosetup.database.mode", "embedded");
        } else {
            // Autosetup's standard mode fills in the provider's settings but not which provider to use.
            setNested(doc, "connectionProvider.className", "org.jivesoftware.database.DefaultConnectionProvider");
            setNested(doc, "autosetup.database.mode", "standard");
            setNested(doc, "autosetup.database.defaultProvider.driver", config.database.driver());
            setNested(doc, "autosetup.database.defaultProvider.serverURL", config.database.url());
            setNested(doc, "autosetup.database.defaultProvider.username", config.database.username());
            setNested(doc, "autosetup.database.defaultProvider.password", config.database.password());
            setNested(doc, "autosetup.database.defaultProvider.minConnections", "2");
            setNested(doc, "autosetup.database.defaultProvider.maxConnections", "10");
        }
        setNested(doc, "autosetup.admin.email", "admin@" + DOMAIN);
        setNested(doc, "autosetup.admin.password", config.adminPassword);
        int n = 1;
        for (Map.Entry<String, String> user : config.users.entrySet()) {
            setNested(doc, "autosetup.users.user" + n + ".username", user.getKey());
            setNested(doc, "autosetup.users.user" + n + ".password", user.getValue());
            setNested(doc, "autosetup.users.user" + n + ".email", user.getKey() + "@" + DOMAIN);
            n++;
        }
        for (Map.Entry<String, String> property : config.effectiveProperties().entrySet()) {
            setNested(doc, property.getKey(), property.getValue());
        }

        final Transformer transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.INDENT, "yes");
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        try (OutputStream out = Files.newOutputStream(openfireXml)) {
            transformer.transform(new DOMSource(doc), new StreamResult(out));
        }
    }

    private static void removeChildren(Element parent, String name) {
        final List<Node> doomed = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element && name.equals(child.getNodeName())) {
                doomed.add(child);
            }
        }
        doomed.forEach(parent::removeChild);
    }

    private static void setNested(Document doc, String key, String value) {
        Element current = doc.getDocumentElement();
        for (String part : key.split("\\.")) {
            Element next = null;
            for (Node child = current.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element && part.equals(child.getNodeName())) {
                    next = (Element) child;
                    break;
                }
            }
            if (next == null) {
                next = doc.createElement(part);
                current.appendChild(next);
            }
            current = next;
        }
        if (current.getElementsByTagName("*").getLength() > 0) {
            throw new IllegalArgumentException("Property " + key + " is also the parent of other properties: "
                    + "openfire.xml cannot hold both; set one of them later through AdminConsole.setProperty");
        }
        current.setTextContent(value);
    }

    /**
     * Adds the trusted certificates to the truststore BOSH uses. Openfire 5.1.1 resolves it through
     * {@code CertificateStoreManager.getTrustStoreLocation(BOSH_C2S)}: property {@code xmpp.bosh.ssl.client.truststore},
     * else (fallback type SOCKET_C2S) {@code xmpp.socket.ssl.client.truststore}, else
     * {@code resources/security/client.truststore} (client-oriented types, OF-1191); the password and type resolve the
     * same way ({@code ...trustpass} → "changeit", {@code ...trustStoreType} → {@code ...storeType} → "jks"). We write
     * to the BOSH store and, when it is a different file, to the SOCKET_C2S one too.
     */
    private static void writeTrustedCertificates(Path home, Builder config) throws Exception {
        final Map<String, String> props = config.effectiveProperties();
        final Set<Path> stores = new LinkedHashSet<>();
        stores.add(resolveStore(home, props, "xmpp.bosh.ssl.client.", "xmpp.socket.ssl.client."));
        stores.add(resolveStore(home, props, "xmpp.socket.ssl.client."));
        final String password = firstNonNull(props, "changeit", "xmpp.bosh.ssl.client.trustpass", "xmpp.socket.ssl.client.trustpass");
        for (Path store : stores) {
            final KeyStore keyStore;
            if (Files.exists(store)) {
                // Probes the file's real type (the shipped client.truststore is JKS) so we store it back unchanged.
                keyStore = KeyStore.getInstance(store.toFile(), password.toCharArray());
            } else {
                keyStore = KeyStore.getInstance(firstNonNull(props, "jks",
                        "xmpp.bosh.ssl.client.trustStoreType", "xmpp.socket.ssl.client.trustStoreType",
                        "xmpp.bosh.ssl.client.storeType", "xmpp.socket.ssl.client.storeType"));
                keyStore.load(null, null);
                Files.createDirectories(store.getParent());
            }
            for (Map.Entry<String, X509Certificate> trusted : config.trustedCertificates.entrySet()) {
                keyStore.setCertificateEntry(trusted.getKey(), trusted.getValue());
            }
            try (OutputStream out = Files.newOutputStream(store)) {
                keyStore.store(out, password.toCharArray());
            }
        }
    }

    private static Path resolveStore(Path home, Map<String, String> props, String... prefixes) {
        final String[] keys = Stream.of(prefixes).map(p -> p + "truststore").toArray(String[]::new);
        final Path location = Path.of(firstNonNull(props, "resources/security/client.truststore", keys));
        return location.isAbsolute() ? location : home.resolve(location);
    }

    private static String firstNonNull(Map<String, String> props, String fallback, String... keys) {
        for (String key : keys) {
            if (props.get(key) != null) {
                return props.get(key);
            }
        }
        return fallback;
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Configuration of an Openfire to start; every setting has a default that works for the plugin's tests. */
    public static final class Builder {
        private Path distribution;
        private Path pluginJar;
        private String adminPassword = "admin-secret";
        private final Map<String, String> users = new LinkedHashMap<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final Map<String, X509Certificate> trustedCertificates = new LinkedHashMap<>();
        private final List<String> jvmArguments = new ArrayList<>();
        private boolean installPlugin = true;
        private Path webRoot;
        private boolean waitForPluginLoaded = true;
        private boolean keepTempDir = Boolean.getBoolean("openfire.keepTempDir");
        private Duration startTimeout = Duration.ofSeconds(120);
        private Duration pluginMonitorInterval = Duration.ofSeconds(2);
        private String maxHeap = "512m";
        private boolean openfireDefaultPorts = Boolean.getBoolean("openfire.defaultPorts");
        private String bindAddress = DEFAULT_BIND_ADDRESS;
        private String fqdn;
        private Map<String, Integer> fixedPorts;
        private Database database;
        private final List<Path> libJars = new ArrayList<>();
        private final List<Path> otherPlugins = new ArrayList<>();
        private final Map<String, String> confFiles = new LinkedHashMap<>();

        private Builder() {
            user("alice", "alice-secret");
            user("bob", "bob-secret");
            extraProperties(System.getProperty(EXTRA_PROPERTIES_PROPERTY, "")).forEach(this::property);
        }

        /**
         * The pairs of {@value #EXTRA_PROPERTIES_PROPERTY} ({@code key=value,key=value}), set as if each test had called
         * {@link #property} first (a test's own later call for the same key wins). Lets CI run the whole suite with an
         * Openfire feature on, e.g. {@code -Dopenfire.extra-properties=xmpp.auth.sasl2=true}.
         */
        static Map<String, String> extraProperties(String value) {
            final Map<String, String> pairs = new LinkedHashMap<>();
            for (String pair : value.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                final int eq = pair.indexOf('=');
                if (eq <= 0 || pair.substring(0, eq).isBlank()) {
                    throw new IllegalArgumentException(EXTRA_PROPERTIES_PROPERTY + ": not key=value: '" + pair.strip() + "'");
                }
                pairs.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
            return pairs;
        }

        /** Openfire installation directory or distribution archive; default: system property {@value #OPENFIRE_HOME_PROPERTY}. */
        public Builder distribution(Path distribution) {
            this.distribution = distribution;
            return this;
        }

        /** Plugin JAR to install; default: system property {@value #PLUGIN_JAR_PROPERTY}. */
        public Builder pluginJar(Path pluginJar) {
            this.pluginJar = pluginJar;
            return this;
        }

        /** Start without our plugin in plugins/ (install it later with {@link OpenfireServer#installPlugin}). */
        public Builder withoutPlugin() {
            this.installPlugin = false;
            return this;
        }

        /** Do not wait for the plugin's "loaded" log line at start (for tests of a plugin that must refuse to load). */
        public Builder dontWaitForPluginLoaded() {
            this.waitForPluginLoaded = false;
            return this;
        }

        /** Password of the {@code admin} user (default {@code admin-secret}). */
        public Builder adminPassword(String password) {
            this.adminPassword = password;
            return this;
        }

        /** A user created at setup; alice/alice-secret and bob/bob-secret exist unless {@link #noDefaultUsers()}. */
        public Builder user(String username, String password) {
            users.put(username, password);
            return this;
        }

        public Builder noDefaultUsers() {
            users.clear();
            return this;
        }

        /**
         * An Openfire property set before the first start (written into conf/openfire.xml; autosetup copies it into the
         * database, where Openfire and plugins read it). Later calls for the same key win.
         */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** Adds a (CA) certificate to the truststore(s) Openfire uses to verify BOSH client certificates. */
        public Builder trustClientCertificate(String alias, X509Certificate certificate) {
            trustedCertificates.put(alias, certificate);
            return this;
        }

        /** Interval of Openfire's plugin directory scan ({@code plugins.loading.monitor.interval}; Openfire's default is 20 s). */
        public Builder pluginMonitorInterval(Duration interval) {
            this.pluginMonitorInterval = interval;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /**
         * Use Openfire's default ports (5222, 7070, 7443, 9090, ...; also {@code -Dopenfire.defaultPorts=true}) instead
         * of free ephemeral ones, e.g. to point a browser at a kept instance.
         */
        public Builder openfireDefaultPorts() {
            this.openfireDefaultPorts = true;
            return this;
        }

        /**
         * The loopback address every listener binds to (XML-only {@code network.interface}; default 127.0.0.1), e.g.
         * 127.0.0.2 for the second node of a cluster on one machine; URIs use it as their host.
         */
        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        /** This node's host name (autosetup's fqdn; default {@link #DOMAIN}); cluster nodes need one each. */
        public Builder fqdn(String fqdn) {
            this.fqdn = fqdn;
            return this;
        }

        /** These ports instead of free ones (a cluster's nodes share the database, where most port properties live). */
        public Builder ports(Map<String, Integer> ports) {
            this.fixedPorts = new LinkedHashMap<>(ports);
            return this;
        }

        /** An external database instead of the embedded one (its JDBC driver: {@link #libJar}). */
        public Builder database(Database database) {
            this.database = database;
            return this;
        }

        /** A JAR copied into Openfire's lib/ (e.g. a JDBC driver). */
        public Builder libJar(Path jar) {
            libJars.add(jar);
            return this;
        }

        /** Another plugin JAR copied into plugins/ before the start (e.g. the Hazelcast clustering plugin). */
        public Builder otherPlugin(Path jar) {
            otherPlugins.add(jar);
            return this;
        }

        /** A file written into conf/ before the start (e.g. {@code hazelcast-local-config.xml}). */
        public Builder confFile(String name, String content) {
            confFiles.put(name, content);
            return this;
        }

        /** Extra JVM arguments for Openfire's process (e.g. {@code -agentlib:jdwp=...} to debug it). */
        public Builder jvmArgument(String argument) {
            jvmArguments.add(argument);
            return this;
        }

        /**
         * Static files Openfire serves at the root of its BOSH ports (copied to {@code resources/spank}, which
         * {@code HttpBindManager} publishes at "/" when it exists at start): pages served from the BOSH origin itself.
         */
        public Builder webRoot(Path directory) {
            this.webRoot = directory;
            return this;
        }

        /** Keep the temporary directory after close (also: {@code -Dopenfire.keepTempDir=true}), for post-mortems. */
        public Builder keepTempDir() {
            this.keepTempDir = true;
            return this;
        }

        Path pluginJar() {
            return pluginJar != null ? pluginJar : pluginJarUnderTest();
        }

        /** The properties written into openfire.xml: harness defaults, overridden by the test's own. */
        Map<String, String> effectiveProperties() {
            final Map<String, String> all = new LinkedHashMap<>();
            // Faster plugin hot (un)deploy detection than Openfire's 20 s.
            all.put("plugins.loading.monitor.interval", String.valueOf(Math.max(1, pluginMonitorInterval.toSeconds())));
            // No network beyond loopback: don't try to reach igniterealtime.org for updates.
            all.put("update.service-enabled", "false");
            all.putAll(properties);
            return all;
        }

        /**
         * Prepares a temporary copy, starts Openfire and waits until it is up (and our plugin loaded, if installed).
         * Skips the calling test (assumption) when no Openfire was given. On any failure the process is stopped and the
         * directory deleted; the exception message carries the log tail.
         */
        public OpenfireServer start() throws Exception {
            final Path source = distribution != null ? distribution : assumeOpenfireDistribution();
            final Path jar = installPlugin ? pluginJar() : null;
            final Path tempDir = Files.createTempDirectory("openfire-it-");
            OpenfireServer server = null;
            try {
                final Path home = materialize(source, tempDir);
                server = new OpenfireServer(this, tempDir, home, fixedPorts != null ? fixedPorts : choosePorts(openfireDefaultPorts));
                for (Path lib : libJars) {
                    Files.copy(lib, home.resolve("lib").resolve(lib.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
                for (Path plugin : otherPlugins) {
                    Files.copy(plugin, server.pluginsDir().resolve(plugin.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
                for (Map.Entry<String, String> file : confFiles.entrySet()) {
                    Files.writeString(home.resolve("conf").resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
                }
                writeOpenfireXml(home.resolve("conf/openfire.xml"), this, server.ports);
                if (!trustedCertificates.isEmpty()) {
                    writeTrustedCertificates(home, this);
                }
                if (jar != null) {
                    Files.copy(jar, server.installedPluginJar(), StandardCopyOption.REPLACE_EXISTING);
                }
                if (webRoot != null) {
                    copyRecursively(webRoot, home.resolve("resources/spank"));
                }
                final Instant begin = Instant.now();
                server.launch();
                System.out.printf("Openfire (%s) started in %d ms from %s%n", server.version(),
                        Duration.between(begin, Instant.now()).toMillis(), source);
                return server;
            } catch (Throwable e) {
                if (server != null) {
                    server.close();
                } else {
                    deleteRecursively(tempDir);
                }
                throw e;
            }
        }
    }

    /** An external database for {@link Builder#database}, by JDBC driver class, URL and credentials. */
    public record Database(String driver, String url, String username, String password) {
    }

    /** The running Openfire's version, from its start banner (available once {@link Builder#start()} returned). */
    public OpenfireVersion openfireVersion() {
        return OpenfireVersion.parse(version());
    }

    /** The version from Openfire's start banner ("Openfire 5.1.1 [date]"), or "?" before it was logged. */
    public String version() {
        final Matcher m = Pattern.compile("(?m)^Openfire (\\d+\\.\\d+\\.\\d+\\S*)").matcher(consoleLog() + "\n" + openfireLog());
        return m.find() ? m.group(1) : "?";
    }

    /** Hardened JDK XML parsing for the harness and the BOSH client: no DTDs, no external entities. */
    static final class Xml {
        private Xml() {}

        static DocumentBuilder newDocumentBuilder() throws Exception {
            final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder();
        }

        static Document parse(String xml) throws Exception {
            try (InputStream in = new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))) {
                return newDocumentBuilder().parse(in);
            }
        }
    }
}
