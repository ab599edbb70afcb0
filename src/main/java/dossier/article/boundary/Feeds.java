package dossier.article.boundary;

import dossier.article.entity.Article;
import dossier.article.entity.Tag;
import dossier.site.control.Formats;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What feed readers and search engines read: Atom feeds for the site and for each tag, the sitemap and
 * robots.txt, all with absolute links from {@code dossier.base-url}. XML is written by StAX, which escapes.
 */
@Path("")
@RequestScoped
public class Feeds {

    static final int FEED_ENTRIES = 20;
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9";

    @Inject
    Articles articles;

    /** Feeds and the sitemap are the same for everyone: rendered once until something changes. */
    @Inject
    dossier.site.control.PageCache cache;

    @Inject
    @ConfigProperty(name = "dossier.base-url", defaultValue = "http://localhost:8080")
    String baseUrl;

    @GET
    @Path("feed.atom")
    @Produces("application/atom+xml;charset=utf-8")
    public String site() {
        return cache.page("/feed.atom",
                () -> atom("Dossier", "/", "/feed.atom", articles.latest(1, FEED_ENTRIES, Instant.now()).articles()));
    }

    @GET
    @Path("tags/{tag}/feed.atom")
    @Produces("application/atom+xml;charset=utf-8")
    public String tag(@PathParam("tag") String tag) {
        String name = Tag.normalize(tag);
        return cache.page(Formats.tagPath(name) + "/feed.atom", () -> {
            Articles.Slice slice = articles.tagged(name, 1, FEED_ENTRIES, Instant.now());
            if (slice.total() == 0) {
                throw new NotFoundException();
            }
            return atom("Dossier: " + name, Formats.tagPath(name), Formats.tagPath(name) + "/feed.atom", slice.articles());
        });
    }

    @GET
    @Path("sitemap.xml")
    @Produces("application/xml;charset=utf-8")
    public String sitemap() {
        return cache.page("/sitemap.xml", this::renderSitemap);
    }

    private String renderSitemap() {
        List<Article> visible = articles.latest(1, Integer.MAX_VALUE, Instant.now()).articles();
        return xml(w -> {
            w.writeStartElement("urlset");
            w.writeDefaultNamespace(SITEMAP);
            url(w, "/", visible.isEmpty() ? null : visible.get(0).updatedAt());
            Set<String> tags = new LinkedHashSet<>();
            for (Article a : visible) {
                url(w, Formats.articlePath(a.slug()), a.updatedAt());
                tags.addAll(a.tagNames());
            }
            for (String tag : tags) {
                url(w, Formats.tagPath(tag), null);
            }
            w.writeEndElement();
        });
    }

    @GET
    @Path("robots.txt")
    @Produces("text/plain;charset=utf-8")
    public String robots() {
        return "User-agent: *\nDisallow: /admin/\nDisallow: /account/\nDisallow: /api/\nDisallow: /setup\n"
                + "Sitemap: " + absolute("/sitemap.xml") + "\n";
    }

    private String atom(String title, String page, String self, List<Article> entries) {
        Instant updated = entries.stream().map(Article::updatedAt).max(Instant::compareTo).orElse(Instant.EPOCH);
        return xml(w -> {
            w.writeStartElement("feed");
            w.writeDefaultNamespace(ATOM);
            text(w, "id", absolute(self));
            text(w, "title", title);
            text(w, "updated", Formats.iso(updated));
            link(w, "self", absolute(self));
            link(w, "alternate", absolute(page));
            for (Article a : entries) {
                w.writeStartElement("entry");
                String url = absolute(Formats.articlePath(a.slug()));
                text(w, "id", url);
                text(w, "title", a.title());
                link(w, "alternate", url);
                text(w, "published", Formats.iso(a.publishedAt()));
                text(w, "updated", Formats.iso(a.updatedAt()));
                w.writeStartElement("author");
                text(w, "name", a.author() == null ? "Dossier" : a.author());
                w.writeEndElement();
                for (String tag : a.tagNames()) {
                    w.writeEmptyElement("category");
                    w.writeAttribute("term", tag);
                }
                if (a.summary() != null) {
                    text(w, "summary", a.summary());
                }
                w.writeStartElement("content");
                w.writeAttribute("type", "html");
                w.writeCharacters(xmlChars(a.html()));
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndElement();
        });
    }

    private String absolute(String path) {
        return baseUrl.replaceAll("/+$", "") + path;
    }

    private void url(XMLStreamWriter w, String path, Instant modified) throws XMLStreamException {
        w.writeStartElement("url");
        text(w, "loc", absolute(path));
        if (modified != null) {
            text(w, "lastmod", Formats.iso(modified));
        }
        w.writeEndElement();
    }

    private static void link(XMLStreamWriter w, String rel, String href) throws XMLStreamException {
        w.writeEmptyElement("link");
        w.writeAttribute("rel", rel);
        w.writeAttribute("href", href);
    }

    private static void text(XMLStreamWriter w, String element, String value) throws XMLStreamException {
        w.writeStartElement(element);
        w.writeCharacters(xmlChars(value));
        w.writeEndElement();
    }

    /** XML 1.0 cannot carry most control characters at all, escaped or not: they are dropped. */
    static String xmlChars(String s) {
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

    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static String xml(Body body) {
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
}
