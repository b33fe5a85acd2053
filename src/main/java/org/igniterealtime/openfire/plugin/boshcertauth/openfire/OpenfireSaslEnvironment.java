package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateSaslSession;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.SaslEnvironment;
import org.igniterealtime.openfire.plugin.boshcertauth.blocking.BlockList;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.session.LiveCertificateSession;
import org.igniterealtime.openfire.plugin.boshcertauth.session.LiveSessionRegistry;
import org.igniterealtime.openfire.plugin.boshcertauth.session.Transport;
import org.jivesoftware.openfire.http.HttpSession;
import org.jivesoftware.openfire.session.LocalSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import java.time.Clock;
import java.util.function.Supplier;

/**
 * {@link SaslEnvironment} backed by Openfire: its sessions, users and lock-outs, plus the plugin's block list (consulted
 * at every certificate login) and live-session registry (every certificate login enters it with a handle on its
 * Openfire session).
 */
public final class OpenfireSaslEnvironment implements SaslEnvironment {

    private static final Logger Log = LoggerFactory.getLogger(OpenfireSaslEnvironment.class);

    /** The key under which Openfire's SASLAuthentication passes the session to SASL server factories. */
    static final String SESSION_PROPERTY = "org.jivesoftware.openfire.session.LocalSession";

    /** Openfire's marker (SASLAuthentication.SASL_LAST_RESPONSE_WAS_PROVIDED_BUT_EMPTY) for a "=" response. */
    /** Openfire's WebSocketClientStanzaHandler: {@code session.setSessionData("ws", Boolean.TRUE)}. */
    static final String WEBSOCKET_MARKER = "ws";

    static final String EMPTY_RESPONSE_MARKER = "Sasl.last-response-was-provided-but-empty";

    private final BlockList blocks;
    private final LiveSessionRegistry sessions;
    private final Supplier<String> node;
    private final Clock clock;

    /** Without block list and registry (tests of the SASL layer alone). */
    public OpenfireSaslEnvironment() {
        this(null, null, () -> "", Clock.systemUTC());
    }

    /** @param node this cluster node's name, as the live-session list shows it */
    public OpenfireSaslEnvironment(BlockList blocks, LiveSessionRegistry sessions, Supplier<String> node, Clock clock) {
        this.blocks = blocks;
        this.sessions = sessions;
        this.node = node;
        this.clock = clock;
    }

    @Override
    public Optional<Refusal> blocked(X509Certificate leaf) {
        if (blocks == null) {
            return Optional.empty();
        }
        final BlockList.Match match = blocks.match(leaf);
        if (match.unavailable()) {
            return Optional.of(new Refusal(FailureReason.BLOCK_LIST_UNAVAILABLE, "refused until the block list can be read"));
        }
        if (!match.blocked()) {
            return Optional.empty();
        }
        final String why = match.entry().reason();
        return Optional.of(new Refusal(FailureReason.CERTIFICATE_BLOCKED, "blocked by " + match.entry().blockedBy() + " at "
            + match.entry().blockedAt() + (why.isEmpty() ? "" : " (" + why + ")")));
    }

    @Override
    public void loggedIn(CertificateLogin login) {
        if (sessions == null) {
            return;
        }
        try {
            final Object session = login.saslProperties().get(SESSION_PROPERTY);
            if (!(session instanceof LocalSession local) || login.session().chain().isEmpty()) {
                Log.debug("Certificate login of {} without an Openfire session in the SASL properties; not listed", login.jid());
                return;
            }
            final String id = local.getStreamID() == null ? login.session().streamId() : local.getStreamID().getID();
            sessions.add(LiveCertificateSession.of(id, login.jid().toBareJID(), Transport.ofStage(login.stage()),
                login.session().remoteAddress(), clock.instant(), node.get().intern(), login.session().chain(), new OpenfireSessionHandle(local)));
        } catch (RuntimeException | LinkageError e) {
            // Never fail a login for the list: the session is then just not listed (and not supervised).
            Log.warn("Could not list the certificate session of {}", login.jid(), e);
        }
    }

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
