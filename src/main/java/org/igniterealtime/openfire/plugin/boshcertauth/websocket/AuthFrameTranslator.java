package org.igniterealtime.openfire.plugin.boshcertauth.websocket;

import org.igniterealtime.openfire.plugin.boshcertauth.sasl.WebSocketAuthPayload;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.util.Base64;
import java.util.Optional;

/**
 * Recognises a client's {@code <auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>} frame and builds
 * the frame that replaces it.
 *
 * <p>The frame is parsed with a namespace-aware StAX reader that refuses DTDs and external entities, so namespaces,
 * prefixes, CDATA and character references are understood as Openfire's own parser understands them. Only a frame
 * that is exactly one such element — text content only, nothing after it, one unqualified {@code mechanism}
 * attribute, well-formed base64 — is translated; everything else goes to Openfire unchanged (which refuses EXTERNAL
 * on WebSocket, its usual answer). Translation can therefore only ever turn a client's own EXTERNAL request into ours.</p>
 */
public final class AuthFrameTranslator {

    static final String SASL_NAMESPACE = "urn:ietf:params:xml:ns:xmpp-sasl";
    /** Far above any real auth frame (an authzid is at most 3071 bytes); larger frames are not even parsed. */
    static final int MAX_FRAME_CHARS = 8 * 1024;

    private static final XMLInputFactory FACTORY = createFactory();

    private AuthFrameTranslator() {}

    private static XMLInputFactory createFactory() {
        final XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        return factory;
    }

    /** What the client's EXTERNAL auth carried, without the reference (that is added per attempt). */
    public record ExternalAuth(WebSocketAuthPayload.Kind kind, byte[] data) {
        public ExternalAuth {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        /** The frame Openfire receives instead: our internal mechanism with the reference and the client's response. */
        public String translate(String token, String mechanism) {
            final byte[] payload = new WebSocketAuthPayload(token, kind, data).encode();
            return "<auth xmlns='" + SASL_NAMESPACE + "' mechanism='" + mechanism + "'>"
                + Base64.getEncoder().encodeToString(payload) + "</auth>";
        }
    }

    /** @return the client's EXTERNAL request, or empty when the frame is anything else */
    public static Optional<ExternalAuth> parse(String frame) {
        if (frame == null || frame.length() > MAX_FRAME_CHARS || !frame.contains("auth")) {
            return Optional.empty(); // cheap pre-check: every stanza passes here
        }
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(new StringReader(frame));
            return parse(reader);
        } catch (XMLStreamException | RuntimeException e) {
            return Optional.empty();
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release
                }
            }
        }
    }

    private static Optional<ExternalAuth> parse(XMLStreamReader reader) throws XMLStreamException {
        if (!nextIsRoot(reader) || !"auth".equals(reader.getLocalName()) || !SASL_NAMESPACE.equals(reader.getNamespaceURI())) {
            return Optional.empty();
        }
        String mechanism = null;
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            if ("mechanism".equals(reader.getAttributeLocalName(i))) {
                final String ns = reader.getAttributeNamespace(i);
                if (mechanism != null || (ns != null && !ns.isEmpty())) {
                    return Optional.empty(); // Openfire's dom4j lookup by local name could pick either: ambiguous
                }
                mechanism = reader.getAttributeValue(i);
            }
        }
        if (mechanism == null || !"EXTERNAL".equalsIgnoreCase(mechanism)) {
            return Optional.empty();
        }
        final StringBuilder text = new StringBuilder();
        while (true) {
            final int event = reader.next();
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA || event == XMLStreamConstants.SPACE) {
                text.append(reader.getText());
                if (text.length() > MAX_FRAME_CHARS) {
                    return Optional.empty();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            } else {
                return Optional.empty(); // child elements, comments, processing instructions, entity references
            }
        }
        if (!onlyWhitespaceUntilEnd(reader)) {
            return Optional.empty();
        }
        return initialResponse(text.toString().strip());
    }

    /** Advances to the root element; refuses DTDs and anything but whitespace before it (the XML declaration is fine). */
    private static boolean nextIsRoot(XMLStreamReader reader) throws XMLStreamException {
        return nextSignificant(reader) == XMLStreamConstants.START_ELEMENT;
    }

    private static boolean onlyWhitespaceUntilEnd(XMLStreamReader reader) throws XMLStreamException {
        return nextSignificant(reader) == XMLStreamConstants.END_DOCUMENT;
    }

    /** The next event that is not whitespace (END_DOCUMENT at the end). */
    private static int nextSignificant(XMLStreamReader reader) throws XMLStreamException {
        while (reader.hasNext()) {
            final int event = reader.next();
            if (!(event == XMLStreamConstants.SPACE || (event == XMLStreamConstants.CHARACTERS && reader.isWhiteSpace()))) {
                return event;
            }
        }
        return XMLStreamConstants.END_DOCUMENT;
    }

    private static Optional<ExternalAuth> initialResponse(String text) {
        if (text.isEmpty()) {
            return Optional.of(new ExternalAuth(WebSocketAuthPayload.Kind.NONE, new byte[0]));
        }
        if (text.equals("=")) {
            return Optional.of(new ExternalAuth(WebSocketAuthPayload.Kind.EMPTY, new byte[0]));
        }
        try {
            final byte[] data = Base64.getDecoder().decode(text); // strict: no whitespace, correct padding
            return data.length == 0 ? Optional.empty() : Optional.of(new ExternalAuth(WebSocketAuthPayload.Kind.DATA, data));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
