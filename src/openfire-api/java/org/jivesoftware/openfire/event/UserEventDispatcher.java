// Compile-only declaration of Openfire 5.x API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.event;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/** Declares the members the plugin calls; the bodies are a minimal stand-in for unit tests (as PropertyEventDispatcher). */
public class UserEventDispatcher {
    private static final Set<UserEventListener> listeners = new CopyOnWriteArraySet<>();

    private UserEventDispatcher() {
    }

    public static void addListener(UserEventListener listener) {
        listeners.add(listener);
    }

    public static void removeListener(UserEventListener listener) {
        listeners.remove(listener);
    }
}
