package org.igniterealtime.openfire.plugin.boshcertauth.request;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class AllowedOriginsTest {

    @Test
    void parsesAListInTheGivenOrder() {
        // Setup, Execute
        final AllowedOrigins allowed = AllowedOrigins.parse(" https://chat.example.org,http://127.0.0.1:8080  https://[::1]:5443 ");
        // Verify
        assertEquals(List.of(new WebOrigin("https", "chat.example.org", 443), new WebOrigin("http", "127.0.0.1", 8080),
            new WebOrigin("https", "[::1]", 5443)), allowed.origins());
        assertFalse(allowed.any());
        assertEquals("https://chat.example.org,http://127.0.0.1:8080,https://[::1]:5443", allowed.toString());
    }

    @Test
    void blankMeansOnlyTheServersOwnOrigin() {
        // Setup, Execute
        final AllowedOrigins allowed = AllowedOrigins.parse("  ");
        // Verify
        assertTrue(allowed.origins().isEmpty());
        assertFalse(allowed.any());
    }

    @Test
    void starIsAnExplicitChoice() {
        // Setup, Execute
        final AllowedOrigins allowed = AllowedOrigins.parse("*");
        // Verify
        assertTrue(allowed.any());
        assertTrue(allowed.contains(new WebOrigin("https", "evil.example", 443)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://chat.example.org/", "https://chat.example.org/converse", "*.example.org",
        "https://*.example.org", "chat.example.org", "null", "https://user@chat.example.org", "https://chat.example.org:0",
        "https://chat.example.org:99999", "javascript:alert(1)",
        "https://chat.example.org?x", "javascript://x:1", "chrome-extension://abcdef:1", "https://ex%61mple.org", "https://chat_example.org"})
    void refusesWhatNoBrowserSendsAsOrigin(String entry) {
        // Setup, Execute
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AllowedOrigins.parse("https://ok.example, " + entry));
        // Verify: the message names the bad entry, by position
        assertTrue(e.getMessage().startsWith("entry 2 "), e.getMessage());
    }

    @Test
    void explicitDefaultPortsAndCaseAreNormalised() {
        // Setup, Execute
        final AllowedOrigins allowed = AllowedOrigins.parse("HTTPS://Chat.Example.org:443,http://a.example:80");
        // Verify
        assertEquals("https://chat.example.org,http://a.example", allowed.toString());
    }

    @Test
    void plainHttpOriginsOfOtherHostsAreInsecure() {
        // Setup, Execute
        final AllowedOrigins allowed = AllowedOrigins.parse("http://chat.example.org, http://127.0.0.1:8002, http://localhost:81, https://a.example");
        // Verify
        assertEquals(List.of(new WebOrigin("http", "chat.example.org", 80)), allowed.insecure());
    }

    @Test
    void allowingOneMoreKeepsTheOthers() {
        // Setup
        final AllowedOrigins allowed = AllowedOrigins.parse("https://a.example");
        // Execute
        final AllowedOrigins more = allowed.with(WebOrigin.parse("http://127.0.0.1:8002").orElseThrow());
        // Verify
        assertEquals("https://a.example,http://127.0.0.1:8002", more.toString());
        assertEquals(more.origins(), AllowedOrigins.parse(more.toString()).origins());
    }
}
