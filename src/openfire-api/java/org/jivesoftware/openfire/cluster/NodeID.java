// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.cluster;

/** Only its toString() is used (the node's id as Openfire's cluster pages show it). */
public class NodeID {
    private NodeID() { throw new UnsupportedOperationException("compile-only declaration"); }

    public String toString() { throw new UnsupportedOperationException(); }
}
