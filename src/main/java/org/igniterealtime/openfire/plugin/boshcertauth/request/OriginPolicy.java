package org.igniterealtime.openfire.plugin.boshcertauth.request;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether the page behind a browser request may use the visitor's client certificate.
 *
 * <p>A browser presents a selected client certificate to the server's host and port for every request, whichever
 * web site made it — like a cookie without SameSite. So another site could log the visitor in with it: by a
 * cross-site WebSocket (no CORS applies to WebSockets), by including BOSH script syntax as a {@code <script>}, or by
 * credential-less cross-origin XHR/fetch (which still carry the TLS client certificate). Only what the browser itself
 * adds tells these apart from the legitimate client: {@code Origin} (sent on every WebSocket upgrade, every POST and
 * every CORS request) and fetch metadata ({@code Sec-Fetch-Site}, {@code -Mode}, {@code -Dest}; sent by current
 * Chromium, Firefox and Safari on every request, e.g. on a {@code <script>} GET, which has no Origin). Pages cannot
 * set or remove either.</p>
 *
 * <p>Rules, in order:</p>
 * <ol>
 *   <li>{@code Sec-Fetch-Site: same-origin} → the server's own page (this holds even when a reverse proxy rewrote Host);</li>
 *   <li>an {@code Origin} header: exactly one, a valid origin, equal to the request's own origin (its scheme and
 *       Host) or listed in the setting (or the setting is {@code *}); {@code null} (sandboxed frames, local files) and
 *       anything else are refused;</li>
 *   <li>no Origin: any other fetch metadata (cross-site, same-site, a Sec-Fetch-Mode/-Dest without Sec-Fetch-Site, and
 *       {@code none}: a top-level navigation, which no BOSH or WebSocket client makes) is refused;</li>
 *   <li>neither Origin nor fetch metadata: a non-browser client (it holds its own key; nothing ambient) — unaffected.</li>
 * </ol>
 */
public final class OriginPolicy {

    private final AllowedOrigins allowed;

    public OriginPolicy(AllowedOrigins allowed) {
        this.allowed = allowed;
    }

    /**
     * For a request that presented this certificate: its own origin's scheme is https also when a trusted
     * TLS-terminating proxy forwarded the certificate over plain HTTP (the browser saw https).
     */
    public OriginDecision decide(javax.servlet.http.HttpServletRequest request, PresentedCertificate presented) {
        return decide(BrowserHeaders.of(request), presented.forwarded() ? "https" : request.getScheme());
    }

    /**
     * @param headers  what the browser said about the request's initiator
     * @param ownScheme the scheme the request arrived with as the browser sees it (https, or https for a certificate
     *                  a trusted TLS-terminating proxy forwarded)
     */
    public OriginDecision decide(BrowserHeaders headers, String ownScheme) {
        final String site = lower(headers.secFetchSite());
        if ("same-origin".equals(site)) {
            return new OriginDecision(OriginDecision.Outcome.SAME_ORIGIN, shown(headers.origins()), "");
        }
        final List<String> origins = headers.origins();
        if (!origins.isEmpty()) {
            return byOrigin(origins, headers, ownScheme);
        }
        if (site == null && headers.secFetchMode() == null && headers.secFetchDest() == null) {
            return new OriginDecision(OriginDecision.Outcome.NOT_A_BROWSER, "", "");
        }
        if ("none".equals(site)) {
            // A user-initiated navigation (address bar, bookmark, a link opened from another application): BOSH and
            // WebSocket clients never navigate, and a link in a mail can carry a script-syntax BOSH body.
            return refused("", "a top-level navigation without Origin (Sec-Fetch-Site=none), not a BOSH or WebSocket client");
        }
        return refused("", "a browser request without Origin from another site (" + fetchMetadata(headers)
            + "), e.g. a <script> that includes BOSH script syntax");
    }

    private OriginDecision byOrigin(List<String> origins, BrowserHeaders headers, String ownScheme) {
        final String shown = shown(origins);
        if (origins.size() != 1) {
            return refused(shown, "the request carries " + origins.size() + " Origin headers");
        }
        final String value = origins.get(0).strip();
        final Optional<WebOrigin> origin = WebOrigin.parse(value);
        if (origin.isEmpty()) {
            if (allowed.any()) {
                return new OriginDecision(OriginDecision.Outcome.ANY_ORIGIN, shown, "");
            }
            return refused(shown, "null".equals(value)
                ? "the page has an opaque origin (null: a sandboxed frame, a local file or a data: URL)"
                : "the Origin header is not a valid origin");
        }
        final Optional<WebOrigin> own = WebOrigin.ofRequest(ownScheme, headers.host());
        if (own.isPresent() && own.get().equals(origin.get())) {
            return new OriginDecision(OriginDecision.Outcome.SAME_ORIGIN, shown, "");
        }
        if (allowed.origins().contains(origin.get())) {
            return new OriginDecision(OriginDecision.Outcome.LISTED_ORIGIN, shown, "");
        }
        if (allowed.any()) {
            return new OriginDecision(OriginDecision.Outcome.ANY_ORIGIN, shown, "");
        }
        return new OriginDecision(OriginDecision.Outcome.REFUSED, shown, "the page's origin " + shown + " is neither this server's own"
            + own.map(o -> " (" + o + ")").orElse("") + " nor listed in boshcertauth.web.allowed-origins ("
            + fetchMetadata(headers) + ")", origin.get());
    }

    private static OriginDecision refused(String origin, String detail) {
        return new OriginDecision(OriginDecision.Outcome.REFUSED, origin, detail);
    }

    /** The Origin value(s) for logs and the page: cut, and only printable ASCII (origins are ASCII). */
    private static String shown(List<String> origins) {
        if (origins.isEmpty()) {
            return "";
        }
        final String joined = String.join(", ", origins);
        final StringBuilder out = new StringBuilder(Math.min(joined.length(), WebOrigin.MAX_LENGTH));
        for (int i = 0; i < joined.length() && out.length() < WebOrigin.MAX_LENGTH; i++) {
            final char c = joined.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return joined.length() > WebOrigin.MAX_LENGTH ? out + "…" : out.toString();
    }

    private static String fetchMetadata(BrowserHeaders headers) {
        return "Sec-Fetch-Site=" + printable(headers.secFetchSite()) + ", Sec-Fetch-Mode=" + printable(headers.secFetchMode())
            + ", Sec-Fetch-Dest=" + printable(headers.secFetchDest());
    }

    private static String printable(String value) {
        if (value == null) {
            return "-";
        }
        return shown(List.of(value.length() > 40 ? value.substring(0, 40) : value));
    }

    private static String lower(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }
}
