package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import javax.security.auth.callback.CallbackHandler;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;
import javax.security.sasl.SaslServerFactory;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;
import java.util.Map;

/**
 * A tiny JCA provider with SASL server factories standing in for Openfire's own provider, registered at the end of the
 * provider list by a test and removed afterwards ({@link #close()}). Its PLAIN checks passwords like Openfire's
 * ({@code authzid NUL authcid NUL password}); any other mechanism answers success at once, as the given authorization
 * identity ("fake" unless told otherwise).
 */
final class FakeSaslProvider extends Provider implements AutoCloseable {

    static final Map<String, String> PASSWORDS = Map.of("alice", "alice-secret", "bob", "bob-secret");

    private FakeSaslProvider(String name, String authorizationId, String... mechanisms) {
        super(name, "1.0", "boshcertauth test stand-in");
        final SaslServerFactory factory = new Factory(mechanisms, authorizationId);
        for (String mechanism : mechanisms) {
            putService(new Service(this, "SaslServerFactory", mechanism, Factory.class.getName(), null, null) {
                @Override
                public Object newInstance(Object constructorParameter) {
                    return factory;
                }
            });
        }
    }

    /** Adds a provider at the end of the JVM's list. */
    static FakeSaslProvider register(String name, String... mechanisms) {
        return registerAs(name, "fake", mechanisms);
    }

    /** Adds a provider at the end whose non-PLAIN mechanisms succeed as {@code authorizationId}. */
    static FakeSaslProvider registerAs(String name, String authorizationId, String... mechanisms) {
        final FakeSaslProvider provider = new FakeSaslProvider(name, authorizationId, mechanisms);
        Security.removeProvider(name);
        if (Security.addProvider(provider) < 0) {
            throw new IllegalStateException("could not add " + name);
        }
        return provider;
    }

    @Override
    public void close() {
        Security.removeProvider(getName());
    }

    static String plainResponse(String authzid, String authcid, String password) {
        return OpenfireSaslDriver.base64((authzid + "\0" + authcid + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    private record Factory(String[] mechanisms, String authorizationId) implements SaslServerFactory {
        @Override
        public SaslServer createSaslServer(String mechanism, String protocol, String serverName, Map<String, ?> props, CallbackHandler cbh) {
            return "PLAIN".equals(mechanism) ? new FakePlainServer() : new FakeOtherServer(mechanism, authorizationId);
        }

        @Override
        public String[] getMechanismNames(Map<String, ?> props) {
            return mechanisms.clone();
        }
    }

    /** Neither fake negotiates a security layer. */
    interface NoSecurityLayer extends SaslServer {
        @Override
        default byte[] unwrap(byte[] incoming, int offset, int len) {
            throw new IllegalStateException();
        }

        @Override
        default byte[] wrap(byte[] outgoing, int offset, int len) {
            throw new IllegalStateException();
        }

        @Override
        default Object getNegotiatedProperty(String propName) {
            return null;
        }
    }

    /** PLAIN as Openfire implements it: the authorization ID is the username (authzid, or authcid when none). */
    static final class FakePlainServer implements NoSecurityLayer {
        private boolean complete;
        private String authorizationId;
        boolean disposed;

        @Override
        public String getMechanismName() {
            return "PLAIN";
        }

        @Override
        public byte[] evaluateResponse(byte[] response) throws SaslException {
            if (response.length == 0) {
                return new byte[0];
            }
            final String[] parts = new String(response, StandardCharsets.UTF_8).split("\0", -1);
            if (parts.length != 3 || !parts[2].equals(PASSWORDS.get(parts[1]))) {
                throw new SaslException("PLAIN: user not authorized: " + parts[parts.length > 1 ? 1 : 0]);
            }
            authorizationId = parts[0].isEmpty() ? parts[1] : parts[0];
            complete = true;
            return null;
        }

        @Override
        public boolean isComplete() {
            return complete;
        }

        @Override
        public String getAuthorizationID() {
            return authorizationId;
        }

        @Override
        public void dispose() {
            disposed = true;
        }
    }

    /** Any other mechanism: success at once. */
    record FakeOtherServer(String mechanism, String authorizationId) implements NoSecurityLayer {
        @Override
        public String getMechanismName() {
            return mechanism;
        }

        @Override
        public byte[] evaluateResponse(byte[] response) {
            return null;
        }

        @Override
        public boolean isComplete() {
            return true;
        }

        @Override
        public String getAuthorizationID() {
            return authorizationId;
        }

        @Override
        public void dispose() {
        }
    }
}
