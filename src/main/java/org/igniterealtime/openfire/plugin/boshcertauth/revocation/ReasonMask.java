package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.asn1.x509.ReasonFlags;

/**
 * Revocation reasons as a bit mask in Bouncy Castle's {@link ReasonFlags} representation: what a CRL covers
 * (issuingDistributionPoint onlySomeReasons) and what a distribution point serves (its reasons), RFC 5280 §6.3.3.
 */
final class ReasonMask {

    static final int NONE = 0;
    /** all-reasons of RFC 5280 §6.3.3: every reason but "unused". */
    static final int ALL = ReasonFlags.keyCompromise | ReasonFlags.cACompromise | ReasonFlags.affiliationChanged
        | ReasonFlags.superseded | ReasonFlags.cessationOfOperation | ReasonFlags.certificateHold
        | ReasonFlags.privilegeWithdrawn | ReasonFlags.aACompromise;

    private ReasonMask() {
    }

    /** The reasons of a ReasonFlags field; {@link #ALL} when it is absent. */
    static int of(ReasonFlags flags) {
        return flags == null ? ALL : flags.intValue() & ALL;
    }
}
