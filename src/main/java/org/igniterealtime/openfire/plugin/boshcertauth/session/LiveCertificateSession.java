package org.igniterealtime.openfire.plugin.boshcertauth.session;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One session that logged in with a client certificate, as the admin page lists it and the supervisor re-checks it.
 *
 * <p>Small on purpose (the registry holds one per certificate session): the summary's strings are cut to
 * {@link #MAX_NAME_CHARS}, times are epoch milliseconds, the node name is shared by all sessions of a node, and the
 * chain is the very list the login was verified with (Openfire's session holds the same certificates anyway), so it
 * costs one reference here.</p>
 *
 * @param id        the session's stream id (unique per node)
 * @param jid       the bare JID the certificate logged in as
 * @param peer      the client's address as the audit trail shows it
 * @param node      the cluster node the session lives on
 * @param chain     leaf first, never empty
 */
public record LiveCertificateSession(String id, String jid, Transport transport, String peer, long sinceMillis,
                                     CertificateSummary certificate, long notAfterMillis, String node,
                                     List<X509Certificate> chain, SessionHandle handle) {

    /** Longest subject or issuer kept for display: a hostile certificate may carry a DN of kilobytes. */
    static final int MAX_NAME_CHARS = 256;

    public LiveCertificateSession {
        Objects.requireNonNull(id);
        Objects.requireNonNull(handle);
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate session needs its chain");
        }
    }

    /** The session as just logged in with this chain (the summary is taken from its leaf). */
    public static LiveCertificateSession of(String id, String jid, Transport transport, String peer, Instant since, String node,
                                            List<X509Certificate> chain, SessionHandle handle) {
        final X509Certificate leaf = chain.get(0);
        final CertificateSummary full = CertificateSummary.of(leaf);
        final CertificateSummary kept = new CertificateSummary(cut(full.subject()), cut(full.issuer()), full.serial(), full.sha256());
        return new LiveCertificateSession(id, jid, transport, peer, since.toEpochMilli(), kept,
            leaf.getNotAfter().getTime(), node, chain, handle);
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    public Instant since() {
        return Instant.ofEpochMilli(sinceMillis);
    }

    public Instant notAfter() {
        return Instant.ofEpochMilli(notAfterMillis);
    }

    private static String cut(String name) {
        return name.length() <= MAX_NAME_CHARS ? name : name.substring(0, MAX_NAME_CHARS - 1) + "…";
    }
}
