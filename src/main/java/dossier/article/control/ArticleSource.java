package dossier.article.control;

import dossier.article.entity.Body;
import dossier.article.entity.Status;

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
        String sourceHash) {
}
