package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import java.nio.charset.StandardCharsets;

/**
 * Reduces the SASL mechanisms of a BOSH session-creation response to EXTERNAL alone. Strophe.js (and so Converse.js)
 * picks the highest-ranked offered mechanism it can run and ranks SCRAM above EXTERNAL, so a certificate session that
 * is also offered SCRAM never tries its certificate.
 *
 * <p>Openfire builds the response with dom4j, whose output is regular: {@code <mechanisms
 * xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><mechanism>NAME</mechanism>...</mechanisms>}. Anything else — no
 * mechanisms element, EXTERNAL not among them, unexpected markup — is returned unchanged: the rewrite only ever
 * narrows what Openfire itself offered, and never breaks a response it does not understand. A SASL2 (XEP-0388)
 * {@code <authentication>} element right after the list is removed ({@link Sasl2Feature} says why).</p>
 */
public final class MechanismListRewriter {

    private static final String OPEN = "<mechanisms xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\">";
    private static final String CLOSE = "</mechanisms>";
    private static final String MECHANISM_OPEN = "<mechanism>";
    private static final String MECHANISM_CLOSE = "</mechanism>";
    private static final String EXTERNAL_ONLY = OPEN + MECHANISM_OPEN + "EXTERNAL" + MECHANISM_CLOSE + CLOSE;

    private MechanismListRewriter() {}

    public static byte[] externalOnly(byte[] response) {
        final String text = new String(response, StandardCharsets.UTF_8);
        final String rewritten = externalOnly(text);
        return rewritten == text ? response : rewritten.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the rewritten text, or the very same instance when nothing was changed */
    public static String externalOnly(String response) {
        return rewrite(response, true);
    }

    /**
     * The list with EXTERNAL added when Openfire left it out (its own trust check failed), everything else kept:
     * for a session whose certificate cannot be used, so that a client that asks for EXTERNAL gets a SASL
     * {@code <failure>} with the certificate reason's condition (and a recorded attempt) instead of "no supported
     * mechanism", while password users keep their mechanisms. Unrecognised markup is returned unchanged, as for {@link #externalOnly(String)}.
     */
    public static byte[] withExternal(byte[] response) {
        final String text = new String(response, StandardCharsets.UTF_8);
        final String rewritten = rewrite(text, false);
        return rewritten == text ? response : rewritten.getBytes(StandardCharsets.UTF_8);
    }

    private static String rewrite(String response, boolean externalOnly) {
        final int start = response.indexOf(OPEN);
        if (start < 0 || response.indexOf(OPEN, start + 1) >= 0) {
            return response;
        }
        int pos = start + OPEN.length();
        boolean external = false;
        int count = 0;
        while (response.startsWith(MECHANISM_OPEN, pos)) {
            final int nameStart = pos + MECHANISM_OPEN.length();
            final int nameEnd = response.indexOf(MECHANISM_CLOSE, nameStart);
            if (nameEnd < 0) {
                return response;
            }
            final String name = response.substring(nameStart, nameEnd);
            if (!isMechanismName(name)) {
                return response;
            }
            external |= name.equals("EXTERNAL");
            count++;
            pos = nameEnd + MECHANISM_CLOSE.length();
        }
        if (!response.startsWith(CLOSE, pos)) {
            return response;
        }
        if (!externalOnly) {
            return external ? response : response.substring(0, pos) + MECHANISM_OPEN + "EXTERNAL" + MECHANISM_CLOSE + response.substring(pos);
        }
        if (!external) {
            return response;
        }
        // The SASL2 list that Openfire 5.2 may write right after this one is removed too (see Sasl2Feature).
        if (count == 1) {
            return Sasl2Feature.stripAt(response, pos + CLOSE.length());
        }
        final String narrowed = response.substring(0, start) + EXTERNAL_ONLY + response.substring(pos + CLOSE.length());
        return Sasl2Feature.stripAt(narrowed, start + EXTERNAL_ONLY.length());
    }

    /** RFC 4422 §3.1: 1 to 20 characters of upper-case letters, digits, hyphen and underscore. */
    private static boolean isMechanismName(String name) {
        if (name.isEmpty() || name.length() > 20) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            final char c = name.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
