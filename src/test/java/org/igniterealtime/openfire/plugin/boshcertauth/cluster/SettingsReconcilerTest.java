package org.igniterealtime.openfire.plugin.boshcertauth.cluster;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A node that missed changes while joining takes the database's values (issue 17). */
class SettingsReconcilerTest {

    /** This node's properties, recording every write. */
    private static final class Node implements SettingsReconciler.LocalProperties {
        final Map<String, String> values = new HashMap<>();
        final List<String> writes = new ArrayList<>();

        @Override public String get(String name) { return values.get(name); }
        @Override public void set(String name, String value) { values.put(name, value); writes.add(name + "=" + value); }
        @Override public void delete(String name) { values.remove(name); writes.add(name + " deleted"); }
    }

    private final Node node = new Node();

    private SettingsReconciler reconciler(Map<String, String> database) {
        final StoredProperties stored = names -> {
            final Map<String, String> matching = new TreeMap<>();
            database.forEach((k, v) -> { if (names.test(k)) matching.put(k, v); });
            return Optional.of(matching);
        };
        return new SettingsReconciler(stored, node, name -> name.startsWith("boshcertauth."),
            Set.of("boshcertauth.diagnostics.recent-attempts", "boshcertauth.revocation.mode"));
    }

    @Test
    void takesTheDatabasesValueForAStaleSettingOnly() {
        // Setup: node still at 200, database at 150; another setting agrees; a foreign property differs
        node.values.putAll(Map.of("boshcertauth.diagnostics.recent-attempts", "200", "boshcertauth.revocation.mode", "SOFT_FAIL",
            "other.property", "a"));
        final Map<String, String> database = Map.of("boshcertauth.diagnostics.recent-attempts", "150",
            "boshcertauth.revocation.mode", "SOFT_FAIL", "other.property", "b");

        // Execute
        final List<SettingsReconciler.Correction> corrections = reconciler(database).reconcile();

        // Verify
        assertEquals(List.of(new SettingsReconciler.Correction("boshcertauth.diagnostics.recent-attempts", "200", "150")), corrections);
        assertEquals(List.of("boshcertauth.diagnostics.recent-attempts=150"), node.writes);
        assertEquals("a", node.values.get("other.property"));
    }

    @Test
    void deletesASettingTheDatabaseNoLongerHasAndAddsOneItGained() {
        // Setup
        node.values.put("boshcertauth.revocation.mode", "HARD_FAIL");
        final Map<String, String> database = Map.of("boshcertauth.web.allowed-origins", "https://a.example");

        // Execute
        reconciler(database).reconcile();

        // Verify
        assertEquals(Set.of("boshcertauth.web.allowed-origins=https://a.example", "boshcertauth.revocation.mode deleted"),
            Set.copyOf(node.writes));
    }

    @Test
    void anUnreadableDatabaseChangesNothing() {
        // Setup
        node.values.put("boshcertauth.revocation.mode", "HARD_FAIL");
        final SettingsReconciler reconciler = new SettingsReconciler(StoredProperties.NONE, node, name -> true,
            Set.of("boshcertauth.revocation.mode"));

        // Execute
        final List<SettingsReconciler.Correction> corrections = reconciler.reconcile();

        // Verify
        assertEquals(List.of(), corrections);
        assertEquals(List.of(), node.writes);
    }
}
