package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.xmpp.packet.JID;

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
}
