package org.igniterealtime.openfire.plugin.boshcertauth.request;

/**
 * Whether a request's web origin may use the client certificate the browser presented with it, and why.
 *
 * @param outcome how it was decided
 * @param origin  the origin the browser named (its {@code Origin} header, cut to a safe length), or "" when none
 * @param detail  for a refusal, what the browser said, in words for the log and the admin page; "" otherwise
 * @param refusedOrigin for a refusal of a valid origin, that origin (what "allow this origin" would add); else null
 */
public record OriginDecision(Outcome outcome, String origin, String detail, WebOrigin refusedOrigin) {

    public enum Outcome {
        /** No Origin and no fetch metadata: not a browser, so no ambient certificate — unaffected. */
        NOT_A_BROWSER(true),
        /** The page is the server's own origin (Origin equals the request's own, or Sec-Fetch-Site: same-origin). */
        SAME_ORIGIN(true),
        /** The origin is listed in boshcertauth.web.allowed-origins. */
        LISTED_ORIGIN(true),
        /** boshcertauth.web.allowed-origins is {@code *}. */
        ANY_ORIGIN(true),
        /** Another web site, or a browser request that does not say which site it comes from. */
        REFUSED(false);

        private final boolean allowed;

        Outcome(boolean allowed) {
            this.allowed = allowed;
        }
    }

    public OriginDecision(Outcome outcome, String origin, String detail) {
        this(outcome, origin, detail, null);
    }

    public OriginDecision {
        origin = origin == null ? "" : origin;
        detail = detail == null ? "" : detail;
    }

    /** The refused origin as the setting would list it, or "" when the request named none (for the attempts list). */
    public String refusedOriginText() {
        return refusedOrigin == null ? "" : refusedOrigin.toString();
    }

    public boolean allowed() {
        return outcome.allowed;
    }
}
