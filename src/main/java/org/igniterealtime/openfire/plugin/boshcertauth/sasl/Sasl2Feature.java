package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

/**
 * The SASL2 (XEP-0388) feature, {@code <authentication xmlns="urn:xmpp:sasl:2">}, which Openfire 5.2 adds to the stream
 * features when {@code xmpp.auth.sasl2=true}. The plugin removes it from the features it rewrites for certificate
 * sessions, so that certificate login stays SASL1 on BOSH and WebSocket. Why (decided from Openfire main 3709dd49):
 * <ul>
 *   <li>BOSH: Openfire advertises SASL2 on BOSH sessions ({@code HttpSession.getAvailableStreamFeatures}) but its
 *       {@code SessionPacketRouter.route} hands only {@code <auth>} and {@code <response>} to SASL; an
 *       {@code <authenticate>} is an unknown stanza. SASL2 cannot succeed over BOSH at all, so offering it only
 *       leads a client that prefers SASL2 into a dead end.</li>
 *   <li>WebSocket: SASL2 reaches {@code Sasl.createSaslServer} with the same session properties as SASL1, so our
 *       factory's rules would apply; but certificate login there depends on translating the client's EXTERNAL into our
 *       internal mechanism, and a SASL2 {@code <authenticate>} carries extension children (user-agent, and Bind2 /
 *       FAST as Openfire grows them — Bind2 is still a TODO in that snapshot) that we would have to re-serialise into
 *       the frame Openfire parses. Not doing that keeps the one translated frame exactly as narrow as it is.</li>
 *   <li>Both: Strophe.js (and so Converse.js, which have no SASL2 support in Strophe 5 / Converse 14) collect every
 *       {@code <mechanism>} element of the features, SASL2's included; the SASL2 list, which we do not narrow, would
 *       put SCRAM/PLAIN back beside EXTERNAL and Strophe ranks SCRAM first: the certificate would never be tried.</li>
 * </ul>
 * A SASL2 {@code <authenticate>} a client sends anyway is processed by Openfire as before: over BOSH it is refused as
 * an unknown stanza; over WebSocket our factory sees it exactly like a SASL1 {@code <auth>} (EXTERNAL is Openfire's
 * own, which has no certificate on a WebSocket session; the internal mechanism without a reference we issued is
 * refused), so no rule of the plugin can be got around by choosing SASL2.
 *
 * <p>Only the element Openfire writes right after the SASL1 {@code <mechanisms>} element
 * ({@code SASLAuthentication.getSASLMechanisms} adds the two in that order; dom4j escapes text, so its end tag is
 * Openfire's own) is removed; anything else is left unchanged.</p>
 */
public final class Sasl2Feature {

    static final String OPEN = "<authentication xmlns=\"urn:xmpp:sasl:2\">";
    private static final String CLOSE = "</authentication>";
    private static final String SASL1_OPEN = "<mechanisms xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\">";
    private static final String SASL1_CLOSE = "</mechanisms>";

    private Sasl2Feature() {}

    /** @return the features without the SASL2 element that follows the SASL1 mechanisms; the same instance when none */
    public static String strip(String features) {
        final int sasl1 = features.indexOf(SASL1_OPEN);
        if (sasl1 < 0 || features.indexOf(SASL1_OPEN, sasl1 + 1) >= 0) {
            return features;
        }
        final int sasl1End = features.indexOf(SASL1_CLOSE, sasl1);
        return sasl1End < 0 ? features : stripAt(features, sasl1End + SASL1_CLOSE.length());
    }

    /** @return the features without a SASL2 element starting exactly at {@code position}; the same instance when none */
    static String stripAt(String features, int position) {
        if (!features.startsWith(OPEN, position)) {
            return features;
        }
        final int close = features.indexOf(CLOSE, position + OPEN.length());
        if (close < 0 || features.substring(position + 1, close).contains("<authentication")) {
            return features; // not Openfire's regular output: leave it alone rather than cut it in the wrong place
        }
        return features.substring(0, position) + features.substring(close + CLOSE.length());
    }
}
