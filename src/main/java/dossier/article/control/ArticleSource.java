package dossier.article.control;

import dossier.article.entity.Body;
import dossier.article.entity.Revision;
import dossier.article.entity.Status;
import dossier.article.entity.Tag;

import java.time.Instant;
import java.util.List;

/** One content file, read and rendered, ready to be stored as an article. */
public record ArticleSource(
        String slug,
        String title,
        String summary,
        String author,
        List<String> tags,
        Status status,
        Instant publishedAt,
        String aliasPath,
        String markdown,
        Body body,
        String sourcePath,
        String sourceHash,
        boolean slugDeclared) {

    /** The same article, keeping the source file it came from (an edit in the browser keeps that link). */
    public ArticleSource importedFrom(String path, String hash) {
        return new ArticleSource(slug, title, summary, author, tags, status, publishedAt, aliasPath, markdown, body,
                path, hash, slugDeclared);
    }

    /** The tags as the article will carry them: normalized, none empty, each once, in the order given. */
    public List<String> tagNames() {
        return tags.stream().map(Tag::normalize).filter(t -> !t.isEmpty()).distinct().toList();
    }

    /** What a revision of this source keeps. */
    public Revision.Snapshot snapshot() {
        return new Revision.Snapshot(slug, title, summary, author, tagNames(), status, publishedAt, aliasPath, markdown);
    }

    /** The same file at another address, for a slug that was made from a file name another file also has. */
    public ArticleSource withSlug(String other) {
        return new ArticleSource(other, title, summary, author, tags, status, publishedAt, aliasPath, markdown, body,
                sourcePath, sourceHash, slugDeclared);
    }
}
