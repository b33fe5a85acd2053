package org.igniterealtime.openfire.plugin.boshcertauth.bosh;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.util.Optional;

/**
 * Reads the {@code sid} of a BOSH request from the start of its body: the root {@code <body/>} element's attribute.
 * Only the first start tag is parsed, with a hardened StAX reader (no DTDs, no external entities), so a truncated
 * prefix of the body is enough.
 */
public final class BoshBodyInspector {

    /** What the start of a request body told us. */
    public record BodyStart(boolean parsed, String sid) {
        public Optional<String> sessionId() { return Optional.ofNullable(sid); }
        static final BodyStart UNPARSEABLE = new BodyStart(false, null);
    }

    private static final XMLInputFactory FACTORY = createFactory();

    private BoshBodyInspector() {}

    private static XMLInputFactory createFactory() {
        final XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    /** @param prefix the first bytes of the body (UTF-8); need not be the whole body */
    public static BodyStart inspect(byte[] prefix, int length) {
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(prefix, 0, length), "UTF-8");
            while (reader.hasNext()) {
                final int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (!"body".equals(reader.getLocalName())) {
                        return BodyStart.UNPARSEABLE;
                    }
                    final String sid = reader.getAttributeValue(null, "sid");
                    return new BodyStart(true, sid == null || sid.isBlank() ? null : sid.trim());
                }
                if (event == XMLStreamConstants.DTD) {
                    return BodyStart.UNPARSEABLE;
                }
            }
            return BodyStart.UNPARSEABLE;
        } catch (XMLStreamException | RuntimeException e) {
            return BodyStart.UNPARSEABLE;
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
}
