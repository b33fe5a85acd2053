package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OF-3313: the writer finds JiveGlobals' setters and deleter whether they return void (Openfire 5.0, 5.1) or the old
 * value (5.2), and calls them with the caller's arguments. Each shape is a stand-in class of its own here; the
 * unit-test JiveGlobals (void) is exercised by every settings test through SettingsWriter and SaslMechanisms.
 */
class OpenfirePropertyWriterTest {

    static final List<String> CALLS = new ArrayList<>();

    /** Openfire 5.0/5.1's signatures. */
    public static final class VoidJiveGlobals {
        public static void setProperty(String name, String value) { CALLS.add("void set " + name + "=" + value); }
        public static void setProperty(String name, List<String> values) { CALLS.add("void setList " + name + "=" + values); }
        public static void deleteProperty(String name) { CALLS.add("void delete " + name); }
    }

    /** Openfire 5.2's signatures (OF-3313): each returns the value it replaced. */
    public static final class ReturningJiveGlobals {
        public static String setProperty(String name, String value) { CALLS.add("returning set " + name + "=" + value); return "old"; }
        public static List<String> setProperty(String name, List<String> values) { CALLS.add("returning setList " + name + "=" + values); return List.of("old"); }
        public static String deleteProperty(String name) { CALLS.add("returning delete " + name); return "old"; }
    }

    /** Neither shape: an Openfire whose API changed again must fail loudly, not silently write nothing. */
    public static final class OtherJiveGlobals {
        public static boolean setProperty(String name, String value) { return true; }
    }

    @BeforeEach
    void clear() {
        CALLS.clear();
    }

    @Test
    void theVoidSignaturesOfOpenfire50And51AreCalled() {
        // Setup
        final OpenfirePropertyWriter writer = new OpenfirePropertyWriter(VoidJiveGlobals.class);

        // Execute
        writer.set("a.b", "1");
        writer.set("sasl.mechs", List.of("PLAIN", "EXTERNAL"));
        writer.delete("a.b");

        // Verify
        assertEquals(List.of("void set a.b=1", "void setList sasl.mechs=[PLAIN, EXTERNAL]", "void delete a.b"), CALLS);
    }

    @Test
    void theReturningSignaturesOfOpenfire52AreCalled() {
        // Setup
        final OpenfirePropertyWriter writer = new OpenfirePropertyWriter(ReturningJiveGlobals.class);

        // Execute
        writer.set("a.b", "1");
        writer.set("sasl.mechs", List.of("PLAIN", "EXTERNAL"));
        writer.delete("a.b");

        // Verify
        assertEquals(List.of("returning set a.b=1", "returning setList sasl.mechs=[PLAIN, EXTERNAL]", "returning delete a.b"), CALLS);
    }

    @Test
    void aJiveGlobalsWithNeitherShapeIsRefusedWhenResolved() {
        // Execute
        final IllegalStateException e = assertThrows(IllegalStateException.class, () -> new OpenfirePropertyWriter(OtherJiveGlobals.class));

        // Verify
        assertTrue(e.getMessage().contains("setProperty"), e.getMessage());
    }

    @Test
    void theRunningServersWriterWritesThroughJiveGlobals() {
        // Execute: in unit tests JiveGlobals is the in-memory stand-in (5.1's void shape)
        OpenfirePropertyWriter.get().set("boshcertauth.test.writer", "x");
        final String written = org.jivesoftware.util.JiveGlobals.getProperty("boshcertauth.test.writer");
        OpenfirePropertyWriter.get().delete("boshcertauth.test.writer");

        // Verify
        assertEquals("x", written);
        assertEquals(null, org.jivesoftware.util.JiveGlobals.getProperty("boshcertauth.test.writer"));
    }
}
