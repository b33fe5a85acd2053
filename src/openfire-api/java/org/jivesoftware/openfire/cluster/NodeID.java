// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.cluster;

public class NodeID {
    public NodeID() { throw new UnsupportedOperationException("compile-only declaration"); }

    public static synchronized NodeID getInstance(byte[] nodeId) { throw new UnsupportedOperationException(); }
    public byte[] toByteArray() { throw new UnsupportedOperationException(); }
    @Override
    public String toString() { throw new UnsupportedOperationException(); }
}
