// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.util.cache;

import java.util.Collection;

public class CacheFactory {
    private CacheFactory() { throw new UnsupportedOperationException("compile-only declaration"); }

    public static <T> Collection<T> doSynchronousClusterTask(ClusterTask<T> task, boolean includeLocalMember) { throw new UnsupportedOperationException(); }
    public static <T> T doSynchronousClusterTask(ClusterTask<T> task, byte[] nodeID) { throw new UnsupportedOperationException(); }

    public static synchronized <T extends Cache> T createCache(String name) { throw new UnsupportedOperationException(); }
    public static synchronized void destroyCache(String name) { throw new UnsupportedOperationException(); }
    public static void setMaxSizeProperty(String cacheName, long size) { throw new UnsupportedOperationException(); }
    public static boolean hasMaxSizeFromProperty(String cacheName) { throw new UnsupportedOperationException(); }
}
