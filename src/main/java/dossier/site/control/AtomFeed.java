package dossier.site.control;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.time.Instant;
import java.util.List;

/** An Atom feed (RFC 4287) of articles or of comments; every address absolute, every entry's content HTML. */
public final class AtomFeed {

    private static final String ATOM = "http://www.w3.org/2005/Atom";

    /** One entry: its address is its id; summary and categories may be empty. */
    public record Entry(String url, String title, Instant published, Instant updated, String author,
                        List<String> categories, String summary, String html) {
    }

    private AtomFeed() {
    }

    /** The feed at {@code self} about the page {@code alternate}; updated when its newest entry was. */
    public static String of(String title, String self, String alternate, List<Entry> entries) {
        Instant updated = entries.stream().map(Entry::updated).max(Instant::compareTo).orElse(Instant.EPOCH);
        return Xml.document(w -> {
            w.writeStartElement("feed");
            w.writeDefaultNamespace(ATOM);
            Xml.text(w, "id", self);
            Xml.text(w, "title", title);
            Xml.text(w, "updated", Formats.iso(updated));
            link(w, "self", self);
            link(w, "alternate", alternate);
            for (Entry e : entries) {
                entry(w, e);
            }
            w.writeEndElement();
        });
    }

    private static void entry(XMLStreamWriter w, Entry e) throws XMLStreamException {
        w.writeStartElement("entry");
        Xml.text(w, "id", e.url());
        Xml.text(w, "title", e.title());
        link(w, "alternate", e.url());
        Xml.text(w, "published", Formats.iso(e.published()));
        Xml.text(w, "updated", Formats.iso(e.updated()));
        w.writeStartElement("author");
        Xml.text(w, "name", e.author());
        w.writeEndElement();
        for (String category : e.categories()) {
            w.writeEmptyElement("category");
            w.writeAttribute("term", category);
        }
        if (e.summary() != null) {
            Xml.text(w, "summary", e.summary());
        }
        w.writeStartElement("content");
        w.writeAttribute("type", "html");
        w.writeCharacters(Xml.chars(e.html()));
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void link(XMLStreamWriter w, String rel, String href) throws XMLStreamException {
        w.writeEmptyElement("link");
        w.writeAttribute("rel", rel);
        w.writeAttribute("href", href);
    }
}
