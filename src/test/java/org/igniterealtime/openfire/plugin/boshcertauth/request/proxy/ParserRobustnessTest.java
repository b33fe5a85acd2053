package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Hostile input must never make a parser throw (the servlet filter relies on an answer, and an exception could turn
 * into a 500 or worse): valid values with random edits — especially of the characters the formats give meaning to —
 * always yield absent, a chain or a failure.
 */
class ParserRobustnessTest {

    private static final String SPECIAL = "\"\\,;=:%+/- \n\r\t-----BEGIN CERTIFICATE-----(null)";

    private static String valid(ProxyFormat format) {
        return switch (format) {
            case NGINX -> ProxyEncodings.nginx(Pki.alice());
            case APACHE -> ProxyEncodings.apache(Pki.alice());
            case HAPROXY -> ProxyEncodings.haproxy(Pki.alice());
            case ENVOY -> "By=spiffe://a;Subject=\"CN=x,O=\\\"y\\\"\";Cert=\"" + ProxyEncodings.envoyChain(List.of(Pki.alice())) + "\"";
            case TRAEFIK -> ProxyEncodings.traefik(Pki.aliceChain());
            case RFC9440 -> ProxyEncodings.rfc9440(Pki.alice()) + ";a=1";
        };
    }

    private static String mutate(String value, Random random) {
        final StringBuilder b = new StringBuilder(value);
        final int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && b.length() > 0; e++) {
            final int at = random.nextInt(b.length());
            final char c = random.nextBoolean() ? SPECIAL.charAt(random.nextInt(SPECIAL.length())) : (char) random.nextInt(256);
            switch (random.nextInt(4)) {
                case 0 -> b.setCharAt(at, c);
                case 1 -> b.insert(at, c);
                case 2 -> b.deleteCharAt(at);
                default -> b.setLength(at);   // truncation
            }
        }
        return b.toString();
    }

    @ParameterizedTest
    @EnumSource(ProxyFormat.class)
    void randomEditsNeverThrow(ProxyFormat format) {
        // Setup
        final ForwardedCertificateParser parser = format.parser(null, HeaderLimits.DEFAULTS);
        final String valid = valid(format);
        final Random random = new Random(9440 + format.ordinal());   // fixed seed: reproducible
        final String chainHeader = format.chainHeader().orElse("X-Unused");
        for (int i = 0; i < 3000; i++) {
            final String mutated = mutate(valid, random);
            final HeaderSource headers = Headers.with(format.defaultCertificateHeader(), mutated)
                .and(chainHeader, mutate(valid, random)).source();
            // Execute
            final ParsedChain result = assertDoesNotThrow(() -> parser.parse(headers), () -> format + " threw on: " + mutated);
            // Verify
            assertNotNull(result.status());
            if (result.hasChain()) {
                assertFalse(result.chain().isEmpty());
            }
        }
    }
}
