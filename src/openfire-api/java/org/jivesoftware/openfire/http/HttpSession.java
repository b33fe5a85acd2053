// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.http;

import org.jivesoftware.openfire.session.Session;

/**
 * In Openfire this extends LocalClientSession; only the type is needed here. Declared abstract and implementing
 * {@link Session} so that code can use the session's inherited members without declaring Openfire's hierarchy.
 */
public abstract class HttpSession implements Session {
    private HttpSession() { throw new UnsupportedOperationException("compile-only declaration"); }
}
