// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire;

/** Only the type is needed (LocalSession's constructor signature). */
public interface Connection {
}
