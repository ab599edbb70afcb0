package dossier.article.entity;

/**
 * Whether readers may see an article (once its publication time has come). An unpublished article was live
 * once and has been withdrawn: its address answers 410 Gone rather than 404.
 */
public enum Status {
    DRAFT, PUBLISHED, UNPUBLISHED;

    /** The statuses as clients and front matter write them, in lower case, as a regular expression. */
    public static final String NAMES = "draft|published|unpublished";
}
