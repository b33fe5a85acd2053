// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire;

import org.jivesoftware.openfire.keystore.CertificateStoreManager;

public class XMPPServer {
    private XMPPServer() { throw new UnsupportedOperationException("compile-only declaration"); }

    public static XMPPServer getInstance() { throw new UnsupportedOperationException(); }
    public XMPPServerInfo getServerInfo() { throw new UnsupportedOperationException(); }
    public CertificateStoreManager getCertificateStoreManager() { throw new UnsupportedOperationException(); }
    public org.jivesoftware.openfire.cluster.NodeID getNodeID() { throw new UnsupportedOperationException(); }
    public org.jivesoftware.openfire.container.PluginManager getPluginManager() { throw new UnsupportedOperationException(); }
    public IQRouter getIQRouter() { throw new UnsupportedOperationException(); }
    public org.jivesoftware.openfire.disco.IQDiscoInfoHandler getIQDiscoInfoHandler() { throw new UnsupportedOperationException(); }
}
