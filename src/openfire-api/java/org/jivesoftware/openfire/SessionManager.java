// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire;

import org.jivesoftware.openfire.session.ClientSession;
import org.xmpp.packet.JID;

public class SessionManager {
    private SessionManager() { throw new UnsupportedOperationException("compile-only declaration"); }
    public static SessionManager getInstance() { throw new UnsupportedOperationException(); }
    public ClientSession getSession(JID from) { throw new UnsupportedOperationException(); }
}
