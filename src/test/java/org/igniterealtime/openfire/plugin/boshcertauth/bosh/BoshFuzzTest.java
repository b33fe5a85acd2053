package org.igniterealtime.openfire.plugin.boshcertauth.bosh;

import org.igniterealtime.openfire.plugin.boshcertauth.sasl.MechanismListRewriter;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz targets for what the filter reads of BOSH traffic (corpus in {@code .../BoshFuzzTestInputs/<method>/}): the
 * start of a request body (client-controlled) and Openfire's session-creation response (rewritten by us).
 */
class BoshFuzzTest {

    /** Never throws; a parsed start has a non-blank sid or none. */
    @FuzzTest(maxDuration = "2m")
    void bodyInspector(byte[] body) {
        final BoshBodyInspector.BodyStart start = BoshBodyInspector.inspect(body, Math.min(body.length, ClientCertificateFilter.BODY_PREFIX_BYTES));

        assertNotNull(start);
        if (!start.parsed()) {
            assertTrue(start.sid() == null);
        } else if (start.sid() != null) {
            assertTrue(!start.sid().isBlank() && start.sid().equals(start.sid().trim()));
        }
    }

    /** Never throws; a rewrite only ever narrows the mechanisms to EXTERNAL and leaves the rest of the response alone. */
    @FuzzTest(maxDuration = "2m")
    void externalOnly(byte[] response) {
        final String text = new String(response, StandardCharsets.UTF_8);

        final String rewritten = MechanismListRewriter.externalOnly(text);
        final byte[] rewrittenBytes = MechanismListRewriter.externalOnly(response);

        assertNotNull(rewritten);
        assertNotNull(rewrittenBytes);
        if (rewritten != text) {
            assertTrue(rewritten.contains("<mechanism>EXTERNAL</mechanism></mechanisms>"));
            assertTrue(rewritten.length() < text.length(), "a rewrite removes mechanisms");
            assertTrue(text.contains("<mechanism>EXTERNAL</mechanism>"), "EXTERNAL was offered by Openfire");
            final int start = text.indexOf("<mechanisms ");
            assertTrue(rewritten.startsWith(text.substring(0, start)), "what precedes the mechanisms is unchanged");
        } else {
            assertSame(text, rewritten);
        }
    }
}
