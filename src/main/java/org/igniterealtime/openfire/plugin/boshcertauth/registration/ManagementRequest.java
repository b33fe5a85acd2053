package org.igniterealtime.openfire.plugin.boshcertauth.registration;

import org.dom4j.Element;
import org.xmpp.packet.JID;

/**
 * One XEP-0257 request as the IQ handler hands it over, without Openfire's types.
 *
 * @param from                      the sender (a full JID of a local user; Openfire has authenticated it)
 * @param to                        the addressee as sent (null, the server's domain, or a bare JID)
 * @param get                       true for {@code type='get'}, false for {@code type='set'}
 * @param child                     the IQ's child element
 * @param requesterCertificateSha256 the SHA-256 of the certificate the requesting session logged in with; "" for none
 */
public record ManagementRequest(JID from, JID to, boolean get, Element child, String requesterCertificateSha256) {
}
