package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.config.BoshClientCertPolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslMechanisms;
import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;
import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.SystemProperty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One setting on the admin page: the property it edits (also the form field's name), how it is entered and where its
 * value lives. The page shows {@link #ALL} in this order, grouped by {@link #section}.
 *
 * @param key     property key and form field name ({@link #SASL_EXTERNAL} is the EXTERNAL entry of sasl.mechs)
 * @param choices allowed values of a {@link Kind#CHOICE}, as stored
 * @param range   allowed values of an {@link Kind#INTEGER}
 */
public record AdminField(String key, String section, Kind kind, Source source, List<String> choices, Settings.IntRange range,
                         SystemProperty<?> property) {

    public enum Kind { BOOLEAN, INTEGER, CHOICE, TEXT }

    /** Where the value is kept. */
    public enum Source { PLUGIN_PROPERTY, OPENFIRE_PROPERTY, SASL_MECHANISMS }

    /** Form field for "EXTERNAL is in sasl.mechs". */
    public static final String SASL_EXTERNAL = "sasl.mechs.external";

    /** Openfire's BOSH client-auth policy when the property is unset (ConnectionListener.getDefaultClientAuth for BOSH). */
    static final String OPENFIRE_DEFAULT_CLIENT_CERT_POLICY = BoshClientCertPolicy.DISABLED.propertyValue();

    public static final List<AdminField> ALL = catalogue();

    /** The page's boxes in page order; a section not named here follows them, in catalogue order. */
    private static final List<String> SECTION_ORDER = List.of("bosh", "sasl", "web", "identity", "certificate", "revocation",
        "proxy", "diagnostics", "legacy");

    private static final Map<String, AdminField> BY_KEY = ALL.stream()
        .collect(Collectors.toUnmodifiableMap(AdminField::key, Function.identity()));

    /** The field for a property key (or {@link #SASL_EXTERNAL}). */
    public static AdminField named(String key) {
        final AdminField field = BY_KEY.get(key);
        if (field == null) {
            throw new IllegalArgumentException("No admin field " + key);
        }
        return field;
    }

    /** Every section that has a field, in page order: {@link #SECTION_ORDER} first, then any other in catalogue order. */
    public static List<String> sections() {
        final Set<String> sections = new LinkedHashSet<>(SECTION_ORDER);
        ALL.forEach(f -> sections.add(f.section()));
        return sections.stream().filter(s -> ALL.stream().anyMatch(f -> f.section().equals(s))).toList();
    }

    /** The fields of one section, in catalogue order. */
    public static List<AdminField> inSection(String section) {
        return ALL.stream().filter(f -> f.section().equals(section)).toList();
    }

    private static List<AdminField> catalogue() {
        final List<AdminField> fields = new ArrayList<>();
        fields.add(new AdminField(Settings.BOSH_CLIENT_CERT_POLICY, "bosh", Kind.CHOICE, Source.OPENFIRE_PROPERTY,
            Arrays.stream(BoshClientCertPolicy.values()).map(BoshClientCertPolicy::propertyValue).toList(), null, null));
        fields.add(new AdminField(SASL_EXTERNAL, "sasl", Kind.BOOLEAN, Source.SASL_MECHANISMS, List.of(), null, null));
        for (SystemProperty<?> p : List.of(Settings.MECHANISM_OFFER, Settings.MECHANISM_ENFORCEMENT, Settings.PIN_SESSIONS)) {
            fields.add(plugin(p, "sasl"));
        }
        for (String key : Settings.LEGACY_KEYS) {
            fields.add(new AdminField(key, "legacy", Kind.BOOLEAN, Source.OPENFIRE_PROPERTY, List.of(), null, null));
        }
        for (SystemProperty<?> p : Settings.ALL) {
            if (fields.stream().noneMatch(f -> f.property() == p)) {
                fields.add(plugin(p, section(p.getKey())));
            }
        }
        return List.copyOf(fields);
    }

    /** boshcertauth.identity.x → identity; boshcertauth.diagnostics.x → diagnostics; ... */
    private static String section(String key) {
        final String rest = key.substring(Settings.PREFIX.length());
        return rest.substring(0, rest.indexOf('.'));
    }

    private static AdminField plugin(SystemProperty<?> p, String section) {
        final Object defaultValue = p.getDefaultValue();
        if (defaultValue instanceof Boolean) {
            return new AdminField(p.getKey(), section, Kind.BOOLEAN, Source.PLUGIN_PROPERTY, List.of(), null, p);
        }
        if (defaultValue instanceof Integer) {
            return new AdminField(p.getKey(), section, Kind.INTEGER, Source.PLUGIN_PROPERTY, List.of(),
                Settings.range(p).orElseThrow(() -> new IllegalStateException("no range for " + p.getKey())), p);
        }
        if (defaultValue instanceof Enum<?> e) {
            return new AdminField(p.getKey(), section, Kind.CHOICE, Source.PLUGIN_PROPERTY,
                Arrays.stream(e.getDeclaringClass().getEnumConstants()).map(Enum::name).toList(), null, p);
        }
        return new AdminField(p.getKey(), section, Kind.TEXT, Source.PLUGIN_PROPERTY, List.of(), null, p);
    }

    /** The value in effect now, as the form shows and submits it (booleans "true"/"false", enums by name). */
    public String currentValue() {
        return switch (source) {
            case SASL_MECHANISMS -> Boolean.toString(SaslMechanisms.externalEnabled());
            case PLUGIN_PROPERTY -> {
                final Object value = property.getValue();
                yield value instanceof Enum<?> e ? e.name() : String.valueOf(value);
            }
            case OPENFIRE_PROPERTY -> kind == Kind.BOOLEAN
                ? Boolean.toString(JiveGlobals.getBooleanProperty(key, legacyDefault(key)))
                : BoshClientCertPolicy.fromPropertyValue(JiveGlobals.getProperty(key)).map(BoshClientCertPolicy::propertyValue)
                    .orElse(OPENFIRE_DEFAULT_CLIENT_CERT_POLICY);
        };
    }

    /** The value used while the property is unset. */
    public String defaultValue() {
        return switch (source) {
            case SASL_MECHANISMS -> "true";
            case PLUGIN_PROPERTY -> property.getDefaultValue() instanceof Enum<?> e ? e.name() : String.valueOf(property.getDefaultValue());
            case OPENFIRE_PROPERTY -> kind == Kind.BOOLEAN ? Boolean.toString(legacyDefault(key)) : OPENFIRE_DEFAULT_CLIENT_CERT_POLICY;
        };
    }

    /** The Openfire 4 era properties: every verify flag defaults to true, accept-selfsigned to false (ConfigurationLoader). */
    static boolean legacyDefault(String key) {
        return !Settings.LEGACY_ACCEPT_SELFSIGNED.equals(key);
    }

    /** The i18n key stem of this field: labels are {@code field.<key>.label}, help {@code field.<key>.help}. */
    public String textKey(String suffix) {
        return "field." + key.toLowerCase(Locale.ROOT) + "." + suffix;
    }
}
