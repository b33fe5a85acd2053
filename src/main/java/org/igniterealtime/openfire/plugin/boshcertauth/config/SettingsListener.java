package org.igniterealtime.openfire.plugin.boshcertauth.config;

import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslMechanisms;
import org.jivesoftware.util.PropertyEventListener;

import java.util.Map;
import java.util.Set;

/** Calls back when any property that feeds the configuration is set or deleted (ours, and Openfire's related ones). */
public final class SettingsListener implements PropertyEventListener {

    private static final Set<String> OPENFIRE_KEYS = Set.of(Settings.BOSH_CLIENT_CERT_POLICY, SaslMechanisms.PROPERTY,
        Settings.LEGACY_ACCEPT_SELFSIGNED, Settings.LEGACY_VERIFY, Settings.LEGACY_VERIFY_CHAIN, Settings.LEGACY_VERIFY_ROOT,
        Settings.LEGACY_VERIFY_VALIDITY, Settings.BOSH_SCRIPT_SYNTAX, "xmpp.domain");

    private final Runnable onChange;

    public SettingsListener(Runnable onChange) {
        this.onChange = onChange;
    }

    /**
     * The properties a node brings in line with the database when it joins a cluster: the plugin's own and the plain
     * Openfire ones it reads. Not sasl.mechs (a list of numbered children, written only through Openfire's list API)
     * nor xmpp.domain (fixed at set-up).
     */
    public static boolean reconciled(String property) {
        return property != null && (property.startsWith(Settings.PREFIX)
            || relevant(property) && !property.equals(SaslMechanisms.PROPERTY) && !property.equals("xmpp.domain"));
    }

    /** The single-valued settings {@link #reconciled} covers, by name (to notice one deleted in the database). */
    public static Set<String> reconciledNames() {
        final Set<String> names = new java.util.TreeSet<>();
        Settings.ALL.forEach(p -> names.add(p.getKey()));
        OPENFIRE_KEYS.stream().filter(SettingsListener::reconciled).forEach(names::add);
        return names;
    }

    static boolean relevant(String property) {
        return property != null && (property.startsWith(Settings.PREFIX) || OPENFIRE_KEYS.contains(property));
    }

    @Override
    public void propertySet(String property, Map<String, Object> params) {
        if (relevant(property)) {
            onChange.run();
        }
    }

    @Override
    public void propertyDeleted(String property, Map<String, Object> params) {
        if (relevant(property)) {
            onChange.run();
        }
    }

    @Override
    public void xmlPropertySet(String property, Map<String, Object> params) {
        // openfire.xml properties do not feed the configuration
    }

    @Override
    public void xmlPropertyDeleted(String property, Map<String, Object> params) {
        // openfire.xml properties do not feed the configuration
    }
}
