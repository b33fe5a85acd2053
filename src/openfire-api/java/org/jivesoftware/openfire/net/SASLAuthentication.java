// Compile-only declaration of Openfire API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.net;

import org.jivesoftware.util.JiveGlobals;

import java.util.List;
import java.util.Set;

/**
 * Openfire's SASL negotiation: we add and remove the internal WebSocket certificate mechanism and read the enabled
 * list. {@link #getEnabledMechanisms()} has a unit-test stand-in body with 5.1's default list (unit tests that need
 * another version's default mock it).
 */
public class SASLAuthentication {
    private SASLAuthentication() { throw new UnsupportedOperationException("compile-only declaration"); }

    public static void addSupportedMechanism(String mechanismName) { throw new UnsupportedOperationException(); }
    public static void removeSupportedMechanism(String mechanismName) { throw new UnsupportedOperationException(); }
    public static Set<String> getSupportedMechanisms() { throw new UnsupportedOperationException(); }

    public static List<String> getEnabledMechanisms() {
        return JiveGlobals.getListProperty("sasl.mechs", List.of("ANONYMOUS", "PLAIN", "DIGEST-MD5", "CRAM-MD5", "SCRAM-SHA-1",
            "SCRAM-SHA-1-PLUS", "JIVE-SHAREDSECRET", "GSSAPI", "EXTERNAL"));
    }
}
