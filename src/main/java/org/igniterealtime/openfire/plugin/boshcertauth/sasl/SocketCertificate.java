package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The client certificate a WebSocket connection was upgraded with, once its chain passed our checks.
 *
 * @param connectionId  unique per WebSocket connection (for the registry and the audit log)
 * @param remoteAddress the client's address as the audit trail shows it
 * @param encrypted     the connection used TLS (directly, or to a trusted reverse proxy that forwarded the chain)
 * @param chain         leaf first, never empty
 */
public record SocketCertificate(String connectionId, String remoteAddress, boolean encrypted, List<X509Certificate> chain) {
    public SocketCertificate {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a socket certificate needs a chain");
        }
    }
}
