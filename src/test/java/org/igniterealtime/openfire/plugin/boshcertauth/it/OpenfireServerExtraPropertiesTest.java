package org.igniterealtime.openfire.plugin.boshcertauth.it;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness's {@code -Dopenfire.extra-properties=key=value,...} parsing (what .ci/run passes for SASL2). */
class OpenfireServerExtraPropertiesTest {

    @Test
    void pairsAreSplitOnCommasAndTheFirstEqualsSign() {
        // Execute
        final Map<String, String> pairs = OpenfireServer.Builder.extraProperties(" xmpp.auth.sasl2=true , a.b=c=d,,empty= ");

        // Verify
        assertEquals(Map.of("xmpp.auth.sasl2", "true", "a.b", "c=d", "empty", ""), pairs);
    }

    @Test
    void nothingGivenMeansNoProperties() {
        assertTrue(OpenfireServer.Builder.extraProperties("").isEmpty());
    }

    @Test
    void aPairWithoutKeyIsRefusedNotIgnored() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> OpenfireServer.Builder.extraProperties("xmpp.auth.sasl2"));
        assertTrue(e.getMessage().contains("openfire.extra-properties"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OpenfireServer.Builder.extraProperties("=true"));
    }
}
