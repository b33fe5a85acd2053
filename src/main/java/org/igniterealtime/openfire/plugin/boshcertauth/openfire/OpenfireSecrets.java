package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.tools.JdbcTestCaStore;
import org.jivesoftware.util.JiveGlobals;

/**
 * Seals secrets the plugin keeps in the database with Openfire's property encryptor (what encrypted system properties
 * use: AES with the key of conf/security.xml, the same on every node of a cluster), so that reading the database alone
 * does not give them away.
 */
public final class OpenfireSecrets implements JdbcTestCaStore.Secrets {

    public static final OpenfireSecrets INSTANCE = new OpenfireSecrets();

    private OpenfireSecrets() {}

    @Override
    public String seal(String secret) {
        return JiveGlobals.getPropertyEncryptor().encrypt(secret);
    }

    @Override
    public String open(String sealed) {
        return sealed == null ? null : JiveGlobals.getPropertyEncryptor().decrypt(sealed);
    }
}
