package org.igniterealtime.openfire.plugin.boshcertauth.request;

import org.igniterealtime.openfire.plugin.boshcertauth.request.OriginDecision.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The requests the security review made from another site (cross-site WebSocket, BOSH script syntax in a
 * {@code <script>}, credential-less cross-origin XHR/fetch), with the headers Chromium and Firefox send for each, and
 * the legitimate clients that must keep working.
 */
class OriginPolicyTest {

    private static final String SERVER = "localhost:7443";

    private static BrowserHeaders headers(String origin, String site, String mode, String dest) {
        return new BrowserHeaders(origin == null ? List.of() : List.of(origin), site, mode, dest, SERVER);
    }

    private static OriginDecision decide(String allowedSetting, BrowserHeaders headers) {
        return new OriginPolicy(AllowedOrigins.parse(allowedSetting)).decide(headers, "https");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        cross-site WebSocket upgrade (finding 1)           | http://127.0.0.1:18080 | cross-site  | websocket | websocket
        BOSH script syntax via <script> (finding 2)        | -                      | cross-site  | no-cors   | script
        same-site <script> (another port of the same host) | -                      | same-site   | no-cors   | script
        cross-origin XHR withCredentials=false (finding 3) | http://127.0.0.1:8002  | cross-site  | cors      | empty
        fetch credentials:omit (finding 3)                 | http://127.0.0.1:8002  | cross-site  | cors      | empty
        cross-origin, same site, other port                | https://localhost:8443 | same-site   | cors      | empty
        opaque origin (sandboxed iframe)                   | null                   | cross-site  | cors      | empty
        no-cors fetch without Origin                       | -                      | cross-site  | no-cors   | empty
        fetch metadata without Sec-Fetch-Site              | -                      | -           | no-cors   | script
        an origin that only looks like ours               | https://localhost:7443.evil.example | cross-site | cors | empty
        our host over plain http                           | http://localhost:7443  | cross-site  | cors      | empty
        a navigation, e.g. a link in a mail               | -                      | none        | navigate  | document
        """)
    void anotherSiteMayNotUseTheCertificate(String attack, String origin, String site, String mode, String dest) {
        // Setup
        final BrowserHeaders request = headers(origin, site, mode, dest);
        // Execute
        final OriginDecision decision = decide("", request);
        // Verify
        assertEquals(Outcome.REFUSED, decision.outcome(), attack);
        assertFalse(decision.allowed());
        assertFalse(decision.detail().isEmpty(), "a refusal says why");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        Converse on the server's own origin, POST          | https://localhost:7443 | same-origin | cors     | empty     | SAME_ORIGIN
        same-origin GET (no Origin)                        | -                      | same-origin | cors     | empty     | SAME_ORIGIN
        same-origin WebSocket                              | https://localhost:7443 | same-origin | websocket| websocket | SAME_ORIGIN
        older browser without fetch metadata, own origin   | https://localhost:7443 | -           | -        | -         | SAME_ORIGIN
        origin in upper case, explicit port                | HTTPS://LOCALHOST:7443 | -           | -        | -         | SAME_ORIGIN
        a non-browser client (Smack, a bot)                | -                      | -           | -        | -         | NOT_A_BROWSER
        """)
    void theServersOwnPagesAndOtherClientsKeepWorking(String client, String origin, String site, String mode, String dest, Outcome expected) {
        // Setup
        final BrowserHeaders request = headers(origin, site, mode, dest);
        // Execute
        final OriginDecision decision = decide("", request);
        // Verify
        assertEquals(expected, decision.outcome(), client);
        assertTrue(decision.allowed());
    }

    @Test
    void aListedOriginMayUseTheCertificate() {
        // Setup
        final BrowserHeaders request = headers("https://chat.example.org", "cross-site", "cors", "empty");
        // Execute
        final OriginDecision decision = decide("https://chat.example.org, http://127.0.0.1:8002", request);
        // Verify
        assertEquals(Outcome.LISTED_ORIGIN, decision.outcome());
        assertEquals("https://chat.example.org", decision.origin());
    }

    @Test
    void aListedOriginDoesNotAllowItsNeighbours() {
        // Setup
        final String allowed = "https://chat.example.org";
        // Execute
        final Outcome otherPort = decide(allowed, headers("https://chat.example.org:8443", "cross-site", "cors", "empty")).outcome();
        final Outcome otherScheme = decide(allowed, headers("http://chat.example.org", "cross-site", "cors", "empty")).outcome();
        final Outcome subdomain = decide(allowed, headers("https://evil.chat.example.org", "cross-site", "cors", "empty")).outcome();
        final Outcome noOriginScript = decide(allowed, headers(null, "cross-site", "no-cors", "script")).outcome();
        // Verify
        assertEquals(Outcome.REFUSED, otherPort);
        assertEquals(Outcome.REFUSED, otherScheme);
        assertEquals(Outcome.REFUSED, subdomain);
        assertEquals(Outcome.REFUSED, noOriginScript, "a <script> has no Origin, so it cannot be told to come from a listed site");
    }

    @Test
    void aRefusalNamesTheOriginToAllowOnlyWhenThereIsOne() {
        // Setup, Execute
        final OriginDecision named = decide("", headers("HTTPS://Chat.Example.org:443", "cross-site", "cors", "empty"));
        final OriginDecision script = decide("", headers(null, "cross-site", "no-cors", "script"));
        final OriginDecision opaque = decide("", headers("null", "cross-site", "cors", "empty"));
        // Verify
        assertEquals(new WebOrigin("https", "chat.example.org", 443), named.refusedOrigin());
        assertNull(script.refusedOrigin());
        assertNull(opaque.refusedOrigin());
    }

    @Test
    void starAllowsEveryOriginButStillNoAnonymousScript() {
        // Setup, Execute
        final OriginDecision listed = decide("*", headers("https://anything.example", "cross-site", "cors", "empty"));
        final OriginDecision opaque = decide("*", headers("null", "cross-site", "cors", "empty"));
        final OriginDecision script = decide("*", headers(null, "cross-site", "no-cors", "script"));
        // Verify
        assertEquals(Outcome.ANY_ORIGIN, listed.outcome());
        assertEquals(Outcome.ANY_ORIGIN, opaque.outcome());
        assertEquals(Outcome.REFUSED, script.outcome(), "'*' means any origin; a request that names none is still refused");
    }

    @Test
    void twoOriginHeadersAreRefused() {
        // Setup
        final BrowserHeaders request = new BrowserHeaders(List.of("https://localhost:7443", "https://evil.example"), null, null, null, SERVER);
        // Execute
        final OriginDecision decision = decide("*", request);
        // Verify
        assertEquals(Outcome.REFUSED, decision.outcome());
    }

    @Test
    void theRequestsOwnOriginNeedsAValidHost() {
        // Setup: no Host header, so the request's own origin is unknown
        final BrowserHeaders request = new BrowserHeaders(List.of("https://localhost:7443"), null, null, null, null);
        // Execute
        final OriginDecision decision = decide("", request);
        // Verify
        assertEquals(Outcome.REFUSED, decision.outcome());
    }

    @Test
    void defaultPortsCompareEqual() {
        // Setup
        final BrowserHeaders request = new BrowserHeaders(List.of("https://chat.example.org"), null, null, null, "chat.example.org:443");
        // Execute
        final OriginDecision decision = decide("", request);
        // Verify
        assertEquals(Outcome.SAME_ORIGIN, decision.outcome());
    }

    @Test
    void aCertificateForwardedByATlsTerminatingProxyComparesAsHttps() {
        // Setup: the proxy talks plain HTTP to Openfire, the page is https://chat.example.org
        final BrowserHeaders request = new BrowserHeaders(List.of("https://chat.example.org"), null, null, null, "chat.example.org");
        // Execute
        final OriginDecision asHttps = new OriginPolicy(AllowedOrigins.none()).decide(request, "https");
        final OriginDecision asHttp = new OriginPolicy(AllowedOrigins.none()).decide(request, "http");
        // Verify
        assertEquals(Outcome.SAME_ORIGIN, asHttps.outcome());
        assertEquals(Outcome.REFUSED, asHttp.outcome());
    }

    @Test
    void hostileHeaderValuesAreCutAndMadePrintable() {
        // Setup
        final String hostile = "https://x\u0000\n<script>" + "a".repeat(5000);
        // Execute
        final OriginDecision decision = decide("", headers(hostile, "cross-site\r\nX: y", "cors", "empty"));
        // Verify
        assertEquals(Outcome.REFUSED, decision.outcome());
        assertTrue(decision.origin().length() <= WebOrigin.MAX_LENGTH + 1, decision.origin().length() + " characters");
        assertFalse(decision.origin().contains("\n"));
        assertFalse(decision.detail().contains("\n") || decision.detail().contains("\r") || decision.detail().contains("\u0000"));
        assertTrue(decision.detail().length() < 1000);
    }
}
