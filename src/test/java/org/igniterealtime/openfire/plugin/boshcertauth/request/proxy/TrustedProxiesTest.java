package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TrustedProxiesTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankTrustsNobody(String list) {
        // Setup
        final TrustedProxies trusted = TrustedProxies.parse(list);
        // Execute
        final boolean loopback = trusted.contains("127.0.0.1");
        // Verify
        assertFalse(loopback);
        assertTrue(trusted.isEmpty());
    }

    @Test
    void noneTrustsNobody() {
        // Setup, Execute, Verify
        assertFalse(TrustedProxies.none().contains("127.0.0.1"));
        assertFalse(TrustedProxies.none().contains("::1"));
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        // single IPv4
        "10.0.0.5,           10.0.0.5,        true",
        "10.0.0.5,           10.0.0.6,        false",
        // CIDR boundaries
        "192.168.1.0/24,     192.168.1.0,     true",
        "192.168.1.0/24,     192.168.1.255,   true",
        "192.168.1.0/24,     192.168.2.0,     false",
        "192.168.1.0/24,     192.168.0.255,   false",
        "10.0.0.0/8,         10.255.255.255,  true",
        "10.0.0.0/8,         11.0.0.0,        false",
        "172.16.0.0/12,      172.31.255.255,  true",
        "172.16.0.0/12,      172.32.0.0,      false",
        "10.1.2.3/32,        10.1.2.3,        true",
        "10.1.2.3/32,        10.1.2.4,        false",
        "0.0.0.0/0,          203.0.113.9,     true",
        "0.0.0.0/0,          ::1,             false",
        // IPv6
        "::1,                ::1,             true",
        "::1,                0:0:0:0:0:0:0:1, true",
        "::1,                [::1],           true",
        "[::1],              ::1,             true",
        "::1,                127.0.0.1,       false",
        "2001:db8::/32,      2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, true",
        "2001:db8::/32,      2001:db9::,      false",
        "[2001:db8::]/32,    2001:DB8::1,     true",
        "2001:db8::/127,     2001:db8::1,     true",
        "2001:db8::/127,     2001:db8::2,     false",
        // IPv4-mapped IPv6: the same host whichever way the socket reports it
        "10.0.0.5,           ::ffff:10.0.0.5, true",
        "::ffff:10.0.0.5,    10.0.0.5,        true",
        "::ffff:10.0.0.0/104, 10.200.0.1,     true",
        "::ffff:10.0.0.0/104, 11.0.0.1,       false",
        // zone id on the peer is dropped
        "fe80::1,            fe80::1%eth0,    true",
        "fe80::1,            [fe80::1%1],     true",
    })
    void matching(String list, String remote, boolean expected) {
        // Setup
        final TrustedProxies trusted = TrustedProxies.parse(list);
        // Execute
        final boolean result = trusted.contains(remote);
        // Verify
        assertEquals(expected, result);
    }

    @Test
    void listOfSeveralEntriesMatchesAny() {
        // Setup
        final TrustedProxies trusted = TrustedProxies.parse(" 10.0.0.5 , 192.168.0.0/16,::1 ");
        // Execute, Verify
        assertTrue(trusted.contains("10.0.0.5"));
        assertTrue(trusted.contains("192.168.44.1"));
        assertTrue(trusted.contains("::1"));
        assertFalse(trusted.contains("10.0.0.4"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "proxy.example.com", "", "10.0.0.256", "010.0.0.5", "not an address", "[10.0.0.5]", "1234"})
    void peerThatIsNotALiteralIsNotTrusted(String remote) {
        // Setup: even with everything trusted, a non-literal is neither trusted nor resolved
        final TrustedProxies trusted = TrustedProxies.parse("0.0.0.0/0, ::/0");
        // Execute
        final boolean result = trusted.contains(remote);
        // Verify
        assertFalse(result);
    }

    @Test
    void nullPeerIsNotTrusted() {
        assertFalse(TrustedProxies.parse("0.0.0.0/0").contains(null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "10.0.0.300                    | entry 1 '10.0.0.300' is not an IP address or CIDR (host names are not accepted)",
        "proxy.example.com             | entry 1 'proxy.example.com' is not an IP address or CIDR (host names are not accepted)",
        "localhost                     | entry 1 'localhost' is not an IP address or CIDR (host names are not accepted)",
        "010.0.0.1                     | entry 1 '010.0.0.1' is not an IP address or CIDR (host names are not accepted)",
        "10.0.0.0/33                   | entry 1 '10.0.0.0/33' has prefix length '33'; it must be a number from 0 to 32",
        "10.0.0.0/-1                   | entry 1 '10.0.0.0/-1' has prefix length '-1'; it must be a number from 0 to 32",
        "10.0.0.0/                     | entry 1 '10.0.0.0/' has prefix length ''; it must be a number from 0 to 32",
        "2001:db8::/129                | entry 1 '2001:db8::/129' has prefix length '129'; it must be a number from 0 to 128",
        "::ffff:10.0.0.0/64            | entry 1 '::ffff:10.0.0.0/64' has prefix length '64'; it must be a number from 96 to 128",
        "10.0.0.1/8                    | entry 1 '10.0.0.1/8' has host bits set after /8 (did you mean 10.0.0.0/8?)",
        "fe80::1%eth0                  | entry 1 'fe80::1%eth0' has an IPv6 zone id, which is not supported",
        "2001:db8::1::2                | entry 1 '2001:db8::1::2' is not an IP address or CIDR (host names are not accepted)",
        "[::1                          | entry 1 '[::1' is not an IP address or CIDR (host names are not accepted)",
    })
    void invalidEntryHasAPreciseMessage(String list, String message) {
        // Setup, Execute
        final InvalidTrustedProxiesException e = assertThrows(InvalidTrustedProxiesException.class, () -> TrustedProxies.parse(list));
        // Verify
        assertEquals(List.of(message), e.errors());
    }

    @Test
    void everyInvalidEntryIsReportedWithItsNumber() {
        // Setup
        final String list = "10.0.0.1, 192.168.0.0/16, 10.0.0.300,, proxy.internal";
        // Execute
        final InvalidTrustedProxiesException e = assertThrows(InvalidTrustedProxiesException.class, () -> TrustedProxies.parse(list));
        // Verify
        assertEquals(List.of(
            "entry 3 '10.0.0.300' is not an IP address or CIDR (host names are not accepted)",
            "entry 4 is empty",
            "entry 5 'proxy.internal' is not an IP address or CIDR (host names are not accepted)"), e.errors());
        assertTrue(e.getMessage().contains("entry 3 '10.0.0.300'"));
    }

    @Test
    void toStringShowsCanonicalBlocks() {
        // Setup
        final TrustedProxies trusted = TrustedProxies.parse("10.0.0.0/8, ::ffff:192.168.1.1, ::1");
        // Execute
        final String shown = trusted.toString();
        // Verify
        assertEquals("10.0.0.0/8, 192.168.1.1/32, 0:0:0:0:0:0:0:1/128", shown);
    }
}
