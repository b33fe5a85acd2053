package org.igniterealtime.openfire.plugin.boshcertauth.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Brings this node's view of the plugin's settings back to what the database holds, e.g. when the node has just joined
 * a cluster: a change saved on another node while this one was starting reached the database but not this node.
 * Each differing property is set again through Openfire (so its own caches, property events and the plugin's reload
 * all follow); one the database no longer has is deleted.
 */
public final class SettingsReconciler {

    private static final Logger Log = LoggerFactory.getLogger(SettingsReconciler.class);

    /** This node's side: its view of a property, and how to set or delete one through Openfire. */
    public interface LocalProperties {
        String get(String name);

        void set(String name, String value);

        void delete(String name);
    }

    /** One property brought in line. */
    public record Correction(String name, String localValue, String storedValue) {
    }

    private final StoredProperties stored;
    private final LocalProperties local;
    private final Predicate<String> relevant;
    private final Collection<String> knownNames;

    /**
     * @param relevant   which property names belong to the plugin's settings (list children included)
     * @param knownNames the settings' own names, to notice one that was deleted in the database
     */
    public SettingsReconciler(StoredProperties stored, LocalProperties local, Predicate<String> relevant, Collection<String> knownNames) {
        this.stored = stored;
        this.local = local;
        this.relevant = relevant;
        this.knownNames = List.copyOf(knownNames);
    }

    /** @return what was corrected (empty when this node already agreed with the database) */
    public List<Correction> reconcile() {
        final Optional<Map<String, String>> read = stored.read(relevant);
        if (read.isEmpty()) {
            Log.warn("Could not read the plugin's settings from the database; this node keeps its own view of them");
            return List.of();
        }
        final Map<String, String> inDatabase = read.get();
        final List<Correction> corrections = new ArrayList<>();
        for (Map.Entry<String, String> entry : inDatabase.entrySet()) {
            final String mine = local.get(entry.getKey());
            if (!Objects.equals(mine, entry.getValue())) {
                corrections.add(new Correction(entry.getKey(), mine, entry.getValue()));
            }
        }
        for (String name : knownNames) {
            final String mine = local.get(name);
            if (mine != null && !inDatabase.containsKey(name)) {
                corrections.add(new Correction(name, mine, null));
            }
        }
        corrections.forEach(this::apply);
        return corrections;
    }

    private void apply(Correction correction) {
        Log.info("Setting {} differed from the database on this node; taking the database's value", correction.name());
        if (correction.storedValue() == null) {
            local.delete(correction.name());
        } else {
            local.set(correction.name(), correction.storedValue());
        }
    }
}
