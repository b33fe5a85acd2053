package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import java.time.Instant;

/**
 * The revocation status of one certificate as far as it could be determined.
 *
 * @param state       good, revoked or unknown
 * @param nextUpdate  until when a good/revoked answer may be relied on (null: no statement)
 * @param source      "OCSP", "CRL" or "none"
 * @param detail      for logs and diagnostics
 */
public record RevocationStatus(State state, Instant nextUpdate, String source, String detail) {

    public enum State { GOOD, REVOKED, UNKNOWN }

    public static RevocationStatus good(Instant nextUpdate, String source, String detail) {
        return new RevocationStatus(State.GOOD, nextUpdate, source, detail);
    }

    public static RevocationStatus revoked(Instant nextUpdate, String source, String detail) {
        return new RevocationStatus(State.REVOKED, nextUpdate, source, detail);
    }

    public static RevocationStatus unknown(String source, String detail) {
        return new RevocationStatus(State.UNKNOWN, null, source, detail);
    }

    public boolean isDefinitive() {
        return state != State.UNKNOWN;
    }
}
