package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.jivesoftware.openfire.net.SASLAuthentication;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Openfire's list of enabled SASL mechanisms ({@code sasl.mechs}), read and written the way Openfire's own
 * SASLAuthentication does: as a list property (legacy comma-separated value or numbered child properties), with
 * Openfire's default list when it is not set. The plugin's only reader and writer of that property: BOSH, WebSocket,
 * the configuration warnings and the admin page all ask here, so they cannot disagree.
 */
public final class SaslMechanisms {

    /** Openfire's property: a list property (numbered child properties, the parent's own value deleted). */
    public static final String PROPERTY = "sasl.mechs";

    public static final String EXTERNAL = "EXTERNAL";

    private SaslMechanisms() {}

    /**
     * The mechanisms Openfire considers, upper case: Openfire's own {@code SASLAuthentication.getEnabledMechanisms()},
     * i.e. sasl.mechs, or while it is unset the running server's default list. That default differs by version
     * (5.0.x has no SCRAM-SHA-1-PLUS, 5.1 added it), so the plugin never writes a list naming a mechanism this server
     * lacks when it ticks or unticks EXTERNAL.
     */
    public static List<String> enabled() {
        final List<String> configured = SASLAuthentication.getEnabledMechanisms();
        final List<String> result = new ArrayList<>();
        for (String mechanism : configured == null ? List.<String>of() : configured) {
            if (mechanism != null && !mechanism.isBlank()) {
                result.add(mechanism.strip().toUpperCase(Locale.ROOT));
            }
        }
        return result;
    }

    public static boolean externalEnabled() {
        return enabled().contains(EXTERNAL);
    }

    /**
     * Adds EXTERNAL to, or removes it from, Openfire's list (starting from the server's default list when unset), leaving the
     * other mechanisms as they are. Fires Openfire's sasl.mechs property event, so SASLAuthentication re-reads it.
     */
    public static void setExternalEnabled(boolean enabled) {
        final List<String> mechanisms = new ArrayList<>(enabled());
        mechanisms.remove(EXTERNAL);
        if (enabled) {
            mechanisms.add(EXTERNAL);
        }
        OpenfirePropertyWriter.get().set(PROPERTY, mechanisms);
    }
}
