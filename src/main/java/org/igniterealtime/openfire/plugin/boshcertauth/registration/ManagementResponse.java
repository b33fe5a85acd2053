package org.igniterealtime.openfire.plugin.boshcertauth.registration;

import org.dom4j.Element;
import org.xmpp.packet.PacketError;

/**
 * The answer to a {@link ManagementRequest}: a result (with a payload, or empty) or an error condition (RFC 6120 §8.3)
 * with a text for the user.
 */
public record ManagementResponse(Element payload, PacketError.Condition error, String text) {

    static ManagementResponse result(Element payload) {
        return new ManagementResponse(payload, null, "");
    }

    static ManagementResponse error(PacketError.Condition condition, String text) {
        return new ManagementResponse(null, condition, text);
    }

    public boolean isError() {
        return error != null;
    }
}
