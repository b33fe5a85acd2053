package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.xmpp.packet.JID;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;

/** The parts of Openfire the SASL layer consults; {@code OpenfireSaslEnvironment} is the real one. */
public interface SaslEnvironment {

    /** The BOSH session behind SASL properties, or empty for any other transport (which Openfire keeps handling). */
    Optional<CertificateSaslSession> boshSession(Map<String, ?> saslProperties);

    /**
     * The WebSocket session (Openfire's {@code /ws}) behind SASL properties, with an empty chain (the certificate of a
     * WebSocket connection is known only while its own frame is processed, see {@link SocketScope}); empty for any
     * other transport.
     */
    default Optional<CertificateSaslSession> webSocketSession(Map<String, ?> saslProperties) {
        return Optional.empty();
    }

    boolean userExists(JID jid);

    boolean accountDisabled(String username);

    /** Counts a login attempt on a locked-out account, as Openfire does for its own mechanisms. */
    default void recordLockedOutAttempt(String username) {
    }

    /** Why this certificate may not log in although its chain is good (the block list); empty when it may. */
    default Optional<Refusal> blocked(X509Certificate leaf) {
        return Optional.empty();
    }

    /** A certificate login succeeded: the session to list and supervise from now on. */
    default void loggedIn(CertificateLogin login) {
    }

    /** A refusal of a certificate the chain rules accept. */
    record Refusal(org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason reason, String detail) {}

    /**
     * A successful certificate login.
     *
     * @param stage           the audit stage ("sasl" for BOSH, "websocket")
     * @param saslProperties  what Openfire passed to the SASL factory (its session among them)
     */
    record CertificateLogin(JID jid, String stage, CertificateSaslSession session, Map<String, ?> saslProperties) {}
}
