// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.http;

import javax.servlet.AsyncContext;

public interface SessionListener {
    default void connectionOpened(AsyncContext context, HttpSession session, HttpConnection connection) {}
    default void connectionClosed(AsyncContext context, HttpSession session, HttpConnection connection) {}
    default void preSessionCreated(AsyncContext context) {}
    default void postSessionCreated(AsyncContext context, HttpSession session) {}
    default void sessionClosed(HttpSession session) {}
}
