package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.openfire.OpenfirePropertyWriter;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslMechanisms;
import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes the values of a valid form that differ from the values in effect, and only those. Each write fires
 * Openfire's property event, on which the plugin's SettingsListener reloads the configuration (and Openfire's own
 * listeners react: sasl.mechs is re-read, a changed BOSH client-certificate policy restarts BOSH).
 */
public final class SettingsWriter {

    /** One written setting. */
    public record Change(String key, String oldValue, String newValue) {
    }

    /** @param values the values of a form that {@link SettingsValidator} found valid */
    public List<Change> write(Map<String, String> values) {
        final List<Change> changes = new ArrayList<>();
        // The BOSH client-certificate policy goes last: saving it restarts BOSH, which should see every other change.
        final List<AdminField> order = AdminField.ALL.stream()
            .sorted(Comparator.comparing(f -> f.key().equals(Settings.BOSH_CLIENT_CERT_POLICY)))
            .toList();
        for (AdminField field : order) {
            final String newValue = values.get(field.key());
            final String oldValue = field.currentValue();
            if (newValue == null || newValue.equals(oldValue)) {
                continue;
            }
            if (field.source() == AdminField.Source.SASL_MECHANISMS) {
                SaslMechanisms.setExternalEnabled(Boolean.parseBoolean(newValue));
            } else {
                OpenfirePropertyWriter.get().set(field.key(), newValue);
            }
            changes.add(new Change(field.key(), oldValue, newValue));
        }
        return changes;
    }
}
