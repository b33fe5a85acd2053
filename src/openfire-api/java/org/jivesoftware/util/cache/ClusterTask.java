// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.util.cache;

import java.io.Externalizable;

public interface ClusterTask<V> extends Runnable, Externalizable {
    V getResult();
}
