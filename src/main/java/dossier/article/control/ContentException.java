package dossier.article.control;

/** A content file that cannot become an article; the message says why, in words an editor understands. */
public class ContentException extends Exception {
    public ContentException(String reason) {
        super(reason);
    }
}
