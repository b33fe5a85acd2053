package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The SASL2 feature is removed from the features we rewrite, and from nothing else. */
class Sasl2FeatureTest {

    private static final String SASL1 = "<mechanisms xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><mechanism>PLAIN</mechanism><mechanism>EXTERNAL</mechanism></mechanisms>";
    /** As Openfire main (3709dd49) writes it with xmpp.auth.sasl2=true (dom4j). */
    private static final String SASL2 = "<authentication xmlns=\"urn:xmpp:sasl:2\"><mechanism>PLAIN</mechanism><mechanism>SCRAM-SHA-1</mechanism><mechanism>EXTERNAL</mechanism></authentication>";
    private static final String HEAD = "<stream:features xmlns:stream=\"http://etherx.jabber.org/streams\">";
    private static final String TAIL = "<register xmlns=\"http://jabber.org/features/iq-register\"/></stream:features>";

    @Test
    void theElementAfterTheSasl1ListIsRemoved() {
        assertEquals(HEAD + SASL1 + TAIL, Sasl2Feature.strip(HEAD + SASL1 + SASL2 + TAIL));
    }

    @Test
    void featuresWithoutSasl2AreTheSameInstance() {
        final String features = HEAD + SASL1 + TAIL;
        assertSame(features, Sasl2Feature.strip(features));
    }

    @Test
    void sasl2ElsewhereThanRightAfterTheSasl1ListIsLeftAlone() {
        // Setup: not where Openfire writes it (before the SASL1 list; after another feature); no SASL1 list at all
        final String before = HEAD + SASL2 + SASL1 + TAIL;
        final String apart = HEAD + SASL1 + "<bind xmlns=\"urn:ietf:params:xml:ns:xmpp-bind\"/>" + SASL2 + TAIL;
        final String alone = HEAD + SASL2 + TAIL;

        // Execute, Verify
        assertSame(before, Sasl2Feature.strip(before));
        assertSame(apart, Sasl2Feature.strip(apart));
        assertSame(alone, Sasl2Feature.strip(alone));
    }

    @Test
    void irregularMarkupIsLeftAlone() {
        // Setup: unterminated; a nested element of the same name (the first end tag would cut it in the middle); two SASL1 lists
        final String unterminated = HEAD + SASL1 + "<authentication xmlns=\"urn:xmpp:sasl:2\"><mechanism>PLAIN</mechanism>" + TAIL;
        final String nested = HEAD + SASL1 + "<authentication xmlns=\"urn:xmpp:sasl:2\"><authentication/><mechanism>PLAIN</mechanism></authentication></authentication>" + TAIL;
        final String twice = HEAD + SASL1 + SASL2 + SASL1 + TAIL;

        // Execute, Verify
        assertSame(unterminated, Sasl2Feature.strip(unterminated));
        assertSame(nested, Sasl2Feature.strip(nested));
        assertSame(twice, Sasl2Feature.strip(twice));
    }

    @Test
    void theBoshListNarrowedToExternalLosesItsSasl2Neighbour() {
        // Setup: Openfire 5.2's session-creation response for a certificate session, SASL2 on
        final String response = "<body xmlns=\"http://jabber.org/protocol/httpbind\">" + HEAD + SASL1 + SASL2 + TAIL + "</body>";

        // Execute
        final String rewritten = MechanismListRewriter.externalOnly(response);

        // Verify
        assertEquals("<body xmlns=\"http://jabber.org/protocol/httpbind\">" + HEAD
            + "<mechanisms xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><mechanism>EXTERNAL</mechanism></mechanisms>" + TAIL + "</body>", rewritten);
    }

    @Test
    void anExternalOnlyListKeepsItselfButLosesSasl2() {
        // Setup: sasl.mechs=EXTERNAL: nothing to narrow in SASL1, SASL2 offers EXTERNAL, which BOSH cannot process
        final String sasl1 = "<mechanisms xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><mechanism>EXTERNAL</mechanism></mechanisms>";
        final String response = HEAD + sasl1 + "<authentication xmlns=\"urn:xmpp:sasl:2\"><mechanism>EXTERNAL</mechanism></authentication>" + TAIL;
        final String withoutSasl2 = HEAD + sasl1 + TAIL;

        // Execute, Verify
        assertEquals(withoutSasl2, MechanismListRewriter.externalOnly(response));
        assertSame(withoutSasl2, MechanismListRewriter.externalOnly(withoutSasl2));
    }

    @Test
    void withoutExternalInTheSasl1ListNothingChanges() {
        // Setup: no certificate login on this session: Openfire's features as they are, SASL2 included
        final String response = HEAD + "<mechanisms xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><mechanism>PLAIN</mechanism></mechanisms>" + SASL2 + TAIL;

        // Execute, Verify
        assertSame(response, MechanismListRewriter.externalOnly(response));
    }
}
