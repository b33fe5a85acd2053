package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.AdminText.Message;
import org.jivesoftware.util.JiveGlobals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings as Openfire has them stored, checked by the page's own {@link SettingsValidator}: a value set under
 * System Properties that the page would refuse is otherwise read as the default (or, for a boolean, as false) without
 * a word. The settings page shows such a value as it is stored, with the validator's reason and what is in effect.
 */
final class StoredValues {

    /**
     * A stored value that is not valid.
     *
     * @param stored   the value as stored
     * @param inEffect what the plugin uses instead (the field's current value)
     * @param problems the validator's reasons
     */
    record Invalid(String stored, String inEffect, List<Message> problems) {
    }

    private StoredValues() {}

    /** The stored values that are not valid, by property key (only properties that are set). */
    static Map<String, Invalid> invalid(Set<String> servedDomains) {
        final Map<String, String> stored = new LinkedHashMap<>();
        for (AdminField field : AdminField.ALL) {
            if (field.source() != AdminField.Source.SASL_MECHANISMS) {
                final String value = JiveGlobals.getProperty(field.key());
                if (value != null) {
                    // Openfire reads booleans case-insensitively (Boolean.parseBoolean), the form as "true"/"false"
                    stored.put(field.key(), field.kind() == AdminField.Kind.BOOLEAN && value.strip().equalsIgnoreCase("true") ? "true"
                        : field.kind() == AdminField.Kind.BOOLEAN && value.strip().equalsIgnoreCase("false") ? "false" : value);
                }
            }
        }
        final SettingsValidator.Result result = new SettingsValidator(servedDomains).validate(key -> {
            final String value = stored.containsKey(key) ? stored.get(key) : AdminField.named(key).currentValue();
            // an unticked checkbox is not submitted at all
            return AdminField.named(key).kind() == AdminField.Kind.BOOLEAN && "false".equals(value) ? null : value;
        });
        final Map<String, Invalid> invalid = new LinkedHashMap<>();
        result.errors().forEach((key, problems) -> {
            if (stored.containsKey(key)) {
                invalid.put(key, new Invalid(stored.get(key), AdminField.named(key).currentValue(), problems));
            }
        });
        return invalid;
    }

}
