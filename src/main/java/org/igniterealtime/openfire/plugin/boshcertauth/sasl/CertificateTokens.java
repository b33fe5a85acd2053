package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One-time references from a translated WebSocket {@code <auth/>} to the certificate of the connection it came from.
 *
 * <p>The reference travels through Openfire's SASL code inside the (rewritten) initial response; it is 256 random
 * bits, valid for one use, and dropped when its connection closes. Nothing but the connection's own endpoint ever
 * learns it, so a client cannot name another connection's certificate, nor reuse one.</p>
 */
public final class CertificateTokens {

    private static final int TOKEN_BYTES = 32;
    /** Upper bound so that a misbehaving client cannot grow the registry: far above any real SASL retry count. */
    static final int MAX_PER_CONNECTION = 16;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, SocketCertificate> byToken = new ConcurrentHashMap<>();

    /** @return a fresh token (URL-safe base64, no padding, 43 ASCII characters) for the connection's certificate */
    public String issue(SocketCertificate certificate) {
        if (byToken.values().stream().filter(c -> c.connectionId().equals(certificate.connectionId())).count() >= MAX_PER_CONNECTION) {
            forget(certificate.connectionId());
        }
        final byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        final String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byToken.put(token, certificate);
        return token;
    }

    /** @return the certificate the token referred to, or null when it is unknown or was used; either way it is gone */
    public SocketCertificate consume(String token) {
        return token == null ? null : byToken.remove(token);
    }

    /** Drops every token of a connection (on close). */
    public void forget(String connectionId) {
        byToken.values().removeIf(c -> c.connectionId().equals(connectionId));
    }

    public int size() {
        return byToken.size();
    }

    public void clear() {
        byToken.clear();
    }
}
