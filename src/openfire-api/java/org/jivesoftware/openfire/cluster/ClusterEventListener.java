// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.cluster;

public interface ClusterEventListener {
    void joinedCluster();
    void joinedCluster(byte[] nodeID);
    void leftCluster();
    void leftCluster(byte[] nodeID);
    void markedAsSeniorClusterMember();
}
