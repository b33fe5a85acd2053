package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import java.time.Instant;

/**
 * The revocation status of one certificate as far as it could be determined.
 *
 * @param state       good, revoked or unknown
 * @param nextUpdate  until when a good/revoked answer may be relied on (null: no statement)
 * @param source      "OCSP", "CRL" or "none"
 * @param detail      for logs and diagnostics
 * @param staleCrl    unknown, and among the reasons is a correctly signed CRL past its nextUpdate (which
 *                    {@link StaleCrlAction#REFUSE} turns into a refusal)
 */
public record RevocationStatus(State state, Instant nextUpdate, String source, String detail, boolean staleCrl) {

    public enum State { GOOD, REVOKED, UNKNOWN }

    public RevocationStatus(State state, Instant nextUpdate, String source, String detail) {
        this(state, nextUpdate, source, detail, false);
    }

    public static RevocationStatus good(Instant nextUpdate, String source, String detail) {
        return new RevocationStatus(State.GOOD, nextUpdate, source, detail);
    }

    public static RevocationStatus revoked(Instant nextUpdate, String source, String detail) {
        return new RevocationStatus(State.REVOKED, nextUpdate, source, detail);
    }

    public static RevocationStatus unknown(String source, String detail) {
        return new RevocationStatus(State.UNKNOWN, null, source, detail);
    }

    /** Unknown because (among other things) the only CRL to be had is past its nextUpdate. */
    public static RevocationStatus unknownStaleCrl(String source, String detail) {
        return new RevocationStatus(State.UNKNOWN, null, source, detail, true);
    }

    public boolean isDefinitive() {
        return state != State.UNKNOWN;
    }
}
