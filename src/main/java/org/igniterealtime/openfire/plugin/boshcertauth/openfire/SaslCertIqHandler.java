package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.dom4j.Element;
import org.igniterealtime.openfire.plugin.boshcertauth.registration.CertificateManagement;
import org.igniterealtime.openfire.plugin.boshcertauth.registration.ManagementRequest;
import org.igniterealtime.openfire.plugin.boshcertauth.registration.ManagementResponse;
import org.igniterealtime.openfire.plugin.boshcertauth.session.LiveCertificateSession;
import org.igniterealtime.openfire.plugin.boshcertauth.session.LiveSessionRegistry;
import org.jivesoftware.openfire.IQHandlerInfo;
import org.jivesoftware.openfire.SessionManager;
import org.jivesoftware.openfire.handler.IQHandler;
import org.jivesoftware.openfire.session.ClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * Openfire's side of XEP-0257 ({@code urn:xmpp:saslcert:1}): hands each IQ to {@link CertificateManagement} as plain XML
 * and turns its answer into the reply, naming the certificate the requesting session logged in with (if it is one of
 * this node's certificate sessions), so that a {@code no-cert-management} certificate cannot manage certificates.
 */
final class SaslCertIqHandler extends IQHandler {

    private static final Logger Log = LoggerFactory.getLogger(SaslCertIqHandler.class);

    private final IQHandlerInfo info = new IQHandlerInfo("saslcert", CertificateManagement.NAMESPACE);
    private final CertificateManagement management;
    private final LiveSessionRegistry sessions;

    SaslCertIqHandler(CertificateManagement management, LiveSessionRegistry sessions) {
        super("XEP-0257 Client Certificate Management (boshcertauth)");
        this.management = management;
        this.sessions = sessions;
    }

    @Override
    public IQ handleIQ(IQ packet) {
        if (packet.getType() != IQ.Type.get && packet.getType() != IQ.Type.set) {
            return null; // results and errors are never answered
        }
        final Element child = packet.getChildElement();
        final ManagementResponse response = management.handle(new ManagementRequest(packet.getFrom(), packet.getTo(),
            packet.getType() == IQ.Type.get, child, requesterCertificate(packet)));
        final IQ reply = IQ.createResultIQ(packet);
        if (response.isError()) {
            if (child != null) {
                reply.setChildElement(child.createCopy());
            }
            reply.setError(new PacketError(response.error(), response.error().getDefaultType(), response.text()));
        } else if (response.payload() != null) {
            reply.setChildElement(response.payload());
        }
        return reply;
    }

    /** The SHA-256 of the certificate the sender's session logged in with on this node; "" when none. */
    private String requesterCertificate(IQ packet) {
        try {
            final ClientSession session = packet.getFrom() == null ? null : SessionManager.getInstance().getSession(packet.getFrom());
            if (session == null || session.getStreamID() == null) {
                return "";
            }
            return sessions.find(session.getStreamID().getID()).map(LiveCertificateSession::certificate).map(c -> c.sha256()).orElse("");
        } catch (RuntimeException | LinkageError e) {
            Log.debug("Could not find the session of {}", packet.getFrom(), e);
            return "";
        }
    }

    @Override
    public IQHandlerInfo getInfo() {
        return info;
    }
}
