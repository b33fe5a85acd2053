package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.jivesoftware.openfire.net.SASLAuthentication;
import org.jivesoftware.util.JiveGlobals;

/**
 * Whether this Openfire offers SASL2 (XEP-0388) to clients. Openfire's main line after 5.1.1 (5.2.0-SNAPSHOT,
 * 3709dd49) added it as {@code SASLAuthentication.ENABLE_SASL2}, property {@code xmpp.auth.sasl2}, off by default;
 * 5.0.x and 5.1.x have no SASL2. The field does not exist in 5.0.5/5.1.1, so it is not declared in src/openfire-api
 * and is looked up at run time: an Openfire without it has no SASL2, whatever the property says.
 *
 * <p>The plugin keeps SASL2 off for certificate sessions ({@code sasl.Sasl2Feature}); the admin page says so when
 * SASL2 is on.</p>
 */
public final class OpenfireSasl2 {

    /** Openfire's switch (SASLAuthentication.ENABLE_SASL2). */
    public static final String PROPERTY = "xmpp.auth.sasl2";
    static final String FIELD = "ENABLE_SASL2";

    private OpenfireSasl2() {}

    /** Whether the running Openfire has SASL2 and it is switched on. */
    public static boolean enabled() {
        return enabled(SASLAuthentication.class);
    }

    /** @param saslAuthentication Openfire's SASLAuthentication class (another class in tests) */
    static boolean enabled(Class<?> saslAuthentication) {
        return supported(saslAuthentication) && JiveGlobals.getBooleanProperty(PROPERTY, false);
    }

    static boolean supported(Class<?> saslAuthentication) {
        try {
            saslAuthentication.getField(FIELD);
            return true;
        } catch (NoSuchFieldException | SecurityException | LinkageError e) {
            return false;
        }
    }
}
