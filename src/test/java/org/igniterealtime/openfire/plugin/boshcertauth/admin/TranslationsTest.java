package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every translation of the admin console's bundle (src/main/i18n/boshcertauth_i18n_*.properties) has exactly the
 * English bundle's keys, the same {n} arguments in each string, and patterns MessageFormat can read; the plugin's
 * class loader finds each one.
 */
class TranslationsTest {

    private static final Path I18N = Path.of("src/main/i18n");
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");
    /** The languages the plugin ships (the ones Openfire itself ships most completely, as far as done). */
    private static final Set<String> REQUIRED = Set.of("de", "fr", "es", "nl");

    private static Properties load(Path file) throws IOException {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private static List<Path> translations() throws IOException {
        try (Stream<Path> files = Files.list(I18N)) {
            return files.filter(f -> f.getFileName().toString().matches(AdminText.BUNDLE + "_[a-z]{2}(_[A-Z]{2})?\\.properties")).sorted().toList();
        }
    }

    private static Set<String> arguments(String pattern) {
        final Set<String> found = new TreeSet<>();
        final Matcher m = ARGUMENT.matcher(pattern);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void everyTranslationHasEveryKeyAndNoOtherWithTheSameArguments() throws Exception {
        // Setup
        final Properties english = load(I18N.resolve(AdminText.BUNDLE + ".properties"));
        final List<Path> translations = translations();
        final List<String> problems = new ArrayList<>();

        // Execute
        for (Path file : translations) {
            final Properties translated = load(file);
            for (String key : english.stringPropertyNames()) {
                if (!translated.containsKey(key)) {
                    problems.add(file.getFileName() + ": missing " + key);
                } else if (!arguments(english.getProperty(key)).equals(arguments(translated.getProperty(key)))) {
                    problems.add(file.getFileName() + ": " + key + " has arguments " + arguments(translated.getProperty(key))
                        + ", English " + arguments(english.getProperty(key)));
                } else if (!arguments(english.getProperty(key)).isEmpty()) {
                    try {
                        new MessageFormat(translated.getProperty(key), Locale.ROOT);
                    } catch (IllegalArgumentException e) {
                        problems.add(file.getFileName() + ": " + key + " is not a MessageFormat pattern: " + e.getMessage());
                    }
                }
            }
            for (String key : translated.stringPropertyNames()) {
                if (!english.containsKey(key)) {
                    problems.add(file.getFileName() + ": " + key + " is not in the English bundle");
                }
            }
        }

        // Verify
        assertEquals(List.of(), problems);
        for (String language : REQUIRED) {
            assertTrue(translations.stream().anyMatch(f -> f.getFileName().toString().equals(AdminText.BUNDLE + "_" + language + ".properties")),
                "no " + language + " bundle");
        }
    }

    @Test
    void theAdminConsoleFindsEachTranslation() {
        for (String language : REQUIRED) {
            // Execute
            final AdminText text = AdminText.load(Locale.forLanguageTag(language));
            final AdminText english = AdminText.load(Locale.ROOT);

            // Verify: a string that differs in every language, with its argument filled in
            assertTrue(!text.get("save.button").equals(english.get("save.button")), language + " bundle not found on the class path");
            assertTrue(text.get("testca.delete.done", "/x").contains("/x"));
        }
    }

    @Test
    void aMissingKeyOrArgumentWouldBeNoticed() {
        // Setup
        final Properties english = new Properties();
        english.setProperty("a", "value {0}");

        // Verify: the rule the test applies
        assertEquals(Set.of("0"), arguments(english.getProperty("a")));
        assertEquals(Set.of(), arguments("value"));
        assertEquals(Set.of("0", "1"), arguments("{1,number,#} of {0}"));
    }
}
