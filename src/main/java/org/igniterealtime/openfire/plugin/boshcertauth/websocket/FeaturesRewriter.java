package org.igniterealtime.openfire.plugin.boshcertauth.websocket;

import org.igniterealtime.openfire.plugin.boshcertauth.sasl.MechanismListRewriter;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.Sasl2Feature;

/**
 * Rewrites the stream features Openfire sends on a WebSocket connection: the internal mechanism is shown as EXTERNAL
 * where the connection's certificate allows certificate login, and removed everywhere else.
 *
 * <p>Only frames that are a stream-features element are touched. Openfire writes them with dom4j, which escapes
 * character data, so {@code <mechanism>X-...</mechanism>} inside such a frame can only be Openfire's own markup; other
 * frames (stanzas, which may carry arbitrary client text, even in CDATA) are never changed.</p>
 */
public final class FeaturesRewriter {

    /** What a connection is offered. */
    public enum Offer {
        /** No certificate login: the internal mechanism is removed. */
        NONE,
        /** EXTERNAL in place of the internal mechanism, Openfire's other mechanisms unchanged; no SASL2 feature. */
        EXTERNAL,
        /** EXTERNAL alone (boshcertauth.sasl.offer=EXTERNAL_ONLY and the certificate names an identity); no SASL2 feature. */
        EXTERNAL_ONLY
    }

    private static final String FEATURES_START = "<stream:features";

    private FeaturesRewriter() {}

    /** @return the frame to send, the very same instance when unchanged */
    public static String rewrite(String frame, String internalMechanism, Offer offer) {
        if (frame == null || !frame.startsWith(FEATURES_START)) {
            return frame;
        }
        final String internal = "<mechanism>" + internalMechanism + "</mechanism>";
        if (!frame.contains(internal)) {
            return frame;
        }
        return switch (offer) {
            case NONE -> frame.replace(internal, "");
            // Certificate login is SASL1 only: the SASL2 feature goes (Sasl2Feature says why).
            case EXTERNAL -> Sasl2Feature.strip(frame.replace(internal, "<mechanism>EXTERNAL</mechanism>"));
            case EXTERNAL_ONLY -> MechanismListRewriter.externalOnly(frame.replace(internal, "<mechanism>EXTERNAL</mechanism>"));
        };
    }
}
