package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.xmpp.packet.JID;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A SASL environment for tests: no BOSH sessions, the given users exist, nobody is locked out. */
public final class BoshSaslEnvironmentStub implements SaslEnvironment {

    private final Set<String> users;

    private BoshSaslEnvironmentStub(Set<String> users) {
        this.users = users;
    }

    public static SaslEnvironment users(String... names) {
        return new BoshSaslEnvironmentStub(Set.of(names));
    }

    @Override
    public Optional<BoshSaslSession> boshSession(Map<String, ?> saslProperties) {
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
