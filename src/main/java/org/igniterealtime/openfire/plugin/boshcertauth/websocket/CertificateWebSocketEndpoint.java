package org.igniterealtime.openfire.plugin.boshcertauth.websocket;

import org.eclipse.jetty.ee8.websocket.api.Session;
import org.eclipse.jetty.ee8.websocket.api.annotations.OnWebSocketClose;
import org.eclipse.jetty.ee8.websocket.api.annotations.OnWebSocketConnect;
import org.eclipse.jetty.ee8.websocket.api.annotations.OnWebSocketError;
import org.eclipse.jetty.ee8.websocket.api.annotations.OnWebSocketMessage;
import org.eclipse.jetty.ee8.websocket.api.annotations.WebSocket;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.SocketCertificate;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.SocketScope;

import java.util.Optional;

/**
 * Our endpoint around Openfire's, for one WebSocket connection. It declares the same events as Openfire's (text
 * messages only, so Jetty treats the connection exactly as before) and forwards each of them, with two changes:
 * <ul>
 *   <li>inbound, on a connection whose certificate passed our checks, a client's SASL EXTERNAL auth becomes our
 *       internal mechanism carrying a one-time reference to that certificate, and every frame is processed with the
 *       certificate in {@link SocketScope} (so Openfire considers the internal mechanism, and only here);</li>
 *   <li>outbound, stream features show the internal mechanism as EXTERNAL (or remove it).</li>
 * </ul>
 */
@WebSocket
public final class CertificateWebSocketEndpoint {

    private final XmppSocketHandler openfire;
    private final SocketCertificate certificate;
    private final WebSocketCertificateLogin login;

    CertificateWebSocketEndpoint(XmppSocketHandler openfire, SocketCertificate certificate, WebSocketCertificateLogin login) {
        this.openfire = openfire;
        this.certificate = certificate;
        this.login = login;
    }

    /** The certificate this connection was upgraded with, if it passed our checks. */
    public Optional<SocketCertificate> certificate() {
        return Optional.ofNullable(certificate);
    }

    @OnWebSocketConnect
    public void onConnect(Session session) {
        login.opened(this, session);
        openfire.onConnect(new RewritingSession(session, this::outbound));
    }

    @OnWebSocketMessage
    public void onText(String frame) {
        if (certificate == null) {
            openfire.onText(frame); // exactly as without the plugin (enforcement still sees the session, by Openfire's marker)
            return;
        }
        if (!login.certificateLogin(certificate)) {
            // EXTERNAL is off: no translation, but the certificate stays in scope so that enforcement
            // (CERTIFICATE_IDENTITY) binds a password login to it, as over BOSH.
            SocketScope.run(certificate, () -> openfire.onText(frame));
            return;
        }
        SocketScope.run(certificate, () -> {
            final String inbound = inbound(frame);
            if (inbound != frame || frame.startsWith("<open")) {
                // Stream (re)start or our auth: make sure Openfire still lists the internal mechanism (an admin
                // saving the SASL settings resets Openfire's list).
                login.ensureMechanismRegistered();
            }
            openfire.onText(inbound);
        });
    }

    /** @return the frame to hand to Openfire: the translation of an EXTERNAL auth, else the very same frame */
    private String inbound(String frame) {
        final Optional<AuthFrameTranslator.ExternalAuth> auth = AuthFrameTranslator.parse(frame);
        if (auth.isEmpty()) {
            return frame;
        }
        return auth.get().translate(login.tokens().issue(certificate), login.internalMechanism());
    }

    private String outbound(String frame) {
        if (frame == null || !frame.startsWith("<stream:features")) {
            return frame;
        }
        return FeaturesRewriter.rewrite(frame, login.internalMechanism(), login.offer(certificate));
    }

    @OnWebSocketClose
    public void onClose(int statusCode, String reason) {
        forgetTokens();
        openfire.onClose(statusCode, reason);
    }

    @OnWebSocketError
    public void onError(Throwable error) {
        forgetTokens();
        openfire.onError(error);
    }

    private void forgetTokens() {
        login.closed(this);
        if (certificate != null) {
            login.tokens().forget(certificate.connectionId());
        }
    }
}
