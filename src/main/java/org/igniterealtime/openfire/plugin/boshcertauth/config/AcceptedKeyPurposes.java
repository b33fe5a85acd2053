package org.igniterealtime.openfire.plugin.boshcertauth.config;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.ExtendedKeyUsageRule;

import java.util.Map;
import java.util.Set;

/**
 * {@code boshcertauth.certificate.accepted-ekus}: the extendedKeyUsage purposes of which a client certificate must
 * carry one, by name ({@code clientAuth}, {@code smartcardLogon}, {@code anyExtendedKeyUsage}) or as dotted OIDs.
 */
public final class AcceptedKeyPurposes {

    static final Map<String, String> NAMES = Map.of(
        "clientauth", ExtendedKeyUsageRule.CLIENT_AUTH,
        "smartcardlogon", ExtendedKeyUsageRule.SMARTCARD_LOGON,
        "anyextendedkeyusage", ExtendedKeyUsageRule.ANY_EXTENDED_KEY_USAGE);

    private AcceptedKeyPurposes() {}

    /**
     * @return the dotted OIDs
     * @throws IllegalArgumentException naming every unknown name or invalid OID, or when the list is empty
     */
    public static Set<String> parse(String setting) {
        final Set<String> oids = OidList.parse(setting, NAMES, "clientAuth, smartcardLogon, anyExtendedKeyUsage");
        if (oids.isEmpty()) {
            throw new IllegalArgumentException("no purpose is listed");
        }
        return Set.copyOf(oids);
    }

}
