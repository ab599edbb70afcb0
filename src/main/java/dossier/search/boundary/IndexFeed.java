package dossier.search.boundary;

import dossier.article.boundary.ArticleFeed;
import dossier.article.entity.Article;
import dossier.article.entity.Outline;
import dossier.comment.boundary.Comments;
import dossier.markdown.control.MarkdownRenderer;
import dossier.search.control.IndexedArticle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads what the index needs from the database, inside one transaction: the index is fed from background
 * threads, where an entity manager is only usable (and lazy texts only load) within a transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class IndexFeed {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(IndexFeed.class.getName());

    /**
     * The newest comments of a discussion that go into the index: a thread of 10,000 comments would otherwise
     * be rendered again every time one more arrives.
     */
    static final int DISCUSSION_COMMENTS = 1_000;
    /** Articles read and indexed together: a rebuild, a catch-up or a round of changes goes batch by batch. */
    static final int BATCH = 200;

    @Inject
    ArticleFeed articles;

    @Inject
    Comments comments;

    @Inject
    MarkdownRenderer renderer;

    public List<Long> allIds() {
        return articles.allIds();
    }

    /** Slug → id of every article readers can see now. */
    public Map<String, Long> visibleIds(Instant now) {
        return articles.visibleIds(now);
    }

    /** These articles as the index sees them, each with the plain text of its visible comments. */
    public List<IndexedArticle> load(List<Long> ids, Instant now) {
        List<Article> batch = articles.withIds(ids);
        Map<Long, List<String>> discussions = comments.visibleTexts(batch.stream().map(Article::id).toList());
        List<IndexedArticle> out = new ArrayList<>(batch.size());
        for (Article a : batch) {
            try {
                List<String> texts = discussions.getOrDefault(a.id(), List.of());
                List<String> newest = texts.subList(Math.max(0, texts.size() - DISCUSSION_COMMENTS), texts.size());
                String discussion = String.join("\n\n", newest.stream().map(renderer::plainText).toList());
                List<String> headings = a.outline().stream().map(Outline.Entry::text).toList();
                out.add(new IndexedArticle(a.slug(), a.title(), headings, a.summary(), a.plainText(), a.tagNames(),
                        a.author(), a.publishedAt(), a.isVisibleAt(now), discussion,
                        List.copyOf(dossier.article.control.Links.targets(a.html()))));
            } catch (RuntimeException | StackOverflowError e) {
                // One article must not stop the index: the others of the batch, and later changes, still go in.
                LOG.warning(() -> "Search index: article " + a.slug() + " left out, it could not be read for indexing: " + e);
            }
        }
        return out;
    }
}
