// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.spi;

public enum ConnectionType {
    SOCKET_C2S,
    BOSH_C2S,
    WEBADMIN
}
