// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.net;

import java.util.Set;

/** Openfire's SASL negotiation; we only add and remove the internal WebSocket certificate mechanism. */
public class SASLAuthentication {
    private SASLAuthentication() { throw new UnsupportedOperationException("compile-only declaration"); }

    public static void addSupportedMechanism(String mechanismName) { throw new UnsupportedOperationException(); }
    public static void removeSupportedMechanism(String mechanismName) { throw new UnsupportedOperationException(); }
    public static Set<String> getSupportedMechanisms() { throw new UnsupportedOperationException(); }
}
