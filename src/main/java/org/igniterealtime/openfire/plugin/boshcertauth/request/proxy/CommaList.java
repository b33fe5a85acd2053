package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a comma-separated list of encoded certificates (Traefik, RFC 9440's Client-Cert-Chain), whose members cannot
 * themselves contain commas. The count is checked before anything is decoded, so an oversized chain costs nothing.
 */
final class CommaList {

    private CommaList() {}

    /**
     * The trimmed members; an empty member (",," or a trailing comma) is PROXY_UNDECODABLE.
     *
     * @param counted   certificates the chain already has (the leaf, when the list holds only the rest)
     * @param maxTotal  the chain limit, {@code counted} included
     */
    static List<String> split(String value, int counted, int maxTotal, String what) throws ForwardedHeaderException {
        final List<String> members = new ArrayList<>(4);
        int start = 0;
        while (true) {
            final int comma = value.indexOf(',', start);
            final String member = (comma < 0 ? value.substring(start) : value.substring(start, comma)).strip();
            if (member.isEmpty()) {
                throw new ForwardedHeaderException(FailureReason.PROXY_UNDECODABLE,
                    what + " has an empty list member at position " + members.size());
            }
            CertificateDecoder.requireRoom(counted + members.size(), maxTotal);
            members.add(member);
            if (comma < 0) {
                return members;
            }
            start = comma + 1;
        }
    }
}
