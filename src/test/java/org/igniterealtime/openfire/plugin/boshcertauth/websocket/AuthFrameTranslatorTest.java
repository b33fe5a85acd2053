package org.igniterealtime.openfire.plugin.boshcertauth.websocket;

import org.igniterealtime.openfire.plugin.boshcertauth.sasl.WebSocketAuthPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthFrameTranslatorTest {

    private static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final String ALICE_B64 = Base64.getEncoder().encodeToString("alice@localhost".getBytes(StandardCharsets.UTF_8));

    private static AuthFrameTranslator.ExternalAuth translated(String frame) {
        final Optional<AuthFrameTranslator.ExternalAuth> auth = AuthFrameTranslator.parse(frame);
        assertTrue(auth.isPresent(), "should be recognised: " + frame);
        return auth.get();
    }

    @Test
    void equalsSignIsAnEmptyInitialResponse() {
        final AuthFrameTranslator.ExternalAuth auth = translated("<auth xmlns='" + SASL + "' mechanism='EXTERNAL'>=</auth>");

        assertEquals(WebSocketAuthPayload.Kind.EMPTY, auth.kind());
        assertEquals(0, auth.data().length);
    }

    @Test
    void noTextIsNoInitialResponse() {
        assertEquals(WebSocketAuthPayload.Kind.NONE, translated("<auth xmlns='" + SASL + "' mechanism='EXTERNAL'/>").kind());
        assertEquals(WebSocketAuthPayload.Kind.NONE, translated("<auth xmlns=\"" + SASL + "\" mechanism=\"EXTERNAL\">  </auth>").kind());
    }

    @Test
    void authzidIsDecoded() {
        final AuthFrameTranslator.ExternalAuth auth = translated("<auth xmlns='" + SASL + "' mechanism='EXTERNAL'>" + ALICE_B64 + "</auth>");

        assertEquals(WebSocketAuthPayload.Kind.DATA, auth.kind());
        assertArrayEquals("alice@localhost".getBytes(StandardCharsets.UTF_8), auth.data());
    }

    @Test
    void namespacesPrefixesCdataEntitiesAndCaseAreReadAsXml() {
        assertEquals(WebSocketAuthPayload.Kind.EMPTY, translated("<sasl:auth xmlns:sasl='" + SASL + "' mechanism='EXTERNAL'>=</sasl:auth>").kind());
        assertEquals(WebSocketAuthPayload.Kind.EMPTY, translated("<auth xmlns='" + SASL + "' mechanism='EXTERNAL'><![CDATA[=]]></auth>").kind());
        assertEquals(WebSocketAuthPayload.Kind.EMPTY, translated("<auth xmlns='" + SASL + "' mechanism='&#69;XTERNAL'>&#x3D;</auth>").kind());
        assertEquals(WebSocketAuthPayload.Kind.EMPTY, translated("<auth xmlns='" + SASL + "' mechanism='external'>=</auth>").kind());
        assertEquals(WebSocketAuthPayload.Kind.EMPTY, translated("<?xml version='1.0'?>\n<auth xmlns='" + SASL + "' mechanism='EXTERNAL'>=</auth>\n").kind());
        assertEquals(WebSocketAuthPayload.Kind.DATA, translated("<auth xmlns='" + SASL + "' mechanism='EXTERNAL'>" + ALICE_B64.substring(0, 4)
            + "<![CDATA[" + ALICE_B64.substring(4) + "]]></auth>").kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGJvYgBzZWNyZXQ=</auth>",
        "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='X-BOSHCERTAUTH-WS'>=</auth>",
        "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>=</auth>",
        "<auth mechanism='EXTERNAL'>=</auth>",
        "<auth xmlns='jabber:client' mechanism='EXTERNAL'>=</auth>",
        "<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</response>",
        "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'><x/>=</auth>",
        "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=<!-- c --></auth>",
        "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth><auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>",
        "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>trailing",
        "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL' xmlns:p='urn:x' p:mechanism='PLAIN'>=</auth>",
        "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' xmlns:p='urn:x' p:mechanism='EXTERNAL'>=</auth>",
        "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>not base64!</auth>",
        "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>YWxp Y2U=</auth>",
        "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=",
        "<message xmlns='jabber:client'><body>&lt;auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'&gt;=&lt;/auth&gt;</body></message>",
        "<message xmlns='jabber:client'><body><![CDATA[<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>]]></body></message>",
        "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='localhost' version='1.0'/>",
        "<!-- auth --><auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>",
        "<?pi auth?><auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>",
        ""
    })
    void anythingElseIsLeftToOpenfire(String frame) {
        assertTrue(AuthFrameTranslator.parse(frame).isEmpty(), frame);
    }

    @Test
    void doctypesAndEntitiesAreRefused() {
        // Setup: internal entity expansion and an external entity (XXE)
        final String internal = "<!DOCTYPE auth [<!ENTITY m 'EXTERNAL'>]><auth xmlns='" + SASL + "' mechanism='&m;'>=</auth>";
        final String external = "<!DOCTYPE auth [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><auth xmlns='" + SASL + "' mechanism='EXTERNAL'>&x;</auth>";

        // Execute, Verify
        assertTrue(AuthFrameTranslator.parse(internal).isEmpty());
        assertTrue(AuthFrameTranslator.parse(external).isEmpty());
    }

    @Test
    void oversizedFramesAreNotParsed() {
        final String padding = " ".repeat(AuthFrameTranslator.MAX_FRAME_CHARS);
        final String frame = "<auth xmlns='" + SASL + "' mechanism='EXTERNAL'>=</auth>" + padding;

        assertTrue(AuthFrameTranslator.parse(frame).isEmpty());
    }

    @Test
    void translationCarriesTokenAndResponseInOurMechanism() {
        // Setup
        final AuthFrameTranslator.ExternalAuth auth = translated("<auth xmlns='" + SASL + "' mechanism='EXTERNAL'>" + ALICE_B64 + "</auth>");

        // Execute
        final String frame = auth.translate("TOKEN", "X-BOSHCERTAUTH-WS");

        // Verify
        final Matcher m = Pattern.compile("^<auth xmlns='" + Pattern.quote(SASL) + "' mechanism='X-BOSHCERTAUTH-WS'>([A-Za-z0-9+/=]+)</auth>$").matcher(frame);
        assertTrue(m.matches(), frame);
        final WebSocketAuthPayload payload = WebSocketAuthPayload.decode(Base64.getDecoder().decode(m.group(1))).orElseThrow();
        assertEquals("TOKEN", payload.token());
        assertEquals(WebSocketAuthPayload.Kind.DATA, payload.kind());
        assertArrayEquals("alice@localhost".getBytes(StandardCharsets.UTF_8), payload.data());
    }
}
