package org.igniterealtime.openfire.plugin.boshcertauth.websocket;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class FeaturesRewriterTest {

    private static final String INTERNAL = "X-BOSHCERTAUTH-WS";
    private static final String HEAD = "<stream:features xmlns:stream=\"http://etherx.jabber.org/streams\"><mechanisms xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\">";
    private static final String TAIL = "</mechanisms><register xmlns=\"http://jabber.org/features/iq-register\"/></stream:features>";
    /** As Openfire 5.1.1 writes it (dom4j; mechanism order is a HashSet's). */
    private static final String FEATURES = HEAD + "<mechanism>PLAIN</mechanism><mechanism>" + INTERNAL + "</mechanism><mechanism>SCRAM-SHA-1</mechanism>" + TAIL;

    @Test
    void noneRemovesTheInternalMechanism() {
        assertEquals(HEAD + "<mechanism>PLAIN</mechanism><mechanism>SCRAM-SHA-1</mechanism>" + TAIL,
            FeaturesRewriter.rewrite(FEATURES, INTERNAL, FeaturesRewriter.Offer.NONE));
    }

    @Test
    void externalReplacesIt() {
        assertEquals(HEAD + "<mechanism>PLAIN</mechanism><mechanism>EXTERNAL</mechanism><mechanism>SCRAM-SHA-1</mechanism>" + TAIL,
            FeaturesRewriter.rewrite(FEATURES, INTERNAL, FeaturesRewriter.Offer.EXTERNAL));
    }

    @Test
    void externalOnlyNarrowsTheList() {
        assertEquals(HEAD + "<mechanism>EXTERNAL</mechanism>" + TAIL,
            FeaturesRewriter.rewrite(FEATURES, INTERNAL, FeaturesRewriter.Offer.EXTERNAL_ONLY));
    }

    @Test
    void framesWithoutItAndOtherFramesAreUntouched() {
        // Setup: features without the internal mechanism; a stanza that quotes the markup in CDATA
        final String plain = HEAD + "<mechanism>PLAIN</mechanism>" + TAIL;
        final String message = "<message xmlns=\"jabber:client\"><body><![CDATA[<mechanism>" + INTERNAL + "</mechanism>]]></body></message>";

        // Execute, Verify
        assertSame(plain, FeaturesRewriter.rewrite(plain, INTERNAL, FeaturesRewriter.Offer.EXTERNAL_ONLY));
        assertSame(message, FeaturesRewriter.rewrite(message, INTERNAL, FeaturesRewriter.Offer.EXTERNAL));
    }
}
