// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.database;

public class SequenceManager {
    private SequenceManager() { throw new UnsupportedOperationException("compile-only declaration"); }

    public static void setBlockSize(int type, int blockSize) { throw new UnsupportedOperationException(); }
}
