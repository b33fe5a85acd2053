// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.session;

import org.jivesoftware.openfire.Connection;
import org.jivesoftware.openfire.StreamID;

import java.util.Locale;

public abstract class LocalSession implements Session {
    public LocalSession(String serverName, Connection connection, StreamID streamID, Locale language) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public Object getSessionData(String key) { throw new UnsupportedOperationException(); }
    public void deliverRawText(String text) { throw new UnsupportedOperationException(); }
    public void close() { throw new UnsupportedOperationException(); }
    public boolean isClosed() { throw new UnsupportedOperationException(); }
}
