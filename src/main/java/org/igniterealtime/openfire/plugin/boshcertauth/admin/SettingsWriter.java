package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.cluster.StoredProperties;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.OpenfirePropertyWriter;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslMechanisms;
import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes the values of a valid form that differ from the values in effect on this node or from the values stored in
 * the database, and only those. Both count: in a cluster a node can hold a stale view (it missed a change made while
 * it was joining), and a save on that node must still write what the admin submitted. Each write fires Openfire's
 * property event (and Openfire tells the other cluster members), on which the plugin's SettingsListener reloads the
 * configuration (and Openfire's own listeners react: sasl.mechs is re-read, a changed BOSH client-certificate policy
 * restarts BOSH).
 */
public final class SettingsWriter {

    /** One written setting. */
    public record Change(String key, String oldValue, String newValue) {
    }

    private final StoredProperties stored;

    public SettingsWriter(StoredProperties stored) {
        this.stored = stored;
    }

    /** @param values the values of a form that {@link SettingsValidator} found valid */
    public List<Change> write(Map<String, String> values) {
        final List<Change> changes = new ArrayList<>();
        // The BOSH client-certificate policy goes last: saving it restarts BOSH, which should see every other change.
        final List<AdminField> order = AdminField.ALL.stream()
            .sorted(Comparator.comparing(f -> f.key().equals(Settings.BOSH_CLIENT_CERT_POLICY)))
            .toList();
        final Set<String> submitted = order.stream().map(AdminField::key).filter(values::containsKey).collect(Collectors.toSet());
        final Optional<Map<String, String>> inDatabase = stored.read(submitted::contains);
        for (AdminField field : order) {
            final String newValue = values.get(field.key());
            final String oldValue = field.currentValue();
            if (newValue == null || newValue.equals(oldValue) && newValue.equals(storedValue(field, inDatabase, oldValue))) {
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

    /**
     * The database's value as the form would submit it (the default when it is unset there); this node's own view for
     * EXTERNAL in sasl.mechs (a list property, written only through Openfire's list API) and when there is no database.
     */
    private static String storedValue(AdminField field, Optional<Map<String, String>> inDatabase, String ownView) {
        if (field.source() == AdminField.Source.SASL_MECHANISMS || inDatabase.isEmpty()) {
            return ownView;
        }
        return inDatabase.get().getOrDefault(field.key(), field.defaultValue());
    }
}
