package dossier.article.control;

import dossier.article.entity.Article;
import dossier.article.entity.Revision;
import dossier.article.entity.Tag;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes what a source says onto an article, and keeps the revision that records it: the one way an editor's
 * save (and a restore) and the file import change an article's text, front matter and tags. Always inside the
 * transaction of the save or import that calls it.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ArticleWriter {

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    /** Every tag by name: a batch adds each new tag once, however many of its articles carry it. */
    public Map<String, Tag> tagsByName() {
        Map<String, Tag> tags = new HashMap<>();
        for (Tag t : em.createNamedQuery(Tag.ALL, Tag.class).getResultList()) {
            tags.put(t.name(), t);
        }
        return tags;
    }

    /**
     * Writes a source's text and front matter onto the article (its slug is the caller's business); tags not in
     * {@code tags} yet are created and added to it. A new article first published in the past counts as revised then.
     */
    public void write(Article article, ArticleSource source, Map<String, Tag> tags, Instant now, boolean created) {
        article.write(source.title(), source.markdown(), source.body(), now);
        if (created && source.publishedAt().isBefore(now)) {
            article.revisedAt(source.publishedAt());
        }
        article.describe(source.summary(), source.author());
        article.schedule(source.status(), source.publishedAt());
        article.aliasAt(source.aliasPath());
        article.importedFrom(source.sourcePath(), source.sourceHash());
        article.tagWith(source.tagNames().stream()
                .map(name -> tags.computeIfAbsent(name, n -> {
                    Tag tag = new Tag(n);
                    em.persist(tag);
                    return tag;
                }))
                .toList());
    }

    /** The number the article's next revision gets. */
    public int nextRevision(Article article) {
        Integer last = em.createNamedQuery(Revision.LAST_NUMBER, Integer.class).setParameter("article", article)
                .getSingleResult();
        return last == null ? 1 : last + 1;
    }

    /** Keeps the source as revision {@code number} of the article; {@code applied}: it is what the article shows. */
    public Revision keep(Article article, int number, ArticleSource source, String editor, Revision.Origin origin,
                         String message, boolean applied, Instant now) {
        Revision revision = new Revision(article, number, source.snapshot(), editor, origin, message, applied, now);
        em.persist(revision);
        return revision;
    }
}
