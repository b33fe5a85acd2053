// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.util.cache;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.locks.Lock;

/** Openfire's cache: a map, cluster-wide when Hazelcast clustering runs. The plugin uses the Map methods and getLock. */
public interface Cache<K extends Serializable, V extends Serializable> extends Map<K, V> {
    /** A lock on {@code key}: cluster-wide while clustering runs, local otherwise. */
    Lock getLock(K key);
}
