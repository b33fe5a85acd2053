package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.cluster.StoredProperties;
import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;
import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.PropertyEventDispatcher;
import org.jivesoftware.util.PropertyEventListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A save writes what the admin submitted even when this node's own view already shows it: in a cluster a node that
 * missed a change (it was joining) shows a stale value, and the database still holds the other one (issue 17).
 */
class SettingsWriterTest {

    private static final String KEY = Settings.RECENT_ATTEMPTS.getKey();

    private final List<String> events = new ArrayList<>();
    private final PropertyEventListener listener = new PropertyEventListener() {
        @Override public void propertySet(String property, Map<String, Object> params) { events.add(property + "=" + params.get("value")); }
        @Override public void propertyDeleted(String property, Map<String, Object> params) { events.add(property + " deleted"); }
        @Override public void xmlPropertySet(String property, Map<String, Object> params) { }
        @Override public void xmlPropertyDeleted(String property, Map<String, Object> params) { }
    };

    @BeforeEach
    void listen() {
        PropertyEventDispatcher.addListener(listener);
    }

    @AfterEach
    void clear() {
        PropertyEventDispatcher.removeListener(listener);
        JiveGlobals.deleteProperty(KEY);
    }

    @Test
    void aValueEqualToThisNodesStaleViewIsWrittenWhenTheDatabaseHoldsAnother() {
        // Setup: this node still shows 200; the database (another node's save) holds 150
        JiveGlobals.setProperty(KEY, "200");
        events.clear();
        final StoredProperties database = names -> Optional.of(names.test(KEY) ? Map.of(KEY, "150") : Map.of());

        // Execute: the admin saves 200 on this node
        final List<SettingsWriter.Change> changes = new SettingsWriter(database).write(Map.of(KEY, "200"));

        // Verify: written (and so told to Openfire and the other nodes)
        assertEquals(List.of(new SettingsWriter.Change(KEY, "200", "200")), changes);
        assertEquals(List.of(KEY + "=200"), events);
    }

    @Test
    void aValueEqualToBothThisNodesViewAndTheDatabaseIsNotWritten() {
        // Setup
        JiveGlobals.setProperty(KEY, "150");
        events.clear();
        final StoredProperties database = names -> Optional.of(Map.of(KEY, "150"));

        // Execute
        final List<SettingsWriter.Change> changes = new SettingsWriter(database).write(Map.of(KEY, "150"));

        // Verify: nothing to do (no reload, no BOSH restart for an unchanged save)
        assertEquals(List.of(), changes);
        assertEquals(List.of(), events);
    }

    @Test
    void anUnsetPropertyInTheDatabaseCountsAsItsDefault() {
        // Setup: this node holds a stale 150; the database no longer has the property (default 200 in effect elsewhere)
        JiveGlobals.setProperty(KEY, "150");
        events.clear();
        final StoredProperties database = names -> Optional.of(Map.of());

        // Execute: the admin saves the default
        final List<SettingsWriter.Change> changes = new SettingsWriter(database).write(Map.of(KEY, "200"));

        // Verify
        assertEquals(List.of(new SettingsWriter.Change(KEY, "150", "200")), changes);
        assertEquals("200", JiveGlobals.getProperty(KEY));
    }

    @Test
    void withoutADatabaseThisNodesViewDecides() {
        // Setup
        JiveGlobals.setProperty(KEY, "150");
        events.clear();

        // Execute
        final List<SettingsWriter.Change> unchanged = new SettingsWriter(StoredProperties.NONE).write(Map.of(KEY, "150"));
        final List<SettingsWriter.Change> changed = new SettingsWriter(StoredProperties.NONE).write(Map.of(KEY, "300"));

        // Verify
        assertEquals(List.of(), unchanged);
        assertEquals(List.of(new SettingsWriter.Change(KEY, "150", "300")), changed);
    }
}
