package dossier.article.control;

import jakarta.persistence.EntityManager;

/** An article writer on a given entity manager, for tests outside the container. */
public final class ArticleWriters {

    private ArticleWriters() {
    }

    public static ArticleWriter on(EntityManager em) {
        ArticleWriter writer = new ArticleWriter();
        writer.em = em;
        return writer;
    }
}
