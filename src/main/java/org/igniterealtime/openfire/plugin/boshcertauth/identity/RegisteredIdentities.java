package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.xmpp.packet.JID;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Certificates that users registered for themselves in-band (XEP-0257, the {@code registration} package): the
 * identity source {@link IdentitySource#REGISTERED}. {@code CertificateVerifier} asks it before every configured
 * source: a registered certificate logs in as its owner only, and only while enabled. Implementations must be
 * thread-safe and must never block on the network or the database (they answer from a snapshot).
 */
public interface RegisteredIdentities {

    /** The feature off: no certificate is registered. */
    RegisteredIdentities NONE = leaf -> Lookup.NONE;

    Lookup find(X509Certificate leaf);

    /**
     * At login, once a registered certificate has passed the chain rules: why its registration no longer speaks for the
     * account of its owner's name (registered before that account was created, or the account no longer exists; the
     * registration is then deleted), empty when it does. Unlike {@link #find}, this may ask the user store, as that
     * account check does.
     *
     * @throws DirectoryUnavailableException when the user store cannot tell now: the login fails closed (review L2)
     */
    default Optional<String> stale(X509Certificate leaf) {
        return Optional.empty();
    }

    /**
     * What is known of one certificate.
     *
     * @param owner             the bare JID it was registered by (null: not registered)
     * @param name              the name its owner gave it
     * @param enabled           false once its owner (or an administrator) disabled it
     * @param selfSignedTrusted a self-signed registered certificate is its own trust anchor, for its owner only
     *                          ({@code boshcertauth.xep0257.allow-self-signed})
     * @param unavailable       the registrations could not be read yet: nobody can tell whether it is disabled
     */
    record Lookup(JID owner, String name, boolean enabled, boolean selfSignedTrusted, boolean unavailable) {
        public static final Lookup NONE = new Lookup(null, "", false, false, false);
        public static final Lookup UNAVAILABLE = new Lookup(null, "", false, false, true);

        public boolean registered() {
            return owner != null;
        }
    }
}
