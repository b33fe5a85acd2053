// Compile-only declaration of Openfire 5.x API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.event;

import org.jivesoftware.openfire.user.User;

import java.util.Map;

/** Told of account changes; the plugin uses userDeleting (XEP-0257 registrations of a deleted account). */
public interface UserEventListener {
    void userCreated(User user, Map<String, Object> params);

    void userDeleting(User user, Map<String, Object> params);

    void userModified(User user, Map<String, Object> params);
}
