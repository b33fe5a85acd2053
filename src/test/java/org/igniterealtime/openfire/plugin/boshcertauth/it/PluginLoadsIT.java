package org.igniterealtime.openfire.plugin.boshcertauth.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin JAR in a real Openfire: it loads cleanly at start, the admin console knows it, and it unloads cleanly
 * when its JAR is deleted at runtime (and loads again when put back). One Openfire for the whole class; the
 * (un)deploy tests run last, in order, because they change the server's state.
 */
@ExtendWith(AttachOpenfireLogs.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginLoadsIT {

    private static final String PLUGIN_NAME = "Certificate Login for Web Clients";
    private static final Duration HOT_DEPLOY_TIMEOUT = Duration.ofSeconds(60);

    private static OpenfireServer openfire;

    @BeforeAll
    static void startOpenfireWithPluginInstalled() throws Exception {
        openfire = OpenfireServer.builder().start(); // waits for our "loaded" log line
    }

    @AfterAll
    static void stopOpenfire() {
        if (openfire != null) {
            openfire.close();
        }
    }

    @Test
    @Order(1)
    void pluginLoadsWithoutWarningsOrErrors() {
        // Execute: start() already waited for the plugin; inspect what Openfire logged on the way.
        final String logs = openfire.logs();

        // Verify
        assertTrue(logs.contains(OpenfireServer.PLUGIN_LOADED_MESSAGE), "our plugin's 'loaded' line is missing");
        assertTrue(logs.contains("Successfully loaded plugin 'boshcertauth"), "PluginManager did not report the load");
        assertEquals(List.of(), openfire.pluginProblems(), "warnings/errors/exceptions of or about the plugin");
        assertTrue(Files.isDirectory(openfire.pluginsDir().resolve("boshcertauth/lib")), "Openfire did not extract the JAR");
    }

    @Test
    @Order(2)
    void adminConsolePluginsPageListsThePlugin() throws Exception {
        // Setup
        final AdminConsole console = openfire.adminConsole();

        // Execute
        final String page = console.get("plugin-admin.jsp");

        // Verify
        assertTrue(page.contains(PLUGIN_NAME), "plugin not listed on plugin-admin.jsp");
        assertTrue(page.contains("1.0.0") || page.matches("(?s).*\\d+\\.\\d+\\.\\d+.*"), "no version shown");
        // Loaded with a warning / unsupported rows get these CSS classes (plugin-admin-jsp.jsp).
        assertFalse(page.contains("class=\"unsupported"), "a plugin is shown as unsupported");
    }

    @Test
    @Order(3)
    void systemPropertiesOfThePluginShowOnTheSystemPropertiesPage() throws Exception {
        // Setup
        final AdminConsole console = openfire.adminConsole();

        // Execute
        final Map<String, String> properties = console.systemProperties("boshcertauth.");

        // Verify: every setting is listed, under our plugin's name, with its description from the i18n bundle
        final String page = console.systemPropertiesPage("boshcertauth.");
        for (var setting : org.igniterealtime.openfire.plugin.boshcertauth.config.Settings.ALL) {
            assertTrue(page.contains(setting.getKey()), "not on the System Properties page: " + setting.getKey());
        }
        assertTrue(page.contains(PLUGIN_NAME), "System Properties rows do not name our plugin: " + properties);
        assertTrue(page.contains("Comma-separated IP addresses and CIDR ranges"),
                "descriptions come from the plugin's i18n bundle (bundle named after plugin.xml's <name>)");
        properties.keySet().forEach(key -> assertTrue(key.startsWith("boshcertauth."), key));
    }

    @Test
    @Order(10)
    void deletingTheJarAtRuntimeUnloadsThePluginCleanly() throws Exception {
        // Execute: what an admin does on disk; Openfire's PluginMonitor notices on its next scan.
        final String unloadLog = openfire.removePlugin(HOT_DEPLOY_TIMEOUT);

        // Verify
        assertTrue(Pattern.compile("Plugin 'boshcertauth' was removed from the file system").matcher(unloadLog).find(), unloadLog);
        assertTrue(unloadLog.contains(PLUGIN_NAME + " unloaded"), "destroyPlugin did not run:\n" + unloadLog);
        assertEquals(List.of(), OpenfireServer.pluginProblems(unloadLog), "warnings/errors/exceptions during unload");
        assertFalse(openfire.adminConsole().get("plugin-admin.jsp").contains(PLUGIN_NAME), "still listed after unload");
    }

    @Test
    @Order(11)
    void puttingTheJarBackAtRuntimeLoadsThePluginAgain() throws Exception {
        // Setup
        final OpenfireServer.LogMark mark = openfire.logMark();

        // Execute
        openfire.installPlugin(HOT_DEPLOY_TIMEOUT);

        // Verify
        assertEquals(List.of(), OpenfireServer.pluginProblems(openfire.openfireLogSince(mark)), "warnings/errors/exceptions during reload");
        assertTrue(openfire.adminConsole().get("plugin-admin.jsp").contains(PLUGIN_NAME), "not listed after reload");
    }

    @Test
    @Order(12)
    void uploadingTheJarThroughTheAdminConsoleWorksAsForANewUser() throws Exception {
        // Setup: remove it first, then install it the way the admin console's "Upload Plugin" form does
        openfire.removePlugin(HOT_DEPLOY_TIMEOUT);
        final AdminConsole console = openfire.adminConsole();
        console.get("plugin-admin.jsp"); // the page sets a fresh csrf cookie for its upload form
        final String csrf = console.csrfCookie().orElseThrow();
        final String boundary = "----boshcertauth" + System.nanoTime();
        final byte[] jar = java.nio.file.Files.readAllBytes(OpenfireServer.pluginJarUnderTest());
        final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"uploadfile\"; filename=\"boshcertauth.jar\"\r\n"
            + "Content-Type: application/java-archive\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.write(jar);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        final OpenfireServer.LogMark mark = openfire.logMark();

        // Execute
        final java.net.http.HttpResponse<String> response = console.send(java.net.http.HttpRequest.newBuilder(
                console.uri("plugin-admin.jsp?uploadplugin&csrf=" + csrf))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        openfire.waitForLog(mark, Pattern.compile(Pattern.quote(OpenfireServer.PLUGIN_LOADED_MESSAGE)), HOT_DEPLOY_TIMEOUT);

        // Verify
        assertTrue(response.statusCode() == 302 || response.statusCode() == 200, "upload answered " + response.statusCode());
        assertFalse(response.headers().firstValue("Location").orElse("").contains("uploadsuccess=false"), "Openfire refused the upload");
        assertEquals(List.of(), OpenfireServer.pluginProblems(openfire.openfireLogSince(mark)), "warnings/errors/exceptions after upload");
        assertTrue(console.get("plugin-admin.jsp").contains(PLUGIN_NAME), "not listed after upload");
    }
}
