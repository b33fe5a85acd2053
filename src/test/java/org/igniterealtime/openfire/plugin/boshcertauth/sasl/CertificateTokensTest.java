package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CertificateTokensTest {

    private static final TestPki.Issued CA = TestPki.rootCa("tokens CA");
    private static final TestPki.Issued ALICE = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(CA).build();

    private static SocketCertificate connection(String id) {
        return new SocketCertificate(id, "127.0.0.1", true, List.of(ALICE.certificate()));
    }

    @Test
    void aTokenIsUsableOnce() {
        final CertificateTokens tokens = new CertificateTokens();
        final SocketCertificate connection = connection("c1");
        final String token = tokens.issue(connection);

        final SocketCertificate first = tokens.consume(token);
        final SocketCertificate second = tokens.consume(token);

        assertSame(connection, first);
        assertNull(second);
    }

    @Test
    void unknownTokensResolveToNothing() {
        final CertificateTokens tokens = new CertificateTokens();
        tokens.issue(connection("c1"));

        assertNull(tokens.consume("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        assertNull(tokens.consume(null));
    }

    @Test
    void tokensAre256RandomBitsAndDistinct() {
        final CertificateTokens tokens = new CertificateTokens();
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            final String token = tokens.issue(connection("c" + i));
            assertEquals(43, token.length(), token); // 32 bytes, base64url without padding
            assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
            seen.add(token);
        }
        assertEquals(100, seen.size());
    }

    @Test
    void closingAConnectionForgetsItsTokensOnly() {
        final CertificateTokens tokens = new CertificateTokens();
        final String mine = tokens.issue(connection("mine"));
        final String other = tokens.issue(connection("other"));

        tokens.forget("mine");

        assertNull(tokens.consume(mine));
        assertEquals("other", tokens.consume(other).connectionId());
    }

    @Test
    void aConnectionCannotGrowTheRegistryWithoutBound() {
        final CertificateTokens tokens = new CertificateTokens();
        for (int i = 0; i < 10 * CertificateTokens.MAX_PER_CONNECTION; i++) {
            tokens.issue(connection("greedy"));
        }

        assertTrue(tokens.size() <= CertificateTokens.MAX_PER_CONNECTION, "size " + tokens.size());
    }
}
