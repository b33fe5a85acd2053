package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** EXTERNAL added to a list Openfire left it out of, for a session whose certificate cannot be used (issue 15). */
class MechanismListRewriterTest {

    private static final String OPEN = "<stream:features><mechanisms xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\">";
    private static final String CLOSE = "</mechanisms><bind xmlns=\"urn:ietf:params:xml:ns:xmpp-bind\"/></stream:features>";

    @Test
    void externalIsAddedWhenOpenfireLeftItOut() {
        // Setup
        final byte[] response = bytes(OPEN + "<mechanism>PLAIN</mechanism><mechanism>SCRAM-SHA-1</mechanism>" + CLOSE);

        // Execute
        final byte[] rewritten = MechanismListRewriter.withExternal(response);

        // Verify
        assertEquals(OPEN + "<mechanism>PLAIN</mechanism><mechanism>SCRAM-SHA-1</mechanism><mechanism>EXTERNAL</mechanism>" + CLOSE,
            new String(rewritten, StandardCharsets.UTF_8));
    }

    @Test
    void aListWithExternalIsLeftAlone() {
        // Setup
        final byte[] response = bytes(OPEN + "<mechanism>EXTERNAL</mechanism><mechanism>PLAIN</mechanism>" + CLOSE);

        // Execute / Verify
        assertSame(response, MechanismListRewriter.withExternal(response));
    }

    @Test
    void unexpectedMarkupIsLeftAlone() {
        // Setup: a mechanism element that is not a plain name, and no mechanisms element at all
        final byte[] odd = bytes(OPEN + "<mechanism>PLAIN</mechanism><mechanism attr='x'>SCRAM-SHA-1</mechanism>" + CLOSE);
        final byte[] none = bytes("<stream:features><bind xmlns=\"urn:ietf:params:xml:ns:xmpp-bind\"/></stream:features>");

        // Execute / Verify
        assertSame(odd, MechanismListRewriter.withExternal(odd));
        assertSame(none, MechanismListRewriter.withExternal(none));
    }

    @Test
    void addedExternalCanThenBeNarrowedToAlone() {
        // Setup
        final byte[] response = bytes(OPEN + "<mechanism>PLAIN</mechanism>" + CLOSE);

        // Execute
        final byte[] rewritten = MechanismListRewriter.externalOnly(MechanismListRewriter.withExternal(response));

        // Verify
        assertEquals(OPEN + "<mechanism>EXTERNAL</mechanism>" + CLOSE, new String(rewritten, StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
