package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.jivesoftware.openfire.net.SASLAuthentication;
import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.PropertyEventDispatcher;
import org.jivesoftware.util.PropertyEventListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mockStatic;

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
        // Verify: the stand-in answers 5.1's default, as SASLAuthentication.getEnabledMechanisms() does there
        assertTrue(SaslMechanisms.externalEnabled());
        assertEquals(List.of("ANONYMOUS", "PLAIN", "DIGEST-MD5", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-1-PLUS",
            "JIVE-SHAREDSECRET", "GSSAPI", "EXTERNAL"), SaslMechanisms.enabled());
    }

    @Test
    void unsetOnOpenfire50TheServersOwnDefaultIsWrittenWithoutScramSha1Plus() {
        // Setup: Openfire 5.0.5's SASLAuthentication.getEnabledMechanisms() (5.0.x has no SCRAM-SHA-1-PLUS)
        final List<String> openfire505Default = List.of("ANONYMOUS", "PLAIN", "DIGEST-MD5", "CRAM-MD5", "SCRAM-SHA-1",
            "JIVE-SHAREDSECRET", "GSSAPI", "EXTERNAL");
        try (MockedStatic<SASLAuthentication> sasl = mockStatic(SASLAuthentication.class)) {
            sasl.when(SASLAuthentication::getEnabledMechanisms).thenAnswer(i -> JiveGlobals.getListProperty(MECHS, openfire505Default));

            // Execute
            SaslMechanisms.setExternalEnabled(false);

            // Verify
            assertEquals(List.of("ANONYMOUS", "PLAIN", "DIGEST-MD5", "CRAM-MD5", "SCRAM-SHA-1", "JIVE-SHAREDSECRET", "GSSAPI"),
                JiveGlobals.getListProperty(MECHS, List.of()));
        }
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
