package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateSaslSession;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.SaslEnvironment;
import org.jivesoftware.openfire.http.HttpSession;
import org.jivesoftware.openfire.StreamID;
import org.jivesoftware.openfire.lockout.LockOutManager;
import org.jivesoftware.openfire.session.LocalSession;
import org.jivesoftware.openfire.user.UserManager;
import org.xmpp.packet.JID;

import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link SaslEnvironment} backed by Openfire. */
public final class OpenfireSaslEnvironment implements SaslEnvironment {

    /** The key under which Openfire's SASLAuthentication passes the session to SASL server factories. */
    static final String SESSION_PROPERTY = "org.jivesoftware.openfire.session.LocalSession";

    /** Openfire's marker (SASLAuthentication.SASL_LAST_RESPONSE_WAS_PROVIDED_BUT_EMPTY) for a "=" response. */
    /** Openfire's WebSocketClientStanzaHandler: {@code session.setSessionData("ws", Boolean.TRUE)}. */
    static final String WEBSOCKET_MARKER = "ws";

    static final String EMPTY_RESPONSE_MARKER = "Sasl.last-response-was-provided-but-empty";

    @Override
    public Optional<CertificateSaslSession> boshSession(Map<String, ?> saslProperties) {
        final Object session = saslProperties == null ? null : saslProperties.get(SESSION_PROPERTY);
        if (!(session instanceof HttpSession httpSession)) {
            return Optional.empty();
        }
        final X509Certificate[] chain = httpSession.getPeerCertificates();
        String address;
        try {
            address = httpSession.getHostAddress();
        } catch (UnknownHostException e) {
            address = "";
        }
        return Optional.of(new CertificateSaslSession(
            httpSession.getStreamID().getID(),
            address,
            httpSession.isEncrypted(),
            chain == null ? List.of() : List.of(chain),
            () -> Boolean.TRUE.equals(httpSession.getSessionData(EMPTY_RESPONSE_MARKER))));
    }

    /**
     * Openfire's WebSocket stanza handler marks every session it creates with the session data {@value #WEBSOCKET_MARKER}
     * = TRUE when the stream opens, before any SASL exchange (its servlet's destroy() finds them by it). Recognising the
     * session by that marker, not by our endpoint, also covers a connection our endpoint could not wrap.
     */
    @Override
    public Optional<CertificateSaslSession> webSocketSession(Map<String, ?> saslProperties) {
        final Object session = saslProperties == null ? null : saslProperties.get(SESSION_PROPERTY);
        if (!(session instanceof LocalSession localSession) || session instanceof HttpSession
            || !Boolean.TRUE.equals(localSession.getSessionData(WEBSOCKET_MARKER))) {
            return Optional.empty();
        }
        String address;
        try {
            address = localSession.getHostAddress();
        } catch (UnknownHostException e) {
            address = "";
        }
        final StreamID streamId = localSession.getStreamID();
        return Optional.of(new CertificateSaslSession(streamId == null ? "" : streamId.getID(), address,
            localSession.isEncrypted(), List.of(), () -> Boolean.TRUE.equals(localSession.getSessionData(EMPTY_RESPONSE_MARKER))));
    }

    @Override
    public boolean userExists(JID jid) {
        return UserManager.getInstance().isRegisteredUser(jid, false);
    }

    @Override
    public boolean accountDisabled(String username) {
        return LockOutManager.getInstance().isAccountDisabled(username);
    }

    @Override
    public void recordLockedOutAttempt(String username) {
        LockOutManager.getInstance().recordFailedLogin(username);
    }
}
