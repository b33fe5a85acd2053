package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.xmpp.packet.JID;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A SASL environment for tests: no BOSH sessions, the given users exist, nobody is locked out. */
public final class SaslEnvironmentStub implements SaslEnvironment {

    private final Set<String> users;

    private SaslEnvironmentStub(Set<String> users) {
        this.users = users;
    }

    public static SaslEnvironment users(String... names) {
        return new SaslEnvironmentStub(Set.of(names));
    }

    @Override
    public Optional<CertificateSaslSession> boshSession(Map<String, ?> saslProperties) {
        return Optional.empty();
    }

    @Override
    public boolean userExists(JID jid) {
        return users.contains(jid.getNode());
    }

    @Override
    public boolean accountDisabled(String username) {
        return false;
    }
}
