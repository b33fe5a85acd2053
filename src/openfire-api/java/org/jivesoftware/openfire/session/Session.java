// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.session;

import org.jivesoftware.openfire.StreamID;

import java.net.UnknownHostException;

public interface Session {
    StreamID getStreamID();
    boolean isEncrypted();
    String getHostAddress() throws UnknownHostException;
}
