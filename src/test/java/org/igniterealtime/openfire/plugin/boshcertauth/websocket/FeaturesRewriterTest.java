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
    /** Openfire 5.2 with xmpp.auth.sasl2=true: the SASL2 list after the SASL1 one, the internal mechanism in both. */
    private static final String SASL2 = "<authentication xmlns=\"urn:xmpp:sasl:2\"><mechanism>PLAIN</mechanism><mechanism>" + INTERNAL + "</mechanism><mechanism>SCRAM-SHA-1</mechanism></authentication>";
    private static final String FEATURES_SASL2 = HEAD + "<mechanism>PLAIN</mechanism><mechanism>" + INTERNAL + "</mechanism><mechanism>SCRAM-SHA-1</mechanism></mechanisms>"
        + SASL2 + "<register xmlns=\"http://jabber.org/features/iq-register\"/></stream:features>";

    @Test
    void certificateConnectionsAreNotOfferedSasl2() {
        assertEquals(HEAD + "<mechanism>EXTERNAL</mechanism>" + TAIL,
            FeaturesRewriter.rewrite(FEATURES_SASL2, INTERNAL, FeaturesRewriter.Offer.EXTERNAL_ONLY));
        assertEquals(HEAD + "<mechanism>PLAIN</mechanism><mechanism>EXTERNAL</mechanism><mechanism>SCRAM-SHA-1</mechanism>" + TAIL,
            FeaturesRewriter.rewrite(FEATURES_SASL2, INTERNAL, FeaturesRewriter.Offer.EXTERNAL));
    }

    @Test
    void connectionsWithoutCertificateLoginKeepSasl2WithoutTheInternalMechanism() {
        assertEquals(HEAD + "<mechanism>PLAIN</mechanism><mechanism>SCRAM-SHA-1</mechanism></mechanisms>"
                + "<authentication xmlns=\"urn:xmpp:sasl:2\"><mechanism>PLAIN</mechanism><mechanism>SCRAM-SHA-1</mechanism></authentication>"
                + "<register xmlns=\"http://jabber.org/features/iq-register\"/></stream:features>",
            FeaturesRewriter.rewrite(FEATURES_SASL2, INTERNAL, FeaturesRewriter.Offer.NONE));
    }
}
