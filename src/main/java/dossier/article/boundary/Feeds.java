package dossier.article.boundary;

import dossier.article.entity.Article;
import dossier.article.entity.Tag;
import dossier.site.control.AtomFeed;
import dossier.site.control.Formats;
import dossier.site.control.SiteAddress;
import dossier.site.control.Xml;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
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
    private static final String SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9";

    @Inject
    Articles articles;

    /** Feeds and the sitemap are the same for everyone: rendered once until something changes. */
    @Inject
    dossier.site.control.PageCache cache;

    @Inject
    SiteAddress site;

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
        return Xml.document(w -> {
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

    private String atom(String title, String page, String self, List<Article> articles) {
        return AtomFeed.of(title, absolute(self), absolute(page), articles.stream().map(a -> new AtomFeed.Entry(
                absolute(Formats.articlePath(a.slug())), a.title(), a.publishedAt(), a.updatedAt(),
                a.author() == null ? "Dossier" : a.author(), List.copyOf(a.tagNames()), a.summary(), a.html())).toList());
    }

    private String absolute(String path) {
        return site.absolute(path);
    }

    private void url(XMLStreamWriter w, String path, Instant modified) throws XMLStreamException {
        w.writeStartElement("url");
        Xml.text(w, "loc", absolute(path));
        if (modified != null) {
            Xml.text(w, "lastmod", Formats.iso(modified));
        }
        w.writeEndElement();
    }
}
