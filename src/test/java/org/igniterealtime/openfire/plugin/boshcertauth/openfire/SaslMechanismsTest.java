package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.PropertyEventDispatcher;
import org.jivesoftware.util.PropertyEventListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sasl.mechs as Openfire 5 stores it, and the compile-only JiveGlobals stand-in behaving like Openfire's for list
 * properties (numbered children, the parent's value deleted, a legacy comma value still read).
 */
class SaslMechanismsTest {

    private static final String MECHS = SaslMechanisms.PROPERTY;
    private final List<String> events = new ArrayList<>();
    private final PropertyEventListener recorder = new PropertyEventListener() {
        @Override public void propertySet(String property, Map<String, Object> params) { events.add("set " + property); }
        @Override public void propertyDeleted(String property, Map<String, Object> params) { events.add("deleted " + property); }
        @Override public void xmlPropertySet(String property, Map<String, Object> params) { }
        @Override public void xmlPropertyDeleted(String property, Map<String, Object> params) { }
    };

    @AfterEach
    void tearDown() {
        PropertyEventDispatcher.removeListener(recorder);
        JiveGlobals.deleteProperty(MECHS);
    }

    @Test
    void aListIsStoredAsNumberedChildrenWithoutAParentValue() {
        // Execute
        JiveGlobals.setProperty(MECHS, List.of("PLAIN", "EXTERNAL"));

        // Verify
        assertNull(JiveGlobals.getProperty(MECHS), "Openfire deletes the parent's own value");
        assertEquals("PLAIN", JiveGlobals.getProperty(MECHS + ".00001"));
        assertEquals("EXTERNAL", JiveGlobals.getProperty(MECHS + ".00002"));
        assertEquals(List.of("PLAIN", "EXTERNAL"), JiveGlobals.getListProperty(MECHS, List.of()));
    }

    @Test
    void aLegacyCommaValueIsReadAndReplacedByChildrenOnTheFirstListWrite() {
        // Setup: as an admin typing into Server → System Properties
        JiveGlobals.setProperty(MECHS, "PLAIN, SCRAM-SHA-1,EXTERNAL");
        assertTrue(SaslMechanisms.externalEnabled());

        // Execute
        SaslMechanisms.setExternalEnabled(false);

        // Verify
        assertNull(JiveGlobals.getProperty(MECHS));
        assertEquals(List.of("PLAIN", "SCRAM-SHA-1"), JiveGlobals.getListProperty(MECHS, List.of()));
        assertEquals(List.of("PLAIN", "SCRAM-SHA-1"), SaslMechanisms.enabled());
        assertFalse(SaslMechanisms.externalEnabled());
    }

    @Test
    void unsetMeansOpenfiresDefaultListWhichIncludesExternal() {
        // Verify
        assertTrue(SaslMechanisms.externalEnabled());
        assertEquals(SaslMechanisms.OPENFIRE_DEFAULT, SaslMechanisms.enabled());
    }

    @Test
    void anEmptyListIsKeptAsEmptyNotAsUnset() {
        // Setup
        JiveGlobals.setProperty(MECHS, List.of("EXTERNAL"));

        // Execute
        JiveGlobals.setProperty(MECHS, List.of());

        // Verify: one empty child marks it; the default list does not come back
        assertEquals("", JiveGlobals.getProperty(MECHS + ".00001"));
        assertEquals(List.of(), JiveGlobals.getListProperty(MECHS, List.of("DEFAULT")));
        assertFalse(SaslMechanisms.externalEnabled());
    }

    @Test
    void writingAShorterListLeavesNoOldChildBehind() {
        // Setup
        JiveGlobals.setProperty(MECHS, List.of("PLAIN", "SCRAM-SHA-1", "EXTERNAL"));

        // Execute
        JiveGlobals.setProperty(MECHS, List.of("EXTERNAL"));

        // Verify
        assertNull(JiveGlobals.getProperty(MECHS + ".00002"));
        assertNull(JiveGlobals.getProperty(MECHS + ".00003"));
        assertEquals(List.of("EXTERNAL"), SaslMechanisms.enabled());
    }

    @Test
    void changingTheListFiresAnEventForTheParentAndAnUnchangedListFiresNothing() {
        // Setup
        JiveGlobals.setProperty(MECHS, List.of("PLAIN", "EXTERNAL"));
        PropertyEventDispatcher.addListener(recorder);

        // Execute
        SaslMechanisms.setExternalEnabled(true);  // already on: no write
        final List<String> unchanged = List.copyOf(events);
        SaslMechanisms.setExternalEnabled(false);

        // Verify
        assertEquals(List.of(), unchanged);
        assertTrue(events.contains("set " + MECHS), events::toString);
        assertEquals("set " + MECHS, events.get(events.size() - 1), "the parent's event comes last, after its children");
    }
}
