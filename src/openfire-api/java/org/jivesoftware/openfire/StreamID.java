// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire;

import java.io.Serializable;

public interface StreamID extends Serializable {
    String getID();
}
