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
