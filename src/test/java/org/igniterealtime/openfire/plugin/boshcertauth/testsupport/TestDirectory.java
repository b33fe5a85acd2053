package org.igniterealtime.openfire.plugin.boshcertauth.testsupport;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;

import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.LdapName;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

/**
 * A real LDAP server for tests: UnboundID's in-memory directory server on a free loopback port, shaped like Active
 * Directory (base {@code DC=corp,DC=example,DC=com}, users with sAMAccountName, userPrincipalName, mail,
 * altSecurityIdentities, userCertificate). Without a schema, as AD's attributes are not in the standard one: values
 * then match case-insensitively, as AD's string attributes do.
 */
public final class TestDirectory implements AutoCloseable {

    public static final String BASE_DN = "DC=corp,DC=example,DC=com";
    public static final String USERS_DN = "OU=Staff," + BASE_DN;
    public static final String BIND_DN = "CN=Openfire Reader," + BASE_DN;
    public static final String BIND_PASSWORD = "reader-secret";

    private final InMemoryDirectoryServer server;
    /** Kept after {@link #stop()}: a stopped directory refuses connections on it. */
    private final int port;

    private TestDirectory(InMemoryDirectoryServer server) {
        this.server = server;
        this.port = server.getListenPort();
    }

    public static TestDirectory start() throws LDAPException {
        final InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
        config.setSchema(null);
        config.addAdditionalBindCredentials(BIND_DN, BIND_PASSWORD);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("loopback", loopback(), 0, null));
        final InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        server.add(new Entry(BASE_DN, new Attribute("objectClass", "top", "domain"), new Attribute("dc", "corp")));
        server.add(new Entry(USERS_DN, new Attribute("objectClass", "top", "organizationalUnit"), new Attribute("ou", "Staff")));
        server.startListening();
        return new TestDirectory(server);
    }

    private static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }

    /** Adds an AD-shaped user below {@link #USERS_DN}; attributes as name, value pairs (byte[] values allowed). */
    public void addUser(String commonName, String sAMAccountName, Object... attributes) throws LDAPException {
        final List<Attribute> all = new ArrayList<>(List.of(new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
            new Attribute("cn", commonName), new Attribute("sAMAccountName", sAMAccountName)));
        for (int i = 0; i < attributes.length; i += 2) {
            final String name = (String) attributes[i];
            all.add(attributes[i + 1] instanceof byte[] bytes ? new Attribute(name, bytes) : new Attribute(name, (String) attributes[i + 1]));
        }
        server.add(new Entry("CN=" + commonName + "," + USERS_DN, all));
    }

    /**
     * Adds an entry of other object classes below {@link #USERS_DN} (e.g. an AD contact, which is no user); attributes
     * as name, value pairs.
     */
    public void addEntry(String commonName, List<String> objectClasses, String... attributes) throws LDAPException {
        final List<Attribute> all = new ArrayList<>(List.of(new Attribute("objectClass", objectClasses), new Attribute("cn", commonName)));
        for (int i = 0; i < attributes.length; i += 2) {
            all.add(new Attribute(attributes[i], attributes[i + 1]));
        }
        server.add(new Entry("CN=" + commonName + "," + USERS_DN, all));
    }

    public int port() {
        return port;
    }

    public String url() {
        return "ldap://127.0.0.1:" + port();
    }

    /** A JNDI context below the base, bound as Openfire's reader (what Openfire's LdapManager.getContext(base) returns). */
    public LdapContext context(LdapName base) throws NamingException {
        final Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, url() + "/" + base);
        env.put(Context.SECURITY_AUTHENTICATION, "simple");
        env.put(Context.SECURITY_PRINCIPAL, BIND_DN);
        env.put(Context.SECURITY_CREDENTIALS, BIND_PASSWORD);
        return new InitialLdapContext(env, null);
    }

    /** Stops answering: connections to its port are refused from now on. */
    public void stop() {
        server.shutDown(true);
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
