// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.session;

/** A client's session (what the plugin needs of it is in Session). */
public interface ClientSession extends Session {
}
