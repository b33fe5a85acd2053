// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.user;

import org.xmpp.packet.JID;

public final class UserManager {
    private UserManager() { throw new UnsupportedOperationException("compile-only declaration"); }

    public static UserManager getInstance() { throw new UnsupportedOperationException(); }
    public static UserProvider getUserProvider() { throw new UnsupportedOperationException(); }
    public boolean isRegisteredUser(JID user, boolean checkRemoteDomains) { throw new UnsupportedOperationException(); }
    public User getUser(String username) throws UserNotFoundException { throw new UnsupportedOperationException(); }
}
