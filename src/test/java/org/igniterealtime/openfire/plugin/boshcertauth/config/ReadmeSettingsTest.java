package org.igniterealtime.openfire.plugin.boshcertauth.config;

import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslMechanisms;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.jivesoftware.util.SystemProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** readme.html (the administrators' documentation, packaged into the plugin) documents every setting and failure reason. */
class ReadmeSettingsTest {

    /** String constants of Settings that are not property keys. */
    private static final Set<String> NOT_KEYS = Set.of("PLUGIN_NAME", "PREFIX");
    private static String readme;

    @BeforeAll
    static void readReadme() throws Exception {
        readme = Files.readString(Path.of("readme.html"), StandardCharsets.UTF_8);
    }

    @Test
    void everyPluginPropertyIsDocumentedWithItsDefault() {
        // Execute
        final List<String> problems = new ArrayList<>();
        for (SystemProperty<?> property : Settings.ALL) {
            final String defaultCell = defaultCellOf(property.getKey());
            if (defaultCell == null) {
                problems.add(property.getKey() + ": no row in a settings table");
            } else if (!defaultCell.contains(expectedDefault(property.getDefaultValue()))) {
                problems.add(property.getKey() + ": default cell '" + defaultCell + "' does not say " + expectedDefault(property.getDefaultValue()));
            }
        }

        // Verify
        assertTrue(Settings.ALL.size() >= 20);
        assertEquals(List.of(), problems);
    }

    @Test
    void everyOpenfirePropertyTheSettingsNameIsDocumented() throws Exception {
        // Execute
        final List<String> keys = new ArrayList<>();
        for (Field field : Settings.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class && !NOT_KEYS.contains(field.getName())) {
                keys.add((String) field.get(null));
            }
        }
        keys.add(SaslMechanisms.PROPERTY); // Openfire's list property, read and written only by openfire.SaslMechanisms
        final List<String> missing = keys.stream().filter(k -> defaultCellOf(k) == null).toList();

        // Verify: httpbind.client.cert.policy, sasl.mechs, xmpp.httpbind.scriptSyntax.enabled and the five Openfire 4 era keys
        assertEquals(8, keys.size(), keys::toString);
        assertEquals(List.of(), missing);
    }

    @Test
    void everyFailureReasonIsInTheTroubleshootingTable() {
        // Execute
        final List<String> missing = new ArrayList<>();
        for (FailureReason reason : FailureReason.values()) {
            if (!readme.contains("<tr><td><code>" + reason.name() + "</code></td>")) {
                missing.add(reason.name());
            }
        }

        // Verify
        assertEquals(List.of(), missing);
    }

    @Test
    void aMissingKeyWouldBeNoticed() {
        // Verify: the lookup this test relies on does not find what is not there
        assertNull(defaultCellOf("boshcertauth.no.such.property"));
        assertNotNull(defaultCellOf(Settings.PIN_SESSIONS.getKey()));
    }

    /** The second cell of the table row that starts with the key, or null. */
    private static String defaultCellOf(String key) {
        final Matcher m = Pattern.compile("<tr><td><code>" + Pattern.quote(key) + "</code></td>\\s*<td>(.*?)</td>", Pattern.DOTALL)
            .matcher(readme);
        return m.find() ? m.group(1) : null;
    }

    private static String expectedDefault(Object value) {
        return value == null || value.toString().isEmpty() ? "empty" : "<code>" + value + "</code>";
    }
}
