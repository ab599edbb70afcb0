package dossier.site.control;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;

/** XML documents (feeds, the sitemap) written by StAX, which escapes; the one place that drops what XML cannot carry. */
public final class Xml {

    private Xml() {
    }

    /** What goes between the document's start and end. */
    public interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    public static String document(Body body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            body.write(w);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write XML", e);
        }
        return out.toString();
    }

    /** An element holding text. */
    public static void text(XMLStreamWriter w, String element, String value) throws XMLStreamException {
        w.writeStartElement(element);
        w.writeCharacters(chars(value));
        w.writeEndElement();
    }

    /** XML 1.0 cannot carry most control characters at all, escaped or not: they are dropped. */
    public static String chars(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
            if (!allowed && out == null) {
                out = new StringBuilder(s.substring(0, i));
            } else if (allowed && out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }
}
